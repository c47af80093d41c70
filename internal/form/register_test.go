package form

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"motcua/internal/dossier"
)

// registerFixture is a week of dossiers in the order the register lists them.
func registerFixture(set string) []dossier.Dossier {
	var rows []dossier.Dossier
	for _, fx := range []fixture{received, processing, supplementing, rescheduled, returned, stopped, refusedAfterAppraisal} {
		d, _ := fx(now2026, codeFor(set))
		rows = append(rows, d)
	}
	return rows
}

func TestRenderRegister(t *testing.T) {
	for _, set := range Sets() {
		t.Run(set, func(t *testing.T) {
			rows := registerFixture(set)
			var buf bytes.Buffer
			if err := RenderRegister(&buf, set, rows, unitName, now2026, now2026.AddDate(0, 0, 6), context()); err != nil {
				t.Fatal(err)
			}
			pagePNG(t, buf.Bytes(), pngDir(t), set+"_register")
			text := pdfText(t, buf.Bytes())
			flat := squash(text)
			number := map[string]string{Set2025: "Mẫu số 07", Set2018: "Mẫu số 06"}[set]
			for _, w := range []string{"SỔ THEO DÕI HỒ SƠ", number, "Từ ngày 23/11/2026 đến ngày 29/11/2026", "UBND PHƯỜNG KINH BẮC",
				"STT", "Mã hồ sơ", "Đăng ký khai sinh", applicant, "09:30", "23/11/2026", "Đã trả kết quả", "Quá hạn", "Tổng số: 7 hồ sơ"} {
				if !strings.Contains(flat, w) {
					t.Errorf("register lacks %q", w)
				}
			}
			checkGlyphs(t, text)
			if t.Failed() {
				t.Log(text)
			}
		})
	}
}

func TestRegisterXLSX(t *testing.T) {
	rows := registerFixture(Set2025)
	var buf bytes.Buffer
	if err := RegisterXLSX(&buf, Set2025, rows, unitName, now2026, now2026.AddDate(0, 0, 6)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	got, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5+len(rows) {
		t.Fatalf("%d rows, want %d", len(got), 5+len(rows))
	}
	checks := map[string]string{
		"A1": "UBND PHƯỜNG KINH BẮC", "A2": "SỔ THEO DÕI HỒ SƠ (Mẫu số 07)", "A3": "Từ ngày 23/11/2026 đến ngày 29/11/2026",
		"A5": "STT", "B5": "Mã hồ sơ", "J5": "Ghi chú",
		"A6": "1", "B6": codeFor(Set2025), "C6": "Đăng ký khai sinh", "E6": "09:30 23/11/2026", "F6": "09:30 26/11/2026",
		"J10": "Đã trả kết quả; Quá hạn", "A12": "7",
	}
	for ref, want := range checks {
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if norm.NFC.String(v) != want {
			t.Errorf("%s = %q, want %q", ref, v, want)
		}
	}
	if v, _ := f.GetCellValue(sheet, "D6"); !strings.HasPrefix(v, applicant) {
		t.Errorf("D6 = %q", v)
	}
	st, err := f.GetCellStyle(sheet, "C5")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(st)
	if err != nil || style.Font == nil || !style.Font.Bold {
		t.Errorf("header row not bold: %+v %v", style, err)
	}
	for col, min := range map[string]float64{"B": 20, "D": 25} {
		w, err := f.GetColWidth(sheet, col)
		if err != nil || w < min {
			t.Errorf("column %s width %v < %v (%v)", col, w, min, err)
		}
	}
}
