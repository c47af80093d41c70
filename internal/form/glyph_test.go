package form

import (
	"io/fs"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The cmap reader knows the letters the forms need and nothing the font
// lacks.
func TestCmapRunes(t *testing.T) {
	for name, b := range map[string][]byte{"regular": fontRegular, "bold": fontBold} {
		m, err := cmapRunes(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range "AZaz09ĂÂĐÊÔƠƯăâđêôơưộạữặỹẤỰỳ“”–…→₫" {
			if !m[r] {
				t.Errorf("%s: no glyph for %q (U+%04X)", name, r, r)
			}
		}
		for _, r := range []rune{0x4E00, 0x1F600, 0xAC00} {
			if m[r] {
				t.Errorf("%s: claims a glyph for U+%04X", name, r)
			}
		}
	}
	if _, err := cmapRunes([]byte("not a font at all")); err == nil {
		t.Error("garbage parsed as a font")
	}
	if got := nfc("Hà Nội 中 😀"); got != "Hà Nội ? ?" {
		t.Errorf("nfc = %q", got)
	}
	// Decomposed input (NFD) prints as the precomposed letters.
	if got := nfc(norm.NFD.String("Tuyết")); got != "Tuyết" {
		t.Errorf("nfc(NFD) = %q", got)
	}
}

// checkGlyphs fails on any rune of s that the embedded fonts cannot print.
func checkGlyphs(t *testing.T, s string) {
	t.Helper()
	cov := covered()
	missing := map[rune]bool{}
	for _, r := range norm.NFC.String(s) {
		if r > ' ' && !cov[r] {
			missing[r] = true
		}
	}
	for r := range missing {
		t.Errorf("no glyph for %q (U+%04X)", r, r)
	}
}

// Every wording of every set and every text of the fixtures has glyphs, so
// nfc replaces none of them.
func TestWordingHasGlyphs(t *testing.T) {
	var all strings.Builder
	err := fs.WalkDir(setFiles, "sets", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := setFiles.ReadFile(path)
		all.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(append([]string{unitName, parentName, applicant, officer, specialist, leader, reasonLate, "Bắc Ninh"},
		refuseReasons...), "Giấy chứng sinh", "Tờ khai đăng ký khai sinh") {
		all.WriteString(s)
	}
	for _, it := range guidanceItems {
		all.WriteString(it.Name + it.Reason)
	}
	checkGlyphs(t, all.String())
	if strings.ContainsRune(nfc(all.String()), '?') != strings.ContainsRune(all.String(), '?') {
		t.Error("nfc replaced a rune of the wording")
	}
}
