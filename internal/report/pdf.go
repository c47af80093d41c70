package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/form"
)

// ShortTitle is the title of report II.06a as its PDF prints it.
const ShortTitle = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"

// pdfColumns are the widths (mm) of the 14 columns of the PDF table on A4 landscape with 10 mm
// margins: STT, the row's name, the eleven counts and the rate.
var pdfColumns = []float64{10, 60, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 20}

// pdfGroups are the first header row's groups over the counts: (3)–(6), (7)–(10), (11)–(13).
var pdfGroups = []struct {
	text     string
	from, to int // column indexes, both included
}{
	{"Số hồ sơ nhận giải quyết", 2, 5},
	{"Số hồ sơ đã giải quyết", 6, 9},
	{"Số hồ sơ đang giải quyết", 10, 12},
}

// pdfLabels are the second header row's labels of the counts (3) to (13).
var pdfLabels = []string{"Tổng số", "Trực tuyến", "Trực tiếp, bưu chính", "Từ kỳ trước chuyển qua", "Tổng số",
	"Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"}

// NameHeader is the heading of the column naming the rows: Lĩnh vực, Thủ tục hành chính or Đơn vị.
func NameHeader(by Grouping) string {
	switch by {
	case ByProcedure:
		return "Thủ tục hành chính"
	case ByUnit:
		return "Đơn vị"
	}
	return "Lĩnh vực"
}

// RowName is the name of a row as the exports print it: the procedure's code before its name, and
// a unit's mark after it, e.g. "Xã Phật Tích (đã sáp nhập)".
func RowName(by Grouping, r Row) string {
	name := r.Field
	if by == ByProcedure && r.Code != "" && r.Code != r.Field {
		name = r.Code + " - " + name
	}
	if l := r.Mark.LabelVI(); l != "" {
		name += " " + l
	}
	return name
}

