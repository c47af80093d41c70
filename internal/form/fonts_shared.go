package form

import (
	"bytes"

	"github.com/go-pdf/fpdf"
)

// FontFamily is the name under which AddFonts registers the embedded fonts.
const FontFamily = family

// AddFonts registers the embedded DejaVu Sans (regular "" and bold "B"), which print every
// Vietnamese letter, on a PDF being built elsewhere (e.g. the reports), under FontFamily.
func AddFonts(p *fpdf.Fpdf) { addFonts(p) }

// addFonts registers the embedded fonts on a PDF, each from its own copy: fpdf writes into the font
// data it is given while it subsets the font (utf8FontFile.getMetrics), so two documents built at
// once from the same bytes would corrupt each other's fonts.
func addFonts(p *fpdf.Fpdf) {
	p.AddUTF8FontFromBytes(family, "", bytes.Clone(fontRegular))
	p.AddUTF8FontFromBytes(family, "B", bytes.Clone(fontBold))
}

// Printable normalises s to NFC and replaces what the embedded fonts cannot print by '?'.
func Printable(s string) string { return nfc(s) }
