package form

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// registerColumns are the register's columns with their relative widths.
func registerColumns(c *circular, s spec) []column {
	t := func(k string) string { v, _ := c.text(s, k); return v }
	return []column{
		{t("col_stt"), 4, "C"}, {t("col_code"), 18.5, "L"}, {t("col_procedure"), 13.5, "L"}, {t("col_applicant"), 19, "L"},
		{t("col_received"), 9, "C"}, {t("col_due"), 9, "C"}, {t("col_transfer"), 12, "L"}, {t("col_result"), 9, "C"},
		{t("col_returned"), 11, "L"}, {t("col_notes"), 10, "L"},
	}
}

// registerRows are the register's rows, one per dossier in the given order.
func registerRows(c *circular, s spec, ds []dossier.Dossier) [][]string {
	out := make([][]string, 0, len(ds))
	for i, d := range ds {
		app := d.Applicant.Name
		if contact := joinNonEmpty(", ", d.Applicant.Address, d.Applicant.Phone); contact != "" {
			app += "\n" + contact
		}
		transfer := joinNonEmpty("\n", d.CompetentUnit, stamp(transferAt(d)))
		result := ""
		if d.Outcome == dossier.OutcomeResult || d.Outcome == dossier.OutcomeRefused {
			result = stamp(d.FinishedAt)
		}
		returned := ""
		if !d.ReturnedAt.IsZero() {
			m := d.ReturnMethod
			if m == "" {
				m = dossier.ReturnAtDesk
			}
			how, _ := c.text(s, "return."+string(m), "address", d.ReturnAddress)
			returned = stamp(d.ReturnedAt) + "\n" + how
		}
		due := stamp(d.DueAt)
		if d.Rescheduled && !d.OriginalDueAt.Equal(d.DueAt) {
			due = stamp(d.OriginalDueAt) + "\n→ " + due
		}
		out = append(out, []string{strconv.Itoa(i + 1), d.Code, d.ProcedureName, app, stamp(d.ReceivedAt), due,
			transfer, result, returned, joinNonEmpty("; ", d.Status.NameVI(), d.Timeliness.NameVI())})
	}
	return out
}

// transferAt is when the desk handed the dossier over: the end of its first
// workflow step when that step is the desk's; zero otherwise.
func transferAt(d dossier.Dossier) time.Time {
	if len(d.Steps) > 0 && d.Steps[0].Role == dossier.RoleReception {
		return d.Steps[0].Done
	}
	return time.Time{}
}

// joinNonEmpty joins the non-blank parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// period returns "Từ ngày 01/11/2026 đến ngày 30/11/2026".
func period(c *circular, s spec, from, to time.Time) string {
	v, _ := c.text(s, "period", "from", dateVN(from), "to", dateVN(to))
	return v
}

// RenderRegister writes the register (Sổ theo dõi hồ sơ, Mẫu 07 of 2025,
// 06 of 2018) of the unit for the period [from, to] as an A4 landscape PDF,
// one row per dossier in the order given (the caller selects and sorts them;
// dossiers not received may appear). Errors: Invalid naming "set" for an
// unknown set; an Internal fault if the PDF cannot be written.
func RenderRegister(w io.Writer, set string, rows []dossier.Dossier, unitName string, from, to time.Time, c Context) error {
	cir, s, err := lookup(Register, set)
	if err != nil {
		return err
	}
	if unitName == "" {
		unitName = c.UnitName
	}
	doc := newDoc(cir, s, c.Printed)
	doc.noNumber = true
	date := c.Printed
	if date.IsZero() {
		date = to
	}
	if err := doc.header(c.ParentName, unitName, "", c.Place, date, nil); err != nil {
		return err
	}
	doc.title(period(cir, s, from, to))
	doc.table(registerColumns(cir, s), registerRows(cir, s, rows), -0.5)
	doc.pdf.Ln(2)
	doc.para(doc.t("total", "n", strconv.Itoa(len(rows))), "B")
	return doc.finish(w)
}

// RegisterXLSX writes the register of the unit for the period [from, to] as
// an Excel workbook with the PDF's columns: the unit, title and period in the
// first rows, a bold header row, one row per dossier in the order given.
// Errors: Invalid naming "set" for an unknown set; an Internal fault if the
// workbook cannot be built or written.
func RegisterXLSX(w io.Writer, set string, rows []dossier.Dossier, unitName string, from, to time.Time) error {
	cir, s, err := lookup(Register, set)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sổ theo dõi"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	cols := registerColumns(cir, s)
	last, _ := excelize.ColumnNumberToName(len(cols))
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	if err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	center, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6E6E6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	cell, err := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	set1 := func(ref string, v any) {
		if err == nil {
			err = f.SetCellValue(sheet, ref, v)
		}
	}
	set1("A1", nfc(strings.ToUpper(unitName)))
	set1("A2", nfc(s.Title+" ("+s.Number+")"))
	set1("A3", nfc(period(cir, s, from, to)))
	for _, m := range []string{"A2:" + last + "2", "A3:" + last + "3"} {
		if err == nil {
			err = f.MergeCell(sheet, strings.Split(m, ":")[0], strings.Split(m, ":")[1])
		}
	}
	const headRow = 5
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		set1(name+strconv.Itoa(headRow), nfc(c.Head))
		if err == nil {
			err = f.SetColWidth(sheet, name, name, c.Width*1.6)
		}
	}
	for r, row := range registerRows(cir, s, rows) {
		for i, v := range row {
			name, _ := excelize.ColumnNumberToName(i + 1)
			ref := name + strconv.Itoa(headRow+1+r)
			if i == 0 {
				set1(ref, r+1)
			} else {
				set1(ref, nfc(v))
			}
		}
	}
	if err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	end := last + strconv.Itoa(headRow+len(rows))
	for _, st := range []struct {
		from, to string
		id       int
	}{{"A1", "A1", bold}, {"A2", "A2", title}, {"A3", "A3", center}, {"A" + strconv.Itoa(headRow), last + strconv.Itoa(headRow), head}} {
		if err := f.SetCellStyle(sheet, st.from, st.to, st.id); err != nil {
			return fault.Wrap(err, "form: xlsx")
		}
	}
	if len(rows) > 0 {
		if err := f.SetCellStyle(sheet, "A"+strconv.Itoa(headRow+1), end, cell); err != nil {
			return fault.Wrap(err, "form: xlsx")
		}
	}
	if err := f.SetRowHeight(sheet, headRow, 45); err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: "A" + strconv.Itoa(headRow+1), ActivePane: "bottomLeft"}); err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), Size: ptr(9)}); err != nil {
		return fault.Wrap(err, "form: xlsx")
	}
	if err := f.Write(w); err != nil {
		return fault.Wrap(err, "form: write xlsx")
	}
	return nil
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
