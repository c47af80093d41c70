package procedure

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/fold"
)

// ParseXLSX reads a workbook laid out as [ExportXLSX] writes it (see the
// layout in xlsx_layout.go) and returns one [ImportRow] per row of the
// "Thủ tục" sheet, Row being the sheet's row number, plus one rejected row
// (Row 0) per child row whose code matches no procedure. Problems name the
// sheet (as named in the workbook), row and column. Blank rows are skipped; blank counts are 0; a blank
// "Bắt buộc" or "Bản giấy" means yes. The error is for an unreadable
// workbook, a missing "Thủ tục" sheet or a sheet without its "Mã TTHC"
// column, returned as [FieldErrors] with keys import.sheet.missing and
// import.column.missing. A workbook that unzips to more than 256 MiB is
// refused, since uploads come from the network.
func ParseXLSX(r io.Reader) ([]ImportRow, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fmt.Errorf("procedure: reading workbook: %w", err)
	}
	defer f.Close()
	x := xlsxImport{f: f, byCode: map[string]int{}, origins: map[int]map[string]cellLoc{}, index: map[string]map[string]int{}}
	main, err := x.sheet(sheetProcedures, procedureColumns, true)
	if err != nil {
		return nil, err
	}
	for i := range main {
		x.procedureRow(&main[i])
	}
	children := []struct {
		name    string
		columns []column
		read    func(r *xrow, p *Procedure, origin map[string]cellLoc)
	}{
		{sheetChannels, channelColumns, x.channelRow},
		{sheetComponents, componentColumns, x.componentRow},
		{sheetLegal, legalColumns, x.legalRow},
		{sheetResults, resultColumns, x.resultRow},
		{sheetWorkflow, workflowColumns, x.workflowRow},
	}
	for _, c := range children {
		rows, err := x.sheet(c.name, c.columns, false)
		if err != nil {
			return nil, err
		}
		for j := range rows {
			r := &rows[j]
			code := r.get("code")
			i, ok := x.byCode[code]
			if !ok {
				x.rows = append(x.rows, ImportRow{Code: code, Errors: []ImportError{
					r.problem("code", "code", keyImportUnknownCode, code)}})
				continue
			}
			row := &x.rows[i]
			c.read(r, row.Procedure, x.origins[row.Row])
			row.Errors = append(row.Errors, r.errs...)
		}
	}
	return finish(x.rows, x.where), nil
}

// maxUnzipped bounds the uncompressed size of an uploaded workbook.
const maxUnzipped = 256 << 20

// cellLoc is where part of a procedure was read from.
type cellLoc struct {
	sheet string
	row   int
}

type xlsxImport struct {
	f       *excelize.File
	rows    []ImportRow
	byCode  map[string]int             // code → index in rows of its first procedure row
	origins map[int]map[string]cellLoc // main row → field path prefix → where it was read
	index   map[string]map[string]int  // sheet → column key → position
}

// xrow is one data row of a sheet.
type xrow struct {
	sheet string
	n     int
	cells []string
	index map[string]int
	errs  []ImportError
}

