package report

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// Title is the title of report II.06a as the official sheet prints it.
const Title = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"

// FormNumber is the number of the form of report II.06a in Circular 01/2020/TT-VPCP.
const FormNumber = "Biểu số II.06a/VPCP/KSTT"

// header is one cell of the two-level header: its text, the columns it spans on its row (first and
// last, 1-based) and whether it spans both header rows.
type header struct {
	text      string
	from, to  int
	bothRows  bool
	secondRow bool
}

// settlementHeaders is the header of the sheet: (1) STT, (2) Lĩnh vực, the totals (3), (7) and (11)
// spanning both rows, and their parts under a "Trong đó" on the first row; then the on-time rate.
var settlementHeaders = []header{
	{text: "STT", from: 1, to: 1, bothRows: true},
	{text: "Lĩnh vực", from: 2, to: 2, bothRows: true},
	{text: "Tổng số hồ sơ tiếp nhận", from: 3, to: 3, bothRows: true},
	{text: "Trong đó", from: 4, to: 6},
	{text: "Trực tuyến", from: 4, to: 4, secondRow: true},
	{text: "Trực tiếp, dịch vụ bưu chính", from: 5, to: 5, secondRow: true},
	{text: "Từ kỳ trước chuyển qua", from: 6, to: 6, secondRow: true},
	{text: "Số hồ sơ đã giải quyết", from: 7, to: 7, bothRows: true},
	{text: "Trong đó", from: 8, to: 10},
	{text: "Trước hạn", from: 8, to: 8, secondRow: true},
	{text: "Đúng hạn", from: 9, to: 9, secondRow: true},
	{text: "Quá hạn", from: 10, to: 10, secondRow: true},
	{text: "Số hồ sơ đang giải quyết", from: 11, to: 11, bothRows: true},
	{text: "Trong đó", from: 12, to: 13},
	{text: "Trong hạn", from: 12, to: 12, secondRow: true},
	{text: "Quá hạn", from: 13, to: 13, secondRow: true},
	{text: "Tỷ lệ đúng hạn (%)", from: 14, to: 14, bothRows: true},
}

// settlementWidths are the column widths, in characters.
var settlementWidths = []float64{6, 36, 12, 11, 14, 12, 12, 10, 10, 10, 12, 10, 10, 11}

