package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/generate"
	"motcua/internal/processing"
	"motcua/internal/store"
)

// demoDossiers returns the demo dossiers by status, from the database of a server started with --demo.
func demoDossiers(t *testing.T, path string) map[dossier.Status]dossier.Dossier {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[dossier.Status]dossier.Dossier{}
	// Every page: the demo's history (made by the generator) comes first by appointment, and is
	// left out, so that the dossiers picked are the demo's stories.
	for offset := 0; ; offset += 500 {
		list, _, err := db.ListDossiers(context.Background(), processing.Query{Limit: 500, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			return out
		}
		for _, d := range list {
			if len(d.DueHistory) > 0 && d.DueHistory[0].By == generate.Actor {
				continue
			}
			if _, ok := out[d.Status]; !ok || d.Rescheduled {
				out[d.Status] = d
			}
		}
	}
}

// pdfText extracts the text of a PDF with pdftotext, or skips when poppler-utils is missing.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is missing")
		}
		t.Skip("pdftotext not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestFormCommands(t *testing.T) {
	s := startServer(t, "--demo")
	ds := demoDossiers(t, s.DB)
	received, returned, stopped := ds[dossier.StatusReceived], ds[dossier.StatusReturned], ds[dossier.StatusStopped]
	if received.Code == "" || returned.Code == "" || stopped.Code == "" || !returned.Rescheduled {
		t.Fatalf("demo lacks dossiers: %v", ds)
	}
	dir := t.TempDir()
	today := time.Now().Format("2006-01-02")
	monthAgo := time.Now().AddDate(0, -1, 0).Format("2006-01-02")
	tests := []struct {
		name string
		args []string
		exit int
		text []string // in the PDF, or in the error
	}{
		{"receipt", []string{"form", "receipt", "--dossier", received.Code, "--out", "r.pdf"}, 0,
			[]string{"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", received.Code, received.Applicant.Name, "Xã Tiên Du",
				"Quyển số: " + strconv.Itoa(received.ReceivedAt.Year()) + " Số thứ tự: "}},
		{"receipt in the 2018 set", []string{"form", "receipt", "--dossier", received.Code, "--set", "2018", "--out", "r18.pdf"}, 0,
			[]string{"01/2018/TT-VPCP"}},
		{"apology of a rescheduled dossier", []string{"form", "apology", "--dossier", returned.Code, "--out", "a.pdf"}, 0,
			[]string{returned.Code, "xác minh thêm thông tin hộ tịch"}},
		{"control slip", []string{"form", "control", "--dossier", returned.Code, "--out", "c.pdf"}, 0, []string{returned.Code}},
		{"stop notice", []string{"form", "stop", "--dossier", stopped.Code, "--out", "s.pdf"}, 0, []string{"12/TB-UBND"}},
		{"apology never rescheduled", []string{"form", "apology", "--dossier", received.Code, "--out", "x.pdf"}, 2, []string{"Không thể lập", "does not apply"}},
		{"stop in the 2018 set", []string{"form", "stop", "--dossier", stopped.Code, "--set", "2018", "--out", "x.pdf"}, 2, nil},
		{"unknown dossier", []string{"form", "receipt", "--dossier", "000.31.21.H06-010101-0001", "--out", "x.pdf"}, 2, nil},
		{"no output", []string{"form", "receipt", "--dossier", received.Code}, 2, []string{"--out"}},
		{"unknown form", []string{"form", "certificate", "--dossier", received.Code, "--out", "x.pdf"}, 2, []string{"usage"}},
		{"register as PDF", []string{"form", "register", "--unit", "000.31.21.H06", "--from", monthAgo, "--to", today, "--out", "reg.pdf"}, 0,
			[]string{"SỔ THEO DÕI HỒ SƠ", received.Code, returned.Code}},
		{"register as Excel", []string{"form", "register", "--unit", "000.31.21.H06", "--from", monthAgo, "--to", today, "--out", "reg.xlsx"}, 0, nil},
		{"register backwards", []string{"form", "register", "--unit", "000.31.21.H06", "--from", today, "--to", monthAgo, "--out", "x.pdf"}, 2, []string{"--to"}},
		{"register of an unknown unit", []string{"form", "register", "--unit", "000.99.99.H06", "--from", monthAgo, "--to", today, "--out", "x.pdf"}, 2, []string{"--unit"}},
		{"register as Word", []string{"form", "register", "--unit", "000.31.21.H06", "--from", monthAgo, "--to", today, "--out", "x.docx"}, 2, []string{"--out"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{}, tt.args...)
			for i, a := range args {
				if i > 0 && args[i-1] == "--out" {
					args[i] = filepath.Join(dir, a)
				}
			}
			args = append(args, "--db", s.DB)
			code, stdout, stderr := runCmd(t, "", args...)
			if code != tt.exit {
				t.Fatalf("exit %d, want %d: %s %s", code, tt.exit, stdout, stderr)
			}
			if tt.exit != 0 {
				for _, want := range tt.text {
					if !strings.Contains(stderr, want) {
						t.Errorf("error lacks %q: %s", want, stderr)
					}
				}
				if _, err := os.Stat(args[len(args)-3]); err == nil && strings.HasSuffix(args[len(args)-3], "x.pdf") {
					t.Error("a file was written for a form that does not apply")
				}
				return
			}
			out := filepath.Join(dir, tt.args[len(tt.args)-1])
			if strings.HasSuffix(out, ".xlsx") {
				if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "PK") {
					t.Fatalf("not an Excel file: %v", err)
				}
				return
			}
			text := pdfText(t, out)
			for _, want := range tt.text {
				if !strings.Contains(text, want) {
					t.Errorf("PDF lacks %q", want)
				}
			}
		})
	}
}
