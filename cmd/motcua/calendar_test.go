package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalendarContract checks the exact JSON the calendar commands promise to scripts.
func TestCalendarContract(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	csvFile := filepath.Join(dir, "closures.csv")
	if err := os.WriteFile(csvFile, []byte("date,kind,name_vi,name_en\n2026-07-22,closure,Nghỉ do bão,Typhoon closure\n2026-12-26,working_saturday,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		args   []string
		code   int
		stdout string // exact when it starts with "{", else a substring
		stderr string
	}{
		{"lunar Tết 1985", []string{"calendar", "lunar", "1985-01-21", "--json"}, 0, `{"day":1,"month":1,"year":1985,"leap":false}`, ""},
		{"lunar flag first", []string{"calendar", "lunar", "--json", "2023-03-22"}, 0, `{"day":1,"month":2,"year":2023,"leap":true}`, ""},
		{"solar Tết 1985", []string{"calendar", "solar", "1985-01-01", "--json"}, 0, `{"date":"1985-01-21"}`, ""},
		{"solar leap month", []string{"calendar", "solar", "2023-02-01", "--leap", "--json"}, 0, `{"date":"2023-03-22"}`, ""},
		{"solar leap month that is not", []string{"calendar", "solar", "2024-02-01", "--leap", "--json"}, 2, "", "không tồn tại"},
		{"lunar human", []string{"calendar", "lunar", "2026-02-17"}, 0, "ngày 1 tháng 1 năm Bính Ngọ", ""},
		{"bad date", []string{"calendar", "lunar", "2026-02-30", "--json"}, 2, "", "--date: Ngày không hợp lệ"},
		{"year 2026", []string{"calendar", "year", "2026", "--json", "--db", db}, 0,
			`{"year":2026,"days_off":["2026-01-01","2026-01-02","2026-02-16","2026-02-17","2026-02-18","2026-02-19","2026-02-20","2026-04-27","2026-04-30","2026-05-01","2026-08-31","2026-09-01","2026-09-02"],"working_saturdays":["2026-01-10","2026-08-22"]}`, ""},
		{"year out of range", []string{"calendar", "year", "1850", "--json", "--db", db}, 2, "", "1900"},
		{"due contract", []string{"calendar", "due", "--received", "2026-02-13T16:00:00+07:00", "--time", "3", "--unit", "WORKING_DAY", "--json", "--db", db}, 0,
			`{"due":"2026-02-25T16:00:00+07:00"}`, ""},
		{"due after cut-off", []string{"calendar", "due", "--received", "2026-11-26T15:30:00+07:00", "--time", "0", "--unit", "WORKING_DAY", "--cutoff", "15:00", "--json", "--db", db}, 0,
			`{"due":"2026-11-27T17:00:00+07:00"}`, ""},
		{"due calendar days onto a weekend", []string{"calendar", "due", "--received", "2026-11-26T09:00:00+07:00", "--time", "2", "--unit", "DAY", "--json", "--db", db}, 0,
			`{"due":"2026-11-30T17:00:00+07:00"}`, ""},
		{"due negative", []string{"calendar", "due", "--received", "2026-11-26T09:00:00+07:00", "--time", "-2", "--unit", "WORKING_DAY", "--db", db}, 2, "", "--time: Thời hạn không được âm."},
		{"due bad unit", []string{"calendar", "due", "--received", "2026-11-26T09:00:00+07:00", "--time", "2", "--unit", "WEEK", "--db", db}, 2, "", "--unit: Đơn vị thời gian “WEEK” không hợp lệ"},
		{"due malformed instant", []string{"calendar", "due", "--received", "26/11/2026", "--time", "2", "--db", db}, 2, "", "--received"},
		{"province", []string{"unit", "create", "--db", db, "--code", "000.00.00.H06", "--name", "Tỉnh Bắc Ninh", "--kind", "province", "--valid-from", "1997-01-01"}, 0, "created", ""},
		{"commune", []string{"unit", "create", "--db", db, "--code", "000.31.21.H06", "--name", "Xã Tiên Du", "--kind", "commune", "--parent", "000.00.00.H06", "--valid-from", "2025-07-01"}, 0, "created", ""},
		{"import CSV for the commune", []string{"calendar", "import", csvFile, "--unit", "000.31.21.H06", "--db", db}, 0, "2 read, 2 added", ""},
		{"import again changes nothing", []string{"calendar", "import", csvFile, "--unit", "000.31.21.H06", "--db", db}, 0, "2 read, 0 added, 2 already present", ""},
		{"the commune's year", []string{"calendar", "year", "2026", "--json", "--unit", "000.31.21.H06", "--db", db}, 0,
			`{"year":2026,"days_off":["2026-01-01","2026-01-02","2026-02-16","2026-02-17","2026-02-18","2026-02-19","2026-02-20","2026-04-27","2026-04-30","2026-05-01","2026-07-22","2026-08-31","2026-09-01","2026-09-02"],"working_saturdays":["2026-01-10","2026-08-22","2026-12-26"]}`, ""},
		{"closure overlapping a holiday", []string{"calendar", "add", "--date", "2026-09-02", "--kind", "closure", "--db", db}, 2, "", "đã là ngày nghỉ (Ngày Quốc khánh)"},
		{"add for every unit", []string{"calendar", "add", "--date", "2026-12-31", "--kind", "closure", "--name-vi", "Nghỉ cuối năm", "--db", db}, 0, "added 2026-12-31 CLOSURE", ""},
		{"export", []string{"calendar", "export", "--unit", "000.31.21.H06", "--db", db}, 0, `"name_en": "Typhoon closure"`, ""},
		{"list", []string{"calendar", "list", "2026", "--db", db}, 0, "Nghỉ cuối năm", ""},
		{"hours", []string{"calendar", "hours", "--unit", "000.31.21.H06", "--set", "07:30-11:30,13:30-17:30", "--db", db}, 0, "07:30-11:30,13:30-17:30", ""},
		{"bad hours", []string{"calendar", "hours", "--unit", "000.31.21.H06", "--set", "17:00-07:00", "--db", db}, 2, "", "--hours"},
		{"remove", []string{"calendar", "remove", "--date", "2026-12-31", "--db", db}, 0, "removed", ""},
		{"audit still intact", []string{"audit", "verify", "--db", db}, 0, "intact", ""},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", s.args...)
			okOut := strings.Contains(out, s.stdout)
			if strings.HasPrefix(s.stdout, "{") && !strings.HasPrefix(s.stdout, "{\n") {
				okOut = strings.TrimSpace(out) == s.stdout
			}
			if code != s.code || !okOut || !strings.Contains(errOut, s.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout %q, stderr ∋ %q", code, s.code, out, errOut, s.stdout, s.stderr)
			}
		})
	}
}
