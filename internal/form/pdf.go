package form

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// The embedded font: DejaVu Sans and DejaVu Sans Bold, whose licence
// (fonts/LICENSE) allows redistribution, and which have every Vietnamese
// letter. Italics are the regular face slanted (see italic), as DejaVu Sans
// Oblique is: a third font would cost every document another parse.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// slant is the angle of the synthetic italics, in degrees (DejaVu Sans
// Oblique leans about 11°).
const slant = 11

// family is the font family name the documents use.
const family = "dejavu"

// doc is one PDF being laid out: a form of a set.
type doc struct {
	pdf      *fpdf.Fpdf
	set      *circular
	spec     spec
	fs       float64 // base font size, pt
	lh       float64 // base line height, mm
	m        float64 // margin, mm
	pw, ph   float64 // page size, mm
	w        float64 // usable width, mm
	missing  []string
	noNumber bool // the register: no "Số:" line
}

// newDoc starts the PDF of a form: page size from the set, fonts, one page.
func newDoc(c *circular, s spec, printed time.Time) *doc {
	size := fpdf.SizeType{Wd: 148, Ht: 210}
	if s.Page == "A4" {
		size = fpdf.SizeType{Wd: 210, Ht: 297}
	}
	orient := "P"
	if s.Orientation == "L" {
		orient = "L"
	}
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", Size: size})
	addFonts(p)
	d := &doc{pdf: p, set: c, spec: s}
	d.pw, d.ph = p.GetPageSize()
	short := min(d.pw, d.ph)
	switch {
	case s.Page == "A4" && orient == "L": // the register: a wide table
		d.fs, d.m = 8, 12
	case short < 150: // A5
		d.fs, d.m = 8.5, 10
	default:
		d.fs, d.m = 10.5, 18
	}
	d.lh = d.lineH(0)
	d.w = d.pw - 2*d.m
	p.SetMargins(d.m, d.m, d.m)
	p.SetAutoPageBreak(true, d.m)
	p.SetCellMargin(0.8)
	p.SetTitle(nfc(s.Title), true)
	p.SetCreator("motcua", true)
	if !printed.IsZero() {
		p.SetCreationDate(printed)
		p.SetModificationDate(printed)
	}
	p.AddPage()
	return d
}

// finish writes the PDF; it returns an Internal fault naming a missing
// wording (a set lacking a key the layout needs) or fpdf's error.
func (d *doc) finish(w io.Writer) error {
	if len(d.missing) > 0 {
		return fault.Wrap(fmt.Errorf("set %s, %s: missing wording %s", d.set.ID, d.spec.Title, strings.Join(d.missing, ", ")), "form")
	}
	if err := d.pdf.Output(w); err != nil {
		return fault.Wrap(err, "form: write pdf")
	}
	return nil
}

// t returns the wording of key with placeholders filled; a missing key is
// recorded and makes finish fail.
func (d *doc) t(key string, pairs ...string) string {
	s, ok := d.set.text(d.spec, key, pairs...)
	if !ok {
		d.missing = append(d.missing, key)
		return key
	}
	return s
}

// nfc normalises s to NFC and replaces what the embedded font cannot print
// (control characters but newlines, runes without a glyph) by '?', so that
// nothing prints as an empty box.
func nfc(s string) string {
	s = norm.NFC.String(s)
	cov := covered()
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < 0x20 || !cov[r]:
			return '?'
		}
		return r
	}, s)
}

// font sets the style ("" or "B"; "I" prints upright: italics go through
// italic) and the size relative to the base (delta pt).
func (d *doc) font(style string, delta float64) {
	if style == "I" {
		style = ""
	}
	d.pdf.SetFont(family, style, d.fs+delta)
}

// italic prints text in italics wrapped to the column [x, x+w] from the
// current y, aligned "L", "C" or "R": each line is the regular face slanted
// about its own baseline. It returns the y after it.
func (d *doc) italic(x, w float64, text, align string, delta float64) float64 {
	p := d.pdf
	d.font("", delta)
	lh := d.lineH(delta)
	y := p.GetY()
	for _, line := range p.SplitText(nfc(text), w) {
		if y+lh > d.ph-d.m {
			p.AddPage()
			d.font("", delta)
			y = p.GetY()
		}
		p.TransformBegin()
		p.TransformSkewX(slant, x, y+lh/2)
		p.SetXY(x, y)
		p.CellFormat(w, lh, line, "", 0, align, false, 0, "")
		p.TransformEnd()
		y += lh
	}
	p.SetXY(x, y)
	return y
}

// lineH returns the line height for a size delta.
func (d *doc) lineH(delta float64) float64 { return (d.fs + delta) * 0.3528 * 1.38 }

