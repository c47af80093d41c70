package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The fold tables map a precomposed Latin letter to its lower-case ASCII base
// letter, or hold 0 where the rune has no such base.
const (
	latinLo    = 0x00C0 // À
	latinHi    = 0x0250 // end of Latin Extended-B
	latinExtLo = 0x1E00 // Latin Extended Additional (most Vietnamese letters)
	latinExtHi = 0x1F00
)

var (
	latinTable    [latinHi - latinLo]byte
	latinExtTable [latinExtHi - latinExtLo]byte
)

func init() {
	fill := func(table []byte, lo rune) {
		for i := range table {
			r := lo + rune(i)
			d := norm.NFD.String(string(r))
			b := d[0]
			if b < utf8.RuneSelf && ('a' <= b|0x20 && b|0x20 <= 'z') {
				table[i] = b | 0x20
			}
		}
	}
	fill(latinTable[:], latinLo)
	fill(latinExtTable[:], latinExtLo)
	// Letters with a stroke do not decompose. Đ/đ is Vietnamese; the Icelandic
	// eth Ð/ð is a common look-alike typed in its place.
	for _, r := range []rune{'Đ', 'đ', 'Ð', 'ð'} {
		latinTable[r-latinLo] = 'd'
	}
}

// String returns the search key of s: lower case, without diacritics, with
// đ/Đ as d, white space runs collapsed to one ASCII space and trimmed at both
// ends. It never fails; invalid UTF-8 bytes are dropped.
func String(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending before the next non-space rune
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || ('\t' <= c && c <= '\r'):
				space = b.Len() > 0
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			continue
		}
		if base := lookup(r); base != 0 { // the common case: a Vietnamese letter
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(base)
			continue
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.Is(unicode.Mn, r) { // a combining mark of decomposed input
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		writeSlow(&b, r)
	}
	return b.String()
}

// lookup returns the ASCII base letter of a precomposed Latin rune, or 0.
func lookup(r rune) byte {
	switch {
	case latinLo <= r && r < latinHi:
		return latinTable[r-latinLo]
	case latinExtLo <= r && r < latinExtHi:
		return latinExtTable[r-latinExtLo]
	}
	return 0
}

// writeSlow folds a rune outside the tables: decompose, drop marks, lower.
func writeSlow(b *strings.Builder, r rune) {
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
}

// isFolded reports whether s is already its own fold: ASCII without upper
// case, without leading, trailing or repeated spaces and without other white
// space. It lets String return without allocating.
func isFolded(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', '\t' <= c && c <= '\r':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

// Contains reports whether the fold of needle occurs in the fold of
// haystack. An empty needle is contained in everything.
func Contains(haystack, needle string) bool {
	return strings.Contains(String(haystack), String(needle))
}

// Equal reports whether a and b have the same fold.
func Equal(a, b string) bool {
	return String(a) == String(b)
}
