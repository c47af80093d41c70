package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	sample := filepath.Join("..", "..", "internal", "procedure", "testdata", "catalog-sample.json")
	national := filepath.Join("..", "..", "internal", "procedure", "testdata", "national-sample.json")
	xlsx := filepath.Join(dir, "catalog.xlsx")
	jsonOut := filepath.Join(dir, "catalog.json")
	steps := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"province", []string{"unit", "create", "--db", db, "--code", "000.00.00.H06", "--name", "Tỉnh Bắc Ninh", "--kind", "province", "--valid-from", "2000-01-01"}, 0, "created", ""},
		{"commune", []string{"unit", "create", "--db", db, "--code", "000.31.21.H06", "--name", "Xã Tiên Du", "--kind", "commune", "--parent", "000.00.00.H06", "--valid-from", "2025-07-01"}, 0, "created", ""},
		{"import the sample", []string{"catalog", "import", sample, "--db", db}, 0, "8 rows: 8 created, 0 updated, 0 unchanged, 0 rejected", ""},
		{"import it again", []string{"catalog", "import", sample, "--db", db}, 0, "8 rows: 0 created, 0 updated, 8 unchanged, 0 rejected", ""},
		{"national shape with broken rows", []string{"catalog", "import", national, "--apply-to", "000.31.21.H06", "--db", db}, 0, "2 created, 0 updated, 0 unchanged, 2 rejected", ""},
		{"broken rows are named", []string{"catalog", "import", national, "--db", db}, 0, "channels[0].fees[0].amount_vnd: Phí, lệ phí không được âm", ""},
		{"apply to an unknown unit", []string{"catalog", "import", sample, "--apply-to", "000.99.99.H06", "--db", db}, 2, "", "--apply-to: Không tìm thấy đơn vị có mã 000.99.99.H06."},
		{"export xlsx", []string{"catalog", "export", "--format", "xlsx", "--out", xlsx, "--db", db}, 0, "10 procedures written", ""},
		{"export json", []string{"catalog", "export", "--format", "json", "--out", jsonOut, "--db", db}, 0, "10 procedures written", ""},
		{"the exported workbook imports as unchanged", []string{"catalog", "import", xlsx, "--db", db}, 0, "10 rows: 0 created, 0 updated, 10 unchanged, 0 rejected", ""},
		{"bad export format", []string{"catalog", "export", "--format", "csv", "--out", jsonOut, "--db", db}, 2, "", "json or xlsx"},
		{"missing file", []string{"catalog", "import", filepath.Join(dir, "none.json"), "--db", db}, 2, "", "no such file"},
		{"audit intact", []string{"audit", "verify", "--db", db}, 0, "intact", ""},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", s.args...)
			if code != s.code || !strings.Contains(out, s.stdout) || !strings.Contains(errOut, s.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, s.code, out, errOut)
			}
		})
	}
	b, err := os.ReadFile(jsonOut)
	if err != nil || !strings.Contains(string(b), "Cấp bản sao trích lục hộ tịch") {
		t.Fatalf("exported JSON: %v", err)
	}
}