// get returns the trimmed cell of the column key, or "" if absent.
func (r *xrow) get(key string) string {
	i, ok := r.index[key]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// column returns the letter of the column key, or "" if absent.
func (r *xrow) column(key string) string { return columnLetter(r.index, key) }

func columnLetter(index map[string]int, key string) string {
	i, ok := index[key]
	if !ok {
		return ""
	}
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// problem returns a problem with the cell of column key, for field path.
func (r *xrow) problem(key, field, msg string, args ...any) ImportError {
	return ImportError{Sheet: r.sheet, Row: r.n, Column: r.column(key),
		FieldError: FieldError{Field: field, Key: msg, Args: args}}
}

func (r *xrow) fail(key, field, msg string, args ...any) {
	r.errs = append(r.errs, r.problem(key, field, msg, args...))
}

// whole reads a whole number in column key; a blank cell is 0.
func (r *xrow) whole(key, field string) int {
	n, ok := parseWhole(r.get(key))
	if !ok {
		r.fail(key, field, keyNumberInvalid, r.get(key))
	}
	return n
}

// yes reads a yes/no cell; a blank cell is yes.
func (r *xrow) yes(key, field string) bool {
	if r.get(key) == "" {
		return true
	}
	b, ok := parseBool(r.get(key))
	if !ok {
		r.fail(key, field, keyBoolInvalid, r.get(key))
	}
	return b
}

// date reads a date cell.
func (r *xrow) date(key, field string) time.Time {
	d, err := ParseDate(r.get(key))
	if err != nil {
		r.fail(key, field, keyDateInvalid, r.get(key))
	}
	return d
}

// sheet returns the data rows of a sheet found by folded name. A missing
// child sheet has no rows; a missing main sheet or code column is an error.
func (x *xlsxImport) sheet(name string, columns []column, required bool) ([]xrow, error) {
	actual := ""
	for _, s := range x.f.GetSheetList() {
		if fold.String(s) == fold.String(name) {
			actual = s
			break
		}
	}
	if actual == "" {
		if required {
			return nil, FieldErrors{{Key: keySheetMissing, Args: []any{name}}}
		}
		return nil, nil
	}
	cells, err := x.f.GetRows(actual, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("procedure: reading sheet %q: %w", actual, err)
	}
	if len(cells) == 0 {
		return nil, nil
	}
	index := headerIndex(columns, cells[0])
	if _, ok := index["code"]; !ok {
		return nil, FieldErrors{{Field: "code", Key: keyColumnMissing, Args: []any{name, columns[0].header}}}
	}
	x.index[actual] = index
	var rows []xrow
	for i, row := range cells[1:] {
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		rows = append(rows, xrow{sheet: actual, n: i + 2, cells: row, index: index})
	}
	return rows, nil
}

func (x *xlsxImport) procedureRow(r *xrow) {
	p := &Procedure{
		Code: r.get("code"), Name: r.get("name"),
		Field:            Field{Code: r.get("field_code"), Name: r.get("field")},
		Competent:        splitList(r.get("competent")),
		Coordinating:     splitList(r.get("coordinating")),
		SubjectNote:      r.get("subject_note"),
		Steps:            r.get("steps"),
		Requirements:     r.get("requirements"),
		OnlineLevel:      matchOrRaw(onlineTerms, r.get("online_level")),
		PublishDecision:  r.get("publish_decision"),
		CutoffHour:       normalizeCutoff(r.get("cutoff_hour")),
		SupplementPolicy: matchOrRaw(policyTerms, r.get("supplement_policy")),
		SupplementDays:   r.whole("supplement_days", "supplement_days"),
		Status:           matchOrRaw(statusTerms, r.get("status")),
		Version:          r.whole("version", "version"),
	}
	p.PublishEffective = r.date("publish_effective", "publish_effective")
	p.EffectiveFrom = r.date("effective_from", "effective_from")
	p.AbolishedFrom = r.date("abolished_from", "abolished_from")
	for _, s := range splitList(r.get("levels")) {
		p.Levels = append(p.Levels, matchOrRaw(levelTerms, s))
	}
	for _, s := range splitList(r.get("subjects")) {
		p.Subjects = append(p.Subjects, matchOrRaw(subjectTerms, s))
	}
	if _, dup := x.byCode[p.Code]; !dup && p.Code != "" {
		x.byCode[p.Code] = len(x.rows)
	}
	x.origins[r.n] = map[string]cellLoc{"": {r.sheet, r.n}}
	x.rows = append(x.rows, ImportRow{Row: r.n, Code: p.Code, Procedure: p, Errors: r.errs})
}

// where places a problem found by validation at the cell it came from.
func (x *xlsxImport) where(row *ImportRow, fe FieldError) ImportError {
	origins := x.origins[row.Row]
	best := ""
	for prefix := range origins {
		if len(prefix) > len(best) && (fe.Field == prefix || strings.HasPrefix(fe.Field, prefix+".")) {
			best = prefix
		}
	}
	loc, ok := origins[best]
	if !ok {
		return ImportError{Row: row.Row, FieldError: fe}
	}
	leaf := strings.TrimPrefix(strings.TrimPrefix(fe.Field, best), ".")
	leaf = indexSuffix.ReplaceAllString(leaf, "")
	if best != "" && strings.HasPrefix(best, "results[") && leaf == "code" {
		leaf = "result_code"
	}
	return ImportError{Sheet: loc.sheet, Row: loc.row, Column: columnLetter(x.index[loc.sheet], leaf), FieldError: fe}
}

var indexSuffix = regexp.MustCompile(`\[\d+\]$`)

// matchOrRaw returns the value s names, or s itself for validation to reject.
func matchOrRaw[T ~string](terms []term[T], s string) T {
	if v, ok := match(terms, s); ok {
		return v
	}
	return T(s)
}

var cutoffPattern = regexp.MustCompile(`^(\d{1,2})\s*[:hH]\s*(\d{2})?(:00)?$`)

// normalizeCutoff turns what Excel or an officer makes of "15:00" back into
// "15:00": a day fraction (0.625), "15h", "15h30", "9:00", "15:00:00".
// Anything else is returned as is, for validation to reject.
func normalizeCutoff(s string) string {
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1 && strings.Contains(s, ".") {
		minutes := int(f*24*60 + 0.5)
		return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60)
	}
	if m := cutoffPattern.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mm := 0
		if m[2] != "" {
			mm, _ = strconv.Atoi(m[2])
		}
		return fmt.Sprintf("%02d:%02d", h, mm)
	}
	return s
}