// PDF writes report II.06a as an A4 landscape document laid out like the official sheet: the unit
// and the national motto in the header, the form number, the title, the period and the unit
// structure followed, the header of columns (1) to (13) with their labels, one row per field
// (procedure or unit), the total, and the place for signatures dated printed. Figures are written
// the Vietnamese way (12.450; 97,99%). It returns an Internal error when the PDF cannot be written.
func PDF(w io.Writer, s Settlement, printed time.Time) error {
	p := fpdf.New("L", "mm", "A4", "")
	form.AddFonts(p)
	const m = 10.0
	p.SetMargins(m, m, m)
	p.SetAutoPageBreak(false, m)
	p.SetTitle(form.Printable(ShortTitle), true)
	p.SetCreator("motcua", true)
	p.AddPage()
	pw, ph := p.GetPageSize()
	font := func(style string, size float64) { p.SetFont(form.FontFamily, style, size) }
	text := func(x, y, w float64, s, style string, size float64, align string) {
		font(style, size)
		p.SetXY(x, y)
		p.CellFormat(w, size*0.3528*1.4, form.Printable(s), "", 0, align, false, 0, "")
	}

	// Header: the unit on the left, the motto on the right, the form number above it.
	half := (pw - 2*m) / 2
	text(pw-m-half, m-4, half, FormNumber, "", 8, "R")
	unitName := strings.ToUpper(s.Unit.Name)
	text(m, m+2, half, unitName, "B", 10, "C")
	text(pw-m-half, m+2, half, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", 10, "C")
	text(pw-m-half, m+7, half, "Độc lập - Tự do - Hạnh phúc", "B", 10, "C")
	p.Line(pw-m-half/2-22, m+12.5, pw-m-half/2+22, m+12.5)
	p.Line(m+half/2-15, m+8, m+half/2+15, m+8)

	// Title, period, scope.
	y := m + 17
	text(m, y, pw-2*m, ShortTitle, "B", 13, "C")
	y += 7
	period := s.Period.Label()
	if s.Period.Kind == "" {
		period = Period{From: s.From, To: s.To}.Label()
	}
	if s.Period.Kind != "" && s.Period.Kind != PeriodCustom {
		period += " (từ ngày " + s.From.In(calendar.Location).Format("02/01/2006") + " đến ngày " + s.To.In(calendar.Location).Format("02/01/2006") + ")"
	}
	text(m, y, pw-2*m, "Kỳ báo cáo: "+period, "", 10, "C")
	y += 5.5
	scope := "Đơn vị: " + s.Unit.Name + " (" + s.Unit.Code + ")"
	if s.Subtree {
		scope += ", gồm các đơn vị trực thuộc"
	}
	if s.AsOf != "" {
		if t, err := time.Parse("2006-01-02", s.AsOf); err == nil {
			scope += "; cơ cấu đơn vị tại ngày " + t.Format("02/01/2006")
		}
	}
	if s.Merge {
		scope += "; đơn vị đã sáp nhập tính vào đơn vị kế thừa"
	}
	text(m, y, pw-2*m, scope, "", 9, "C")
	y += 7

	// The table.
	x0 := m
	colX := make([]float64, len(pdfColumns)+1)
	colX[0] = x0
	for i, w := range pdfColumns {
		colX[i+1] = colX[i] + w
	}
	box := func(x, y, w, h float64, s, style string, size float64, align string) {
		font(style, size)
		p.Rect(x, y, w, h, "D")
		lines := p.SplitText(form.Printable(s), w-1.6)
		lh := size * 0.3528 * 1.3
		top := y + (h-lh*float64(len(lines)))/2
		if align == "L" {
			top = y + 0.8
		}
		for i, l := range lines {
			p.SetXY(x+0.8, top+lh*float64(i))
			p.CellFormat(w-1.6, lh, l, "", 0, align, false, 0, "")
		}
	}
	header := func(y float64) float64 {
		const h1, h2, h3 = 7.0, 14.0, 5.0
		box(colX[0], y, pdfColumns[0], h1+h2, "STT", "B", 7.5, "C")
		box(colX[1], y, pdfColumns[1], h1+h2, NameHeader(s.By), "B", 8, "C")
		for _, g := range pdfGroups {
			box(colX[g.from], y, colX[g.to+1]-colX[g.from], h1, g.text, "B", 8, "C")
		}
		for i, l := range pdfLabels {
			box(colX[i+2], y+h1, pdfColumns[i+2], h2, l, "", 7.5, "C")
		}
		box(colX[13], y, pdfColumns[13], h1+h2, "Tỷ lệ đúng hạn (%)", "B", 8, "C")
		for i := range pdfColumns {
			box(colX[i], y+h1+h2, pdfColumns[i], h3, "("+strconv.Itoa(i+1)+")", "", 7.5, "C")
		}
		return y + h1 + h2 + h3
	}
	y = header(y)
	line := func(no string, r Row, style string) {
		name := RowName(s.By, r)
		font(style, 8)
		lines := p.SplitText(form.Printable(name), pdfColumns[1]-1.6)
		h := max(6, float64(len(lines))*8*0.3528*1.3+1.6)
		if y+h > ph-m {
			p.AddPage()
			y = header(m)
		}
		box(colX[0], y, pdfColumns[0], h, no, style, 8, "C")
		box(colX[1], y, pdfColumns[1], h, name, style, 8, "L")
		for i, v := range []int64{r.Received, r.ReceivedOnline, r.ReceivedDirect, r.CarriedOver, r.Resolved, r.ResolvedEarly,
			r.ResolvedOnTime, r.ResolvedLate, r.Pending, r.PendingWithin, r.PendingOverdue} {
			box(colX[i+2], y, pdfColumns[i+2], h, FormatInt(v), style, 8, "R")
		}
		box(colX[13], y, pdfColumns[13], h, FormatPercent(r.OnTimeRate), style, 8, "R")
		y += h
	}
	for i, r := range s.Rows {
		line(strconv.Itoa(i+1), r, "")
	}
	total := s.Total
	total.Field, total.Code, total.Mark = "Tổng cộng", "", MarkNone
	line("", total, "B")

	// Date and signatures.
	if y+32 > ph-m {
		p.AddPage()
		y = m
	}
	y += 5
	d := printed.In(calendar.Location)
	text(pw-m-half, y, half, fmt.Sprintf("Ngày %02d tháng %02d năm %d", d.Day(), int(d.Month()), d.Year()), "", 9, "C")
	y += 5
	text(m, y, half, "NGƯỜI LẬP BIỂU", "B", 9, "C")
	text(pw-m-half, y, half, "THỦ TRƯỞNG ĐƠN VỊ", "B", 9, "C")
	y += 4.5
	text(m, y, half, "(Ký, ghi rõ họ tên)", "", 8, "C")
	text(pw-m-half, y, half, "(Ký tên, đóng dấu)", "", 8, "C")

	if err := p.Output(w); err != nil {
		return fault.Wrap(err, "report: write pdf")
	}
	return nil
}

// FormatInt writes n the Vietnamese way, with dots between thousands: 12.450.
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatPercent writes a rate with two decimals the Vietnamese way: 97,99%.
func FormatPercent(rate float64) string {
	return strings.Replace(strconv.FormatFloat(rate, 'f', 2, 64), ".", ",", 1) + "%"
}