// centered prints text centred in the column [x, x+w] from the current y,
// wrapping; it returns the y after it.
func (d *doc) centered(x, w float64, text, style string, delta float64) float64 {
	if style == "I" {
		return d.italic(x, w, text, "C", delta)
	}
	d.font(style, delta)
	d.pdf.SetX(x)
	d.pdf.MultiCell(w, d.lineH(delta), nfc(text), "", "C", false)
	return d.pdf.GetY()
}

// rule draws a horizontal line of length l centred in [x, x+w] at y.
func (d *doc) rule(x, w, l, y float64) {
	d.pdf.SetLineWidth(0.25)
	d.pdf.Line(x+(w-l)/2, y, x+(w+l)/2, y)
}

// header lays out the top of a form: the QR code at the top left, the form's
// number and legal basis at the top right, then the two columns (agency and
// "Số:" on the left; the nation, the motto and the place and date on the
// right). It leaves y below the taller column.
func (d *doc) header(parent, unit, number, place string, date time.Time, qr []byte) error {
	p := d.pdf
	q := 18.0
	if d.fs > 10 {
		q = 22
	}
	top := d.m - 3
	if len(qr) > 0 {
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		p.RegisterImageOptionsReader("qr", opt, bytes.NewReader(qr))
		p.ImageOptions("qr", d.m-1, top, q, q, false, opt, 0, "")
	}
	// Form number and basis, top right.
	bw := d.w - q - 4
	p.SetXY(d.pw-d.m-bw, top+1)
	d.font("B", -0.5)
	p.CellFormat(bw, d.lineH(-0.5), nfc(d.spec.Number), "", 2, "R", false, 0, "")
	d.italic(d.pw-d.m-bw, bw, d.set.Basis, "R", -2)
	y := max(p.GetY(), top+q) + 2
	if len(qr) == 0 {
		y = p.GetY() + 2
	}
	// Left column: parent body, unit (bold caps), rule, "Số:".
	lw := d.w * 0.42
	rx, rw := d.m+lw, d.w-lw
	p.SetY(y)
	ly := y
	if parent = strings.TrimSpace(parent); parent != "" {
		ly = d.centered(d.m, lw, strings.ToUpper(nfc(parent)), "", -0.5)
	}
	p.SetY(ly)
	ly = d.centered(d.m, lw, strings.ToUpper(nfc(unit)), "B", -0.5)
	d.rule(d.m, lw, lw*0.35, ly+0.8)
	p.SetY(ly + 2)
	if d.noNumber {
		ly += 2
	} else if number != "" {
		ly = d.centered(d.m, lw, d.t("number", "code", number), "", -0.5)
	} else {
		ly = d.centered(d.m, lw, d.t("number", "code", d.t("placeholder")), "", -0.5)
	}
	// Right column: nation, motto underlined, place and date.
	p.SetY(y)
	ry := d.centered(rx, rw, d.t("nation"), "B", -0.5)
	p.SetY(ry)
	motto := d.t("motto")
	ry = d.centered(rx, rw, motto, "B", 0)
	d.font("B", 0)
	d.rule(rx, rw, p.GetStringWidth(nfc(motto)), ry+0.3)
	p.SetY(ry + 2)
	if place = strings.TrimSpace(place); place == "" {
		place = d.t("placeholder")
	}
	ry = d.centered(rx, rw, dateLine(d, place, date), "I", -0.5)
	p.SetY(max(ly, ry) + 4)
	return nil
}

// title prints the form's title, centred and bold, and optional lines under
// it in italics.
func (d *doc) title(sub ...string) {
	y := d.centered(d.m, d.w, d.spec.Title, "B", 1.5)
	for _, s := range sub {
		if s != "" {
			d.pdf.SetY(y)
			y = d.centered(d.m, d.w, s, "I", -0.5)
		}
	}
	d.pdf.SetY(y + 2.5)
}

// field prints "label value" as one flowing paragraph: the label in regular
// type, the value in bold. More pairs follow on the same line, spaced.
func (d *doc) field(label, value string, more ...string) {
	p := d.pdf
	p.SetX(d.m)
	pairs := append([]string{label, value}, more...)
	for i := 0; i+1 < len(pairs); i += 2 {
		d.font("", 0)
		if i > 0 {
			p.Write(d.lh, "    ")
		}
		p.Write(d.lh, nfc(pairs[i])+" ")
		d.font("B", 0)
		p.Write(d.lh, nfc(pairs[i+1]))
	}
	p.Ln(d.lh)
}

// need starts a new page unless h mm are left above the bottom margin.
func (d *doc) need(h float64) {
	if d.pdf.GetY()+h > d.ph-d.m {
		d.pdf.AddPage()
	}
}

