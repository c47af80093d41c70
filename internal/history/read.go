// Package history turns the dossier books a desk kept before motcua (on paper, then in a
// spreadsheet) into dossiers: it reads a CSV or XLSX file of one row per dossier, validates every
// row against the units and procedures it is given as lookups, and builds finished or pending
// dossiers with their events, ready for store.BulkInsertDossiers. It is pure: no database, no clock;
// codes are numbered after the sequences the caller read (see Number).
//
// The file has a header row; its columns may come in any order and names are matched without regard
// to case: unit, procedure, channel, received_at, due_at, finished_at, returned_at, outcome,
// applicant_name and the optional field. Rows are numbered as a spreadsheet shows them: the header is
// row 1.
package history

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// The columns of a history file.
const (
	ColUnit          = "unit"
	ColProcedure     = "procedure"
	ColChannel       = "channel"
	ColReceivedAt    = "received_at"
	ColDueAt         = "due_at"
	ColFinishedAt    = "finished_at"
	ColReturnedAt    = "returned_at"
	ColOutcome       = "outcome"
	ColApplicantName = "applicant_name"
	ColField         = "field"
)

// Columns returns the columns of a history file in their usual order; all but ColField are
// required in the header.
func Columns() []string {
	return []string{ColUnit, ColProcedure, ColChannel, ColReceivedAt, ColDueAt, ColFinishedAt, ColReturnedAt,
		ColOutcome, ColApplicantName, ColField}
}

// Row is one data row of a history file, its cells trimmed.
type Row struct {
	Line          int // the row number as a spreadsheet shows it: the header is 1
	Unit          string
	Procedure     string
	Channel       string
	ReceivedAt    string
	DueAt         string
	FinishedAt    string
	ReturnedAt    string
	Outcome       string
	ApplicantName string
	Field         string
}

// Read reads a history file, CSV or XLSX by the file name's extension (.csv, .xlsx). Rows whose
// cells are all empty are skipped. It returns an Invalid fault with key history.format.unknown for
// another extension, history.file.unreadable when the content cannot be parsed, and
// history.column.missing when the header lacks a required column.
func Read(filename string, data []byte) ([]Row, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".csv":
		return ReadCSV(bytes.NewReader(data))
	case ".xlsx":
		return ReadXLSX(bytes.NewReader(data))
	}
	return nil, fault.New(fault.Invalid, "history.format.unknown", filepath.Ext(filename))
}

// ReadCSV reads a history file in CSV (comma-separated, UTF-8, an optional byte order mark). Errors
// as for Read.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	var index map[string]int
	var rows []Row
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fault.New(fault.Invalid, "history.file.unreadable", err.Error())
		}
		if index == nil {
			if len(rec) > 0 {
				rec[0] = strings.TrimPrefix(rec[0], "\uFEFF")
			}
			if index, err = header(rec); err != nil {
				return nil, err
			}
			continue
		}
		if row, ok := makeRow(line, rec, index); ok {
			rows = append(rows, row)
		}
	}
	if index == nil {
		return nil, fault.New(fault.Invalid, "history.column.missing", ColUnit)
	}
	return rows, nil
}

// ReadXLSX reads a history file in XLSX: the first sheet, its first row the header. Cells are read
// as stored, not as displayed, so that a code typed as a number keeps its digits; a time column
// holding an Excel date (a serial number of days, as Excel stores a cell typed as a date or a date
// and time) becomes that wall-clock time in business time (Asia/Ho_Chi_Minh), in RFC 3339, so
// that a book kept in Excel imports without reformatting. Errors as for Read.
func ReadXLSX(r io.Reader) ([]Row, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fault.New(fault.Invalid, "history.file.unreadable", err.Error())
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fault.New(fault.Invalid, "history.file.unreadable", "no sheet")
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, fault.New(fault.Invalid, "history.file.unreadable", err.Error())
	}
	defer it.Close()
	var index map[string]int
	var rows []Row
	for line := 1; it.Next(); line++ {
		rec, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fault.New(fault.Invalid, "history.file.unreadable", err.Error())
		}
		if index == nil {
			if index, err = header(rec); err != nil {
				return nil, err
			}
			continue
		}
		for _, c := range []string{ColReceivedAt, ColDueAt, ColFinishedAt, ColReturnedAt} {
			if i := index[c]; i < len(rec) {
				rec[i] = excelTime(rec[i], date1904)
			}
		}
		if row, ok := makeRow(line, rec, index); ok {
			rows = append(rows, row)
		}
	}
	if index == nil {
		return nil, fault.New(fault.Invalid, "history.column.missing", ColUnit)
	}
	return rows, nil
}

// excelTime turns a cell holding an Excel serial date (days since the workbook's epoch, the time of
// day as the fraction, rounded to the second) into RFC 3339 in business time; any other value, such
// as a time typed as text, is returned as it is.
func excelTime(v string, date1904 bool) string {
	serial, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || serial <= 0 {
		return v
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return v
	}
	t = t.Round(time.Second)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, calendar.Location).Format(time.RFC3339)
}

// header maps column names to their positions, or returns history.column.missing for the first
// required column absent.
func header(rec []string) (map[string]int, error) {
	index := map[string]int{}
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(name))
		if _, dup := index[name]; !dup && name != "" {
			index[name] = i
		}
	}
	for _, c := range Columns() {
		if _, ok := index[c]; !ok && c != ColField {
			return nil, fault.New(fault.Invalid, "history.column.missing", c)
		}
	}
	return index, nil
}

// makeRow picks a record's cells by the header; ok is false for a row of empty cells.
func makeRow(line int, rec []string, index map[string]int) (Row, bool) {
	empty := true
	cell := func(name string) string {
		i, ok := index[name]
		if !ok || i >= len(rec) {
			return ""
		}
		v := strings.TrimSpace(rec[i])
		if v != "" {
			empty = false
		}
		return v
	}
	r := Row{Line: line, Unit: cell(ColUnit), Procedure: cell(ColProcedure), Channel: cell(ColChannel),
		ReceivedAt: cell(ColReceivedAt), DueAt: cell(ColDueAt), FinishedAt: cell(ColFinishedAt), ReturnedAt: cell(ColReturnedAt),
		Outcome: cell(ColOutcome), ApplicantName: cell(ColApplicantName), Field: cell(ColField)}
	return r, !empty
}

// WriteCSV writes rows as a history file in CSV with the header of Columns, for exports and tests.
// It returns the writer's error.
func WriteCSV(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns()); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(r.cells()); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("history: write CSV: %w", err)
	}
	return nil
}

// cells returns the row's cells in the order of Columns.
func (r Row) cells() []string {
	return []string{r.Unit, r.Procedure, r.Channel, r.ReceivedAt, r.DueAt, r.FinishedAt, r.ReturnedAt, r.Outcome,
		r.ApplicantName, r.Field}
}
