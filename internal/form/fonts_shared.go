package form

import "github.com/go-pdf/fpdf"

// FontFamily is the name under which AddFonts registers the embedded fonts.
const FontFamily = family

// AddFonts registers the embedded DejaVu Sans (regular "" and bold "B"), which print every
// Vietnamese letter, on a PDF being built elsewhere (e.g. the reports), under FontFamily.
func AddFonts(p *fpdf.Fpdf) {
	p.AddUTF8FontFromBytes(family, "", fontRegular)
	p.AddUTF8FontFromBytes(family, "B", fontBold)
}

// Printable normalises s to NFC and replaces what the embedded fonts cannot print by '?'.
func Printable(s string) string { return nfc(s) }