// para prints a paragraph in the style, wrapped to the page width.
func (d *doc) para(text, style string) {
	if style == "I" {
		d.italic(d.m, d.w, text, "L", 0)
		return
	}
	d.font(style, 0)
	d.pdf.SetX(d.m)
	d.pdf.MultiCell(d.w, d.lh, nfc(text), "", "J", false)
}

// numbered prints "n. text" where text may hold "{value}" spans written in
// bold: fixed wording in regular type, the dossier's data in bold.
func (d *doc) numbered(n *int, text string) {
	*n++
	d.rich(fmt.Sprintf("%d. %s", *n, text))
}

// rich prints a paragraph in which the spans marked by b are bold.
func (d *doc) rich(text string) {
	p := d.pdf
	p.SetX(d.m)
	bold := false
	var seg strings.Builder
	flush := func() {
		if seg.Len() == 0 {
			return
		}
		if bold {
			d.font("B", 0)
		} else {
			d.font("", 0)
		}
		p.Write(d.lh, nfc(seg.String()))
		seg.Reset()
	}
	for _, r := range text {
		switch string(r) {
		case bOn:
			flush()
			bold = true
		case bOff:
			flush()
			bold = false
		default:
			seg.WriteRune(r)
		}
	}
	flush()
	p.Ln(d.lh)
}

// The markers of a bold span in rich text.
const (
	bOn  = "\u0001"
	bOff = "\u0002"
)

// b marks s as bold in rich text.
func b(s string) string { return bOn + s + bOff }

// signature is one signature block: who signs, the hint, the name.
type signature struct {
	Role, Hint, Name string
}

// signatures prints the blocks side by side at the bottom of the text; a
// single block goes on the right half. Left-hand notes (recipients) may be
// given; they print in small type in the first column.
func (d *doc) signatures(notes string, blocks ...signature) {
	p := d.pdf
	need := d.lh*4 + 18
	if p.GetY()+need > d.ph-d.m {
		p.AddPage()
	}
	y := p.GetY() + 3
	cols := len(blocks)
	start := 0.0
	if cols == 1 {
		cols, start = 2, 1
	}
	cw := d.w / float64(cols)
	if notes != "" {
		p.SetXY(d.m, y)
		lines := strings.SplitN(nfc(notes), "\n", 2)
		d.font("B", -1.5)
		p.MultiCell(cw, d.lineH(-1.5), lines[0], "", "L", false)
		if len(lines) > 1 {
			d.font("", -2)
			p.SetX(d.m)
			p.MultiCell(cw, d.lineH(-2), lines[1], "", "L", false)
		}
	}
	bottom := y
	for i, s := range blocks {
		x := d.m + cw*(float64(i)+start)
		p.SetY(y)
		yy := d.centered(x, cw, s.Role, "B", 0)
		p.SetY(yy)
		yy = d.centered(x, cw, s.Hint, "I", -1)
		p.SetY(yy + 14)
		yy = d.centered(x, cw, s.Name, "B", 0)
		bottom = max(bottom, yy)
	}
	p.SetY(bottom)
}

// dateLine returns "Bắc Ninh, ngày 26 tháng 11 năm 2026" for t in
// calendar.Location, with the leading zero official documents use for days
// below 10 and for January and February.
func dateLine(d *doc, place string, t time.Time) string {
	day, month, year := parts(t)
	return d.t("date_line", "place", place, "day", day, "month", month, "year", year)
}

// longTime returns "09 giờ 30 phút, ngày 26 tháng 11 năm 2026", or the
// placeholder for a zero time.
func longTime(d *doc, t time.Time) string {
	if t.IsZero() {
		return d.t("placeholder")
	}
	t = t.In(calendar.Location)
	day, month, year := parts(t)
	return d.t("time_long", "hour", fmt.Sprintf("%02d", t.Hour()), "minute", fmt.Sprintf("%02d", t.Minute()),
		"day", day, "month", month, "year", year)
}

// parts returns the day, month and year of t in calendar.Location as
// official documents write them.
func parts(t time.Time) (day, month, year string) {
	t = t.In(calendar.Location)
	day = fmt.Sprintf("%02d", t.Day())
	month = fmt.Sprint(int(t.Month()))
	if t.Month() < 3 {
		month = fmt.Sprintf("%02d", int(t.Month()))
	}
	return day, month, fmt.Sprint(t.Year())
}

// stamp returns "09:30 26/11/2026" in calendar.Location, "" for a zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Location).Format("15:04 02/01/2006")
}

// dateVN returns "26/11/2026" in calendar.Location, "" for a zero time.
func dateVN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.Location).Format("02/01/2006")
}
