package procedure

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ExportXLSX writes procedures to w as an Excel workbook with the sheets
// "Thủ tục", "Kênh và phí", "Thành phần hồ sơ", "Căn cứ pháp lý", "Kết quả",
// "Quy trình" and "Hướng dẫn" (instructions), laid out so that an officer can
// also fill it by hand and [ParseXLSX] reads it back unchanged: Vietnamese
// headers and labels, drop-down lists for enumerations, codes and hours as
// text so Excel does not reinterpret them. It returns an error from excelize
// or w.
func ExportXLSX(w io.Writer, procedures []Procedure) error {
	f := excelize.NewFile()
	defer f.Close()
	x := xlsxWriter{f: f}
	x.sheet(sheetProcedures, procedureColumns)
	x.sheet(sheetChannels, channelColumns)
	x.sheet(sheetComponents, componentColumns)
	x.sheet(sheetLegal, legalColumns)
	x.sheet(sheetResults, resultColumns)
	x.sheet(sheetWorkflow, workflowColumns)
	for i := range procedures {
		x.procedure(&procedures[i])
	}
	x.dropDowns()
	x.guide()
	if x.err != nil {
		return fmt.Errorf("procedure: writing workbook: %w", x.err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("procedure: writing workbook: %w", err)
	}
	return nil
}

// xlsxWriter writes rows and keeps the first error.
type xlsxWriter struct {
	f    *excelize.File
	next map[string]int // next free row per sheet
	err  error
}

func (x *xlsxWriter) check(err error) {
	if x.err == nil {
		x.err = err
	}
}

// sheet creates a sheet (renaming the default first sheet) with its header.
func (x *xlsxWriter) sheet(name string, columns []column) {
	if x.next == nil {
		x.next = map[string]int{}
		x.check(x.f.SetSheetName(x.f.GetSheetName(0), name))
	} else {
		_, err := x.f.NewSheet(name)
		x.check(err)
	}
	x.next[name] = 2
	x.check(x.f.SetSheetRow(name, "A1", ptr(headers(columns))))
	bold, err := x.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	x.check(err)
	last, _ := excelize.ColumnNumberToName(len(columns))
	x.check(x.f.SetCellStyle(name, "A1", last+"1", bold))
	x.check(x.f.SetColWidth(name, "A", last, 18))
	x.check(x.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	// Text format, so that typed codes and hours stay as typed.
	text, err := x.f.NewStyle(&excelize.Style{NumFmt: 49})
	x.check(err)
	for i, c := range columns {
		if c.key == "code" || c.key == "cutoff_hour" {
			col, _ := excelize.ColumnNumberToName(i + 1)
			x.check(x.f.SetColStyle(name, col, text))
			x.check(x.f.SetCellStyle(name, col+"1", col+"1", bold))
		}
	}
}

// row appends one row of values to a sheet.
func (x *xlsxWriter) row(sheet string, values ...any) {
	cell, _ := excelize.CoordinatesToCellName(1, x.next[sheet])
	x.next[sheet]++
	x.check(x.f.SetSheetRow(sheet, cell, &values))
}

func (x *xlsxWriter) procedure(p *Procedure) {
	x.row(sheetProcedures,
		p.Code, p.Name, p.Field.Code, p.Field.Name,
		joinLabels(levelTerms, p.Levels),
		strings.Join(p.Competent, "; "), strings.Join(p.Coordinating, "; "),
		joinLabels(subjectTerms, p.Subjects), p.SubjectNote,
		p.Steps, p.Requirements,
		optLabel(onlineTerms, p.OnlineLevel),
		p.PublishDecision, FormatDate(p.PublishEffective),
		p.CutoffHour,
		optLabel(policyTerms, p.SupplementPolicy), optInt(p.SupplementDays),
		optLabel(statusTerms, p.Status), optInt(p.Version),
		FormatDate(p.EffectiveFrom), FormatDate(p.AbolishedFrom))
	for _, c := range p.Channels {
		head := []any{p.Code, label(channelTerms, c.Kind), c.Time, label(unitTerms, c.Unit), c.Note}
		if len(c.Fees) == 0 {
			x.row(sheetChannels, head...)
		}
		for _, fee := range c.Fees {
			x.row(sheetChannels, append(head, fee.Name, fee.AmountVND, fee.Per, fee.Description)...)
		}
	}
	for _, c := range p.Components {
		x.row(sheetComponents, p.Code, c.Case, c.Name, c.Originals, c.CertifiedCopies, c.Copies,
			yesNo(c.Mandatory), c.FormTemplate)
	}
	for _, l := range p.LegalBasis {
		x.row(sheetLegal, p.Code, l.Number, l.Name, FormatDate(l.Date), l.Issuer)
	}
	for _, r := range p.Results {
		x.row(sheetResults, p.Code, r.Code, r.Name, yesNo(r.Paper))
	}
	for _, s := range p.Workflow {
		x.row(sheetWorkflow, p.Code, s.Name, s.Role, s.Office, s.Hours)
	}
}

// dropDowns offers the labels of single-valued enumerations as lists.
func (x *xlsxWriter) dropDowns() {
	lists := []struct {
		sheet   string
		columns []column
		key     string
		values  []string
	}{
		{sheetProcedures, procedureColumns, "online_level", labels(onlineTerms)},
		{sheetProcedures, procedureColumns, "supplement_policy", labels(policyTerms)},
		{sheetProcedures, procedureColumns, "status", labels(statusTerms)},
		{sheetChannels, channelColumns, "channel", labels(channelTerms)},
		{sheetChannels, channelColumns, "unit", labels(unitTerms)},
		{sheetComponents, componentColumns, "mandatory", []string{"Có", "Không"}},
		{sheetResults, resultColumns, "paper", []string{"Có", "Không"}},
	}
	for _, l := range lists {
		col := ""
		for i, c := range l.columns {
			if c.key == l.key {
				col, _ = excelize.ColumnNumberToName(i + 1)
			}
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s10000", col, col))
		x.check(dv.SetDropList(l.values))
		x.check(x.f.AddDataValidation(l.sheet, dv))
	}
}

func (x *xlsxWriter) guide() {
	_, err := x.f.NewSheet(sheetGuide)
	x.check(err)
	x.check(x.f.SetColWidth(sheetGuide, "A", "A", 120))
	for i, line := range guideLines {
		x.check(x.f.SetCellStr(sheetGuide, fmt.Sprintf("A%d", i+1), line))
	}
}

func ptr[T any](v T) *T { return &v }

func joinLabels[T ~string](terms []term[T], values []T) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = label(terms, v)
	}
	return strings.Join(parts, "; ")
}

// optLabel returns the label of v, or "" when v is empty.
func optLabel[T ~string](terms []term[T], v T) string {
	if v == "" {
		return ""
	}
	return label(terms, v)
}

// optInt returns n, or "" (an empty cell) when n is 0.
func optInt(n int) any {
	if n == 0 {
		return ""
	}
	return n
}

func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}
