package dossier

import (
	"crypto/subtle"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// DefaultCodeFormat is the dossier code of Decree 118 Art. 28 (Circular
// 01/2018 Art. 19): <unit identifier>-<YYMMDD>-<NNNN>, e.g.
// 000.17.22.H56-210531-0001.
const DefaultCodeFormat = "{unit}-{yymmdd}-{seq4}"

// The placeholders a code format may use: the unit identifier, the receipt
// day (in Vietnam time) in two shapes, and the day's sequence number either
// padded to 4 digits (growing to 5 and more beyond 9999) or as is.
var codePlaceholders = []string{"{unit}", "{yymmdd}", "{yyyymmdd}", "{seq4}", "{seq}"}

var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// ValidateCodeFormat checks a code format setting: only known placeholders,
// and exactly one sequence ({seq4} or {seq}) so that codes are unique per
// prefix and day. It returns an Invalid fault on the field "code_format" with
// key dossier.code_format.invalid otherwise.
func ValidateCodeFormat(format string) error {
	seqs := 0
	for _, ph := range placeholder.FindAllString(format, -1) {
		if !slices.Contains(codePlaceholders, ph) {
			return fieldErr("code_format", keyCodeFormat, format)
		}
		if strings.HasPrefix(ph, "{seq") {
			seqs++
		}
	}
	if seqs != 1 || strings.Count(format, "{") != strings.Count(format, "}") {
		return fieldErr("code_format", keyCodeFormat, format)
	}
	return nil
}

// Code returns a dossier code from format (DefaultCodeFormat if empty): the
// unit's electronic identifier, the receipt day in Vietnam time and the day's
// sequence number seq (1 for the first dossier of that prefix and day;
// {seq4} pads it to 4 digits and lets it grow beyond 9999: 10000 stays
// 10000). The store allocates seq; Code cannot fail (check the format once
// with ValidateCodeFormat).
func Code(format, unitCode string, day time.Time, seq int) string {
	if format == "" {
		format = DefaultCodeFormat
	}
	d := day.In(calendar.Location)
	return strings.NewReplacer(
		"{unit}", unitCode,
		"{yymmdd}", d.Format("060102"),
		"{yyyymmdd}", d.Format("20060102"),
		"{seq4}", fmt.Sprintf("%04d", seq),
		"{seq}", fmt.Sprint(seq),
	).Replace(format)
}

// SecretAlphabet is the alphabet of lookup secrets: digits and capital
// letters without the look-alikes 0, O, 1, I and L (31 symbols).
const SecretAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// SecretLength is the length of a lookup secret (31^6, about 887 million).
const SecretLength = 6

// NewSecret returns a lookup secret of SecretLength symbols of
// SecretAlphabet drawn uniformly from r (crypto/rand.Reader in production, a
// fixed reader in tests). It returns an Internal fault wrapping r's error if
// r fails.
func NewSecret(r io.Reader) (string, error) {
	const n = len(SecretAlphabet)
	const limit = 256 - 256%n // reject bytes ≥ limit so that every symbol is equally likely
	out := make([]byte, 0, SecretLength)
	buf := make([]byte, 2*SecretLength)
	for len(out) < SecretLength {
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", fault.Wrap(err, "dossier: lookup secret")
		}
		for _, b := range buf {
			if int(b) < limit && len(out) < SecretLength {
				out = append(out, SecretAlphabet[int(b)%n])
			}
		}
	}
	return string(out), nil
}

// NormalizeSecret returns a secret as typed by a person in canonical form:
// spaces removed, upper case.
func NormalizeSecret(s string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// ValidSecret reports whether s (after NormalizeSecret) is SecretLength
// symbols of SecretAlphabet.
func ValidSecret(s string) bool {
	s = NormalizeSecret(s)
	if len(s) != SecretLength {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune(SecretAlphabet, r) {
			return false
		}
	}
	return true
}

// SecretMatches reports whether typed (after NormalizeSecret) is the
// dossier's lookup secret, in constant time. A dossier without a secret
// matches nothing.
func SecretMatches(d Dossier, typed string) bool {
	if d.LookupSecret == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(NormalizeSecret(typed)), []byte(d.LookupSecret)) == 1
}
