package feedback

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The patterns of personal data scrubbed from public texts: e-mail addresses; runs of 9 or more
// digits, possibly split by spaces, dots or dashes, or starting with +84 (phone numbers, identity
// card numbers of 9 or 12 digits, social insurance numbers).
var (
	emailInText = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+`)
	digitsRun   = regexp.MustCompile(`(\+84|\b)\d(?:[ .\-]?\d){8,}\b`)
	// dossierCode is a dossier code (000.31.21.H06-260309-0001): not personal, kept as written.
	dossierCode = regexp.MustCompile(`\b\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}\b`)
)

// minNameMask is the shortest sender's name (in characters) searched for in texts: a shorter one
// ("An") would also hit ordinary words.
const minNameMask = 5

// Masked is what replaces a scrubbed piece of personal data.
const Masked = "***"

// MaskName hides most of a person's name: each word keeps its first letter ("Nguyễn Văn An" →
// "N***** V** A*"). "" stays "".
func MaskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		r := []rune(w)
		words[i] = string(r[0]) + strings.Repeat("*", len(r)-1)
	}
	return strings.Join(words, " ")
}

// MaskText returns text with personal data removed: e-mail addresses, phone and identity numbers,
// the sender's name, phone and e-mail, and the dossier's lookup secret if the sender wrote it.
func (f Feedback) MaskText(text string) string {
	text = emailInText.ReplaceAllString(text, Masked)
	var b strings.Builder
	last := 0
	for _, loc := range dossierCode.FindAllStringIndex(text, -1) {
		b.WriteString(digitsRun.ReplaceAllString(text[last:loc[0]], Masked))
		b.WriteString(text[loc[0]:loc[1]])
		last = loc[1]
	}
	b.WriteString(digitsRun.ReplaceAllString(text[last:], Masked))
	text = b.String()
	var pairs []string
	for _, s := range []string{f.Phone, f.Email} {
		if len(strings.TrimSpace(s)) >= 3 {
			pairs = append(pairs, s, Masked)
		}
	}
	if name := strings.TrimSpace(f.Name); utf8.RuneCountInString(name) >= minNameMask {
		pairs = append(pairs, name, MaskName(name))
	}
	if len(pairs) > 0 {
		text = strings.NewReplacer(pairs...).Replace(text)
	}
	return text
}

// maskSecret removes a dossier lookup secret from text: called at submission, as the secret is
// checked and never stored.
func maskSecret(text, secret string) string {
	if len(secret) < 4 {
		return text
	}
	return strings.ReplaceAll(text, secret, Masked)
}
