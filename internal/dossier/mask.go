package dossier

import "strings"

// MaskName hides most of a person's name for public pages: each word keeps its first letter, the
// rest become "*" ("Nguyễn Văn An" → "N***** V** A*"). It never fails; "" stays "".
func MaskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		r := []rune(w)
		words[i] = string(r[0]) + strings.Repeat("*", len(r)-1)
	}
	return strings.Join(words, " ")
}
