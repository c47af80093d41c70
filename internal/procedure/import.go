package procedure

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Format is the shape of an import file.
type Format string

// Import formats.
const (
	// FormatUnknown is returned when the shape cannot be recognised.
	FormatUnknown Format = ""
	// FormatSampleJSON is {"procedures":[...]} as in catalog-sample.json and [ExportJSON].
	FormatSampleJSON Format = "sample-json"
	// FormatNationalJSON is the national procedure database's shape (TENTTHC, MATTHC, ...).
	FormatNationalJSON Format = "national-json"
	// FormatXLSX is the Excel workbook of [ExportXLSX].
	FormatXLSX Format = "xlsx"
)

// ErrUnknownFormat is returned by [Import] when [DetectFormat] cannot tell
// the file's shape.
var ErrUnknownFormat = errors.New("procedure: unknown import format")

// ImportError is a problem found while importing: the [FieldError], with the
// sheet (Excel only), the 1-based row and the column letter (Excel only) it
// was found in. For JSON, Row is the procedure's 1-based position in the list.
type ImportError struct {
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	FieldError
}

// Error returns the problem for logs, untranslated: "sheet!C5 field: key (args)".
func (e ImportError) Error() string {
	where := fmt.Sprintf("row %d", e.Row)
	if e.Sheet != "" {
		where = fmt.Sprintf("%s!%s%d", e.Sheet, e.Column, e.Row)
	}
	return where + " " + e.FieldError.Error()
}

// ImportRow is the outcome of importing one procedure. Procedure is nil when
// the row was rejected; Errors then says why. Warnings are things the parser
// tolerated (e.g. an unreadable date in the national feed, left empty).
// A row whose code could not be read has an empty Code; a row of a child
// sheet whose procedure is not in the main sheet has Row 0.
type ImportRow struct {
	Row       int           `json:"row"`
	Code      string        `json:"code"`
	Procedure *Procedure    `json:"procedure,omitempty"`
	Errors    []ImportError `json:"errors,omitempty"`
	Warnings  []ImportError `json:"warnings,omitempty"`
}

// OK reports whether the row was accepted.
func (r *ImportRow) OK() bool { return r.Procedure != nil && len(r.Errors) == 0 }

// DetectFormat tells the shape of an import file from its name and its first
// bytes (a few KiB are enough; the whole file is fine): a ZIP signature or an
// .xlsx name is Excel; JSON mentioning "procedures" is the sample shape; JSON
// mentioning TENTTHC or MATTHC (in any case) is the national shape. It returns
// FormatUnknown otherwise.
func DetectFormat(filename string, head []byte) Format {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || strings.EqualFold(filepath.Ext(filename), ".xlsx") {
		return FormatXLSX
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(body) == 0 || (body[0] != '{' && body[0] != '[') {
		return FormatUnknown
	}
	// Search the first 64 KiB only: the keys come early in either shape.
	body = body[:min(len(body), 64<<10)]
	upper := bytes.ToUpper(body)
	national := bytes.Contains(upper, []byte(`"TENTTHC"`)) || bytes.Contains(upper, []byte(`"MATTHC"`))
	sample := bytes.Contains(body, []byte(`"procedures"`))
	switch {
	case sample && (!national || bytes.Index(body, []byte(`"procedures"`)) < firstNationalKey(upper)):
		return FormatSampleJSON
	case national:
		return FormatNationalJSON
	}
	return FormatUnknown
}

func firstNationalKey(upper []byte) int {
	i := bytes.Index(upper, []byte(`"TENTTHC"`))
	if j := bytes.Index(upper, []byte(`"MATTHC"`)); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	return i
}

// Import reads a catalog file in any supported format and returns its format
// and one [ImportRow] per procedure found, good and bad. The error is for the
// file as a whole: [ErrUnknownFormat], unreadable JSON or workbook, or a
// workbook without its main sheet; a bad procedure only rejects its row.
func Import(filename string, data []byte) (Format, []ImportRow, error) {
	format := DetectFormat(filename, data)
	var rows []ImportRow
	var err error
	switch format {
	case FormatSampleJSON:
		rows, err = ParseSampleJSON(data)
	case FormatNationalJSON:
		rows, err = ParseNationalJSON(data)
	case FormatXLSX:
		rows, err = ParseXLSX(bytes.NewReader(data))
	default:
		err = ErrUnknownFormat
	}
	return format, rows, err
}

// finish completes a parsed row: defaults, validation (errors placed by
// where, which maps a field path to its origin) and the rejection of a
// procedure whose code appeared in an earlier row.
func finish(rows []ImportRow, where func(row *ImportRow, fe FieldError) ImportError) []ImportRow {
	first := map[string]int{}
	for i := range rows {
		r := &rows[i]
		if r.Procedure != nil {
			r.Procedure.ApplyDefaults()
			r.Code = r.Procedure.Code
			var fes FieldErrors
			if errors.As(r.Procedure.Validate(), &fes) {
				for _, fe := range fes {
					r.Errors = append(r.Errors, where(r, fe))
				}
			}
		}
		if r.Code != "" {
			if at, dup := first[r.Code]; dup {
				r.Errors = append(r.Errors, where(r, FieldError{Field: "code", Key: keyImportDuplicate, Args: []any{r.Code, at}}))
			} else if r.Row > 0 {
				first[r.Code] = r.Row
			}
		}
		if len(r.Errors) > 0 {
			r.Procedure = nil
		}
	}
	return rows
}

// atRow places a problem at the row of the procedure it belongs to, as JSON
// imports do.
func atRow(row *ImportRow, fe FieldError) ImportError {
	return ImportError{Row: row.Row, FieldError: fe}
}