// XLSX writes report II.06a as an Excel workbook laid out like the official sheet: the form number,
// the title, the unit and the period, the two-level header with the column numbers (1) to (13) and
// the rate, one row per field and a bold total row. It returns an Internal error when the workbook
// cannot be built or written.
func XLSX(w io.Writer, s Settlement) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "II.06a"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fault.Wrap(err, "report: xlsx")
	}
	x := &sheetWriter{f: f, sheet: sheet}
	ncol := len(settlementWidths)
	last := col(ncol)

	// Titles.
	x.set("A1", FormNumber)
	x.set("A2", Title)
	unit := "Đơn vị: " + s.Unit.Name + " (" + s.Unit.Code + ")"
	if s.Subtree {
		unit += ", gồm các đơn vị trực thuộc"
	}
	x.set("A3", unit)
	x.set("A4", "Kỳ báo cáo: từ ngày "+s.From.In(calendar.Location).Format("02/01/2006")+
		" đến ngày "+s.To.In(calendar.Location).Format("02/01/2006"))
	for r := 2; r <= 4; r++ {
		x.merge("A"+strconv.Itoa(r), last+strconv.Itoa(r))
	}
	x.merge("A1", last+"1")

	// The header: rows 6 and 7, the column numbers on row 8.
	const h1, h2, nums = 6, 7, 8
	for _, h := range settlementHeaders {
		row := h1
		if h.secondRow {
			row = h2
		}
		first := col(h.from) + strconv.Itoa(row)
		if h.from == 2 {
			h.text = NameHeader(s.By)
		}
		x.set(first, h.text)
		end := col(h.to) + strconv.Itoa(row)
		if h.bothRows {
			end = col(h.to) + strconv.Itoa(h2)
		}
		if end != first {
			x.merge(first, end)
		}
	}
	for i := 1; i <= ncol; i++ {
		x.set(col(i)+strconv.Itoa(nums), "("+strconv.Itoa(i)+")")
		x.width(col(i), settlementWidths[i-1])
	}

	// The rows and the total.
	row := nums
	for i, r := range s.Rows {
		row++
		x.set("A"+strconv.Itoa(row), i+1)
		r.Field = RowName(s.By, r)
		x.row(row, r)
	}
	row++
	total := s.Total
	total.Field = "Tổng cộng"
	x.row(row, total)
	if x.err != nil {
		return fault.Wrap(x.err, "report: xlsx")
	}

	// Styles.
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	styles := []struct {
		from, to string
		style    excelize.Style
	}{
		{"A1", "A1", excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{"A2", "A2", excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{"A3", "A4", excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{"A" + strconv.Itoa(h1), last + strconv.Itoa(h2), excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{"A" + strconv.Itoa(nums), last + strconv.Itoa(nums), excelize.Style{Font: &excelize.Font{Italic: true}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{"A" + strconv.Itoa(nums+1), "B" + strconv.Itoa(row-1), excelize.Style{Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{"C" + strconv.Itoa(nums+1), col(ncol-1) + strconv.Itoa(row-1), excelize.Style{Border: border, NumFmt: 3}},
		{last + strconv.Itoa(nums+1), last + strconv.Itoa(row-1), excelize.Style{Border: border, NumFmt: 2}},
		{"A" + strconv.Itoa(row), "B" + strconv.Itoa(row), excelize.Style{Font: &excelize.Font{Bold: true}, Border: border}},
		{"C" + strconv.Itoa(row), col(ncol-1) + strconv.Itoa(row), excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, NumFmt: 3}},
		{last + strconv.Itoa(row), last + strconv.Itoa(row), excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, NumFmt: 2}},
	}
	for _, st := range styles {
		if rowOf(st.from) > rowOf(st.to) {
			continue // no field rows
		}
		id, err := f.NewStyle(&st.style)
		if err == nil {
			err = f.SetCellStyle(sheet, st.from, st.to, id)
		}
		if err != nil {
			return fault.Wrap(err, "report: xlsx")
		}
	}
	if err := f.SetRowHeight(sheet, h2, 48); err != nil {
		return fault.Wrap(err, "report: xlsx")
	}
	if err := f.SetRowHeight(sheet, 2, 24); err != nil {
		return fault.Wrap(err, "report: xlsx")
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: nums, TopLeftCell: "C" + strconv.Itoa(nums+1), ActivePane: "bottomRight"}); err != nil {
		return fault.Wrap(err, "report: xlsx")
	}
	landscape, a4 := "landscape", 9
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4}); err != nil {
		return fault.Wrap(err, "report: xlsx")
	}
	if err := f.Write(w); err != nil {
		return fault.Wrap(err, "report: write xlsx")
	}
	return nil
}

// sheetWriter writes cells and keeps the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (x *sheetWriter) set(ref string, v any) {
	if x.err == nil {
		x.err = x.f.SetCellValue(x.sheet, ref, v)
	}
}

func (x *sheetWriter) merge(from, to string) {
	if x.err == nil {
		x.err = x.f.MergeCell(x.sheet, from, to)
	}
}

func (x *sheetWriter) width(c string, w float64) {
	if x.err == nil {
		x.err = x.f.SetColWidth(x.sheet, c, c, w)
	}
}

// row writes the field and the counts (3) to (13) and the rate of r on the sheet's row n.
func (x *sheetWriter) row(n int, r Row) {
	line := strconv.Itoa(n)
	x.set("B"+line, r.Field)
	for i, v := range []int64{r.Received, r.ReceivedOnline, r.ReceivedDirect, r.CarriedOver, r.Resolved, r.ResolvedEarly,
		r.ResolvedOnTime, r.ResolvedLate, r.Pending, r.PendingWithin, r.PendingOverdue} {
		x.set(col(3+i)+line, v)
	}
	x.set(col(14)+line, r.OnTimeRate)
}

// col returns the letters of the 1-based column n.
func col(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}

// rowOf returns the row number of a cell reference such as "C12", or 0.
func rowOf(ref string) int {
	_, r, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return 0
	}
	return r
}
