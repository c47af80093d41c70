package procedure

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

func TestDetectFormat(t *testing.T) {
	national, _ := os.ReadFile("testdata/national-sample.json")
	tests := []struct {
		name, file string
		head       string
		want       Format
	}{
		{"sample", "catalog.json", string(SampleCatalog[:512]), FormatSampleJSON},
		{"national", "tthc.json", string(national), FormatNationalJSON},
		{"national mixed case", "x", `[{"MaTTHC": "1.000001"}]`, FormatNationalJSON},
		{"national with procedures key later", "x", `{"result": [{"TENTTHC": "a", "note": "procedures"}]}`, FormatNationalJSON},
		{"sample mentioning a national key later", "x", `{"procedures": [{"code": "x", "name": "MATTHC", "note": "\"MATTHC\""}]}`, FormatSampleJSON},
		{"BOM and spaces", "x", "\ufeff \n {\"procedures\": []}", FormatSampleJSON},
		{"xlsx by signature", "upload", "PK\x03\x04rest", FormatXLSX},
		{"xlsx by name", "Danh mục.xlsx", "", FormatXLSX},
		{"csv", "a.csv", "code,name\n", FormatUnknown},
		{"json without keys", "a.json", `{"items": []}`, FormatUnknown},
		{"empty", "", "", FormatUnknown},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.file, []byte(tt.head)); got != tt.want {
			t.Errorf("%s: DetectFormat = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestImport(t *testing.T) {
	national, _ := os.ReadFile("testdata/national-sample.json")
	var xlsx bytes.Buffer
	if err := ExportXLSX(&xlsx, []Procedure{validProcedure()}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		data       []byte
		format     Format
		rows       int
	}{
		{"sample", "catalog-sample.json", SampleCatalog, FormatSampleJSON, 8},
		{"national", "tthc.json", national, FormatNationalJSON, 4},
		{"xlsx", "danh-muc.xlsx", xlsx.Bytes(), FormatXLSX, 1},
	}
	for _, tt := range tests {
		format, rows, err := Import(tt.file, tt.data)
		if err != nil || format != tt.format || len(rows) != tt.rows {
			t.Errorf("%s: Import = %q, %d rows, %v", tt.name, format, len(rows), err)
		}
	}
	if _, _, err := Import("a.txt", []byte("hello")); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown format: %v", err)
	}
}

func TestImportErrorString(t *testing.T) {
	e := ImportError{Sheet: "Kênh và phí", Row: 7, Column: "F",
		FieldError: FieldError{Field: "channels[0].fees[0].amount_vnd", Key: "procedure.fee.negative", Args: []any{-5000}}}
	if got, want := e.Error(), "Kênh và phí!F7 channels[0].fees[0].amount_vnd: procedure.fee.negative [-5000]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e = ImportError{Row: 3, FieldError: FieldError{Field: "code", Key: "procedure.code.invalid", Args: []any{"x"}}}
	if got, want := e.Error(), "row 3 code: procedure.code.invalid [x]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
