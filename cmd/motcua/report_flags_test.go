package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The flags added to "report 06a": periods, groupings, the unit structure of a day and the PDF.
func TestReportCommandPeriodsGroupingsPDF(t *testing.T) {
	path := reportDB(t)
	dir := t.TempDir()
	base := []string{"report", "06a", "--db", path, "--unit", "000.00.11.H27"}
	tests := []struct {
		name string
		args []string
		want []string
		not  []string
	}{
		{"the year by unit: the district's own desk and its commune", []string{"--period", "year", "--year", "2015", "--by", "unit"},
			[]string{"Đơn vị", "Huyện Tiên Du (tại đơn vị)", "Xã Lạc Vệ", "từ ngày 01/01/2015 đến ngày 31/12/2015", "cơ cấu đơn vị tại ngày 31/12/2015", "83,33%"}, nil},
		{"the first quarter by procedure", []string{"--period", "quarter", "--year", "2015", "--quarter", "1", "--by", "procedure", "--subtree"},
			[]string{"Thủ tục hành chính", "2.000635", "từ ngày 01/01/2015 đến ngày 31/03/2015"}, []string{"Lĩnh vực"}},
		{"a month by field", []string{"--period", "month", "--year", "2015", "--month", "3"},
			[]string{"Lĩnh vực", "Hộ tịch", "từ ngày 01/03/2015 đến ngày 31/03/2015", "100,00%"}, []string{"Đất đai"}},
		{"the structure of a day, merged", []string{"--from", "2015-01-01", "--to", "2015-12-31", "--as-of", "2015-06-30", "--merge", "--subtree"},
			[]string{"cơ cấu đơn vị tại ngày 30/06/2015", "đơn vị đã sáp nhập tính vào đơn vị kế thừa", "Chứng thực"}, nil},
	}
	for _, tc := range tests {
		code, out, errs := runCmd(t, "", append(append([]string{}, base...), tc.args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, out)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(out, w) {
				t.Errorf("%s: output has %q:\n%s", tc.name, w, out)
			}
		}
	}

	// JSON names the grouping and the structure's day.
	code, out, errs := runCmd(t, "", append(append([]string{}, base...), "--period", "year", "--year", "2015", "--by", "unit", "--json")...)
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errs)
	}
	var got struct {
		By, AsOf string
		Rows     []struct{ Field, Code, Mark string }
		Total    struct{ Received, Resolved, Pending int }
	}
	if err := json.Unmarshal([]byte(strings.ReplaceAll(out, `"as_of"`, `"asof"`)), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.By != "unit" || got.AsOf != "2015-12-31" || len(got.Rows) != 2 || got.Rows[0].Mark != "own" || got.Rows[1].Code != "000.21.11.H27" ||
		got.Total.Received != 7 || got.Total.Received != got.Total.Resolved+got.Total.Pending {
		t.Errorf("json = %s", out)
	}

	// The PDF.
	pdf := filepath.Join(dir, "06a.pdf")
	code, out, errs = runCmd(t, "", append(append([]string{}, base...), "--period", "year", "--year", "2015", "--subtree", "--pdf", pdf)...)
	if code != 0 || !strings.Contains(out, pdf+": đã ghi / written") {
		t.Fatalf("pdf: exit %d: %s %s", code, out, errs)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"HUYỆN TIÊN DU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Kỳ báo cáo: Năm 2015", "Chứng thực", "Đất đai", "Hộ tịch", "Khác", "83,33%"} {
			if !strings.Contains(string(text), w) {
				t.Errorf("pdf lacks %q:\n%s", w, text)
			}
		}
	} else if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("no pdf written: %v", err)
	}

	errCases := []struct {
		name string
		args []string
		text string
	}{
		{"month 13", []string{"--period", "month", "--year", "2015", "--month", "13"}, "--month: Tháng “13” không hợp lệ"},
		{"unknown grouping", []string{"--from", "2015-01-01", "--to", "2015-12-31", "--by", "officer"}, "--by: Cách nhóm báo cáo không hợp lệ"},
		{"bad structure day", []string{"--from", "2015-01-01", "--to", "2015-12-31", "--as-of", "2015-02-30"}, "--as-of"},
		{"unknown period", []string{"--period", "week", "--year", "2015"}, "--period"},
	}
	for _, c := range errCases {
		code, _, errs := runCmd(t, "", append(append([]string{}, base...), c.args...)...)
		if code != 2 || !strings.Contains(errs, c.text) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", c.name, code, errs, c.text)
		}
	}
}
