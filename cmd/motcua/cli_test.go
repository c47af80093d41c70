package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	steps := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"migrate a new database", "", []string{"migrate", "--db", db}, 0, "applied 0001_foundation", ""},
		{"migrate again", "", []string{"migrate", "--db", db}, 0, "up to date", ""},
		{"create province", "", []string{"unit", "create", "--db", db, "--code", "000.00.00.H06", "--name", "Tỉnh Bắc Ninh", "--kind", "province", "--valid-from", "1997-01-01"}, 0, "created unit 000.00.00.H06", ""},
		{"create district", "", []string{"unit", "create", "--db", db, "--code", "000.00.15.H06", "--name", "Huyện Tiên Du", "--kind", "district", "--parent", "000.00.00.H06", "--valid-from", "1999-08-01"}, 0, "created", ""},
		{"create commune", "", []string{"unit", "create", "--db", db, "--code", "000.31.21.H06", "--name", "Xã Tiên Du", "--kind", "commune", "--parent", "000.00.00.H06", "--valid-from", "2025-07-01"}, 0, "created", ""},
		{"duplicate code", "", []string{"unit", "create", "--db", db, "--code", "000.31.21.H06", "--name", "X", "--kind", "commune", "--parent", "000.00.00.H06"}, 2, "", "đã được dùng"},
		{"bad input names the flags", "", []string{"unit", "create", "--db", db, "--code", "x", "--name", "", "--kind", "village"}, 2, "", "--code: Mã định danh không hợp lệ"},
		{"merge the district", "", []string{"unit", "merge", "--db", db, "--code", "000.00.15.H06", "--into", "000.31.21.H06", "--on", "2025-07-01"}, 0, "merge done", ""},
		{"user from stdin", "mat-khau-manh\n", []string{"user", "create", "--db", db, "--username", "tiepnhan", "--role", "reception", "--role", "clerk", "--unit", "000.31.21.H06", "--full-name", "Phạm Thị Nhung"}, 0, "created user tiepnhan (reception, clerk) in 000.31.21.H06", ""},
		{"user without password", "", []string{"user", "create", "--db", db, "--username", "khac", "--role", "reception", "--unit", "000.31.21.H06"}, 2, "", "no password on standard input"},
		{"user with unknown role", "12345678\n", []string{"user", "create", "--db", db, "--username", "khac", "--role", "boss", "--unit", "000.31.21.H06"}, 2, "", "--role"},
		{"reset password", "mat-khau-moi-1\n", []string{"user", "reset-password", "--db", db, "--username", "tiepnhan"}, 0, "password of tiepnhan reset", ""},
		{"list users", "", []string{"user", "list", "--db", db}, 0, "tiepnhan", ""},
		{"token for a user", "", []string{"token", "create", "--db", db, "--username", "tiepnhan", "--name", "kiosk"}, 0, "mc_", ""},
		{"token for nobody", "", []string{"token", "create", "--db", db, "--username", "nobody"}, 2, "", "Không tìm thấy tài khoản nobody"},
		{"audit intact", "", []string{"audit", "verify", "--db", db}, 0, "audit trail intact: 7 entries", ""},
		{"backup", "", []string{"backup", "--db", db, "--out", filepath.Join(dir, "copy.db")}, 0, "backup written", ""},
		{"backup refuses to overwrite", "", []string{"backup", "--db", db, "--out", filepath.Join(dir, "copy.db")}, 2, "", "already exists"},
		{"version", "", []string{"version"}, 0, "motcua ", ""},
		{"unknown command", "", []string{"frobnicate"}, 2, "", "unknown command"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, s.stdin, s.args...)
			if code != s.code || !strings.Contains(out, s.stdout) || !strings.Contains(errOut, s.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout ∋ %q, stderr ∋ %q", code, s.code, out, errOut, s.stdout, s.stderr)
			}
		})
	}

	// unit list --json: the structure of 2020 has the district; today's has it closed with its successor.
	code, out, _ := runCmd(t, "", "unit", "list", "--db", db, "--json", "--date", "2020-01-01")
	var units []unitJSON
	if code != 0 || json.Unmarshal([]byte(out), &units) != nil || len(units) != 2 || units[1].Code != "000.00.15.H06" {
		t.Fatalf("units of 2020: %d %s", code, out)
	}
	_, out, _ = runCmd(t, "", "unit", "list", "--db", db, "--json")
	units = nil
	_ = json.Unmarshal([]byte(out), &units)
	found := false
	for _, u := range units {
		if u.Code == "000.00.15.H06" {
			found = u.ValidTo == "2025-07-01" && u.Successor == "000.31.21.H06"
		}
	}
	if !found {
		t.Fatalf("merged district not listed with its successor: %s", out)
	}

	// The backup is a working database.
	if code, out, _ := runCmd(t, "", "audit", "verify", "--db", filepath.Join(dir, "copy.db")); code != 0 {
		t.Fatalf("backup copy: %s", out)
	}

	// Tampering is caught and named.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_log SET after = '{"username":"hacker"}' WHERE seq = 5`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, _ = runCmd(t, "", "audit", "verify", "--db", db)
	if code != 1 || !strings.Contains(out, "entry 5") {
		t.Fatalf("tampered audit: exit %d, %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
}
