package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/report"
)

// pdfText writes the PDF to a file and returns its text as pdftotext (poppler) reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPDF(t *testing.T) {
	rows, total := report.Tabulate([]report.Row{
		{Field: "Hộ tịch", Received: 12450, ReceivedDirect: 12450, Resolved: 12450, ResolvedEarly: 7000, ResolvedOnTime: 5200, ResolvedLate: 250},
		{Field: "Đất đai", Received: 3, ReceivedOnline: 1, CarriedOver: 2, Resolved: 1, ResolvedLate: 1, Pending: 2, PendingWithin: 1, PendingOverdue: 1},
	})
	period, err := report.ParsePeriod(report.PeriodInput{Kind: "year", Year: "2015"})
	if err != nil {
		t.Fatal(err)
	}
	s := report.Settlement{Unit: account.Unit{Code: "000.00.15.H06", Name: "Huyện Tiên Du"}, Subtree: true, From: period.From, To: period.To,
		Rows: rows, Total: total, By: report.ByField, AsOf: "2015-12-31", Period: period}
	var buf bytes.Buffer
	if err := report.PDF(&buf, s, time.Date(2016, 1, 5, 9, 0, 0, 0, calendar.Location)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", buf.Bytes())
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"HUYỆN TIÊN DU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC", "Biểu số II.06a/VPCP/KSTT", "Kỳ báo cáo: Năm 2015 (từ ngày 01/01/2015 đến ngày 31/12/2015)",
		"Lĩnh vực", "Trực tiếp,", "Trước hạn", "Đúng hạn", "(1)", "(13)", "Tỷ lệ",
		"Hộ tịch", "Đất đai", "12.450", "12.453", "97,99%", "97,98%", "0,00%", "Tổng cộng", "Ngày 05 tháng 01 năm 2016",
		"cơ cấu đơn vị tại ngày 31/12/2015"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	// The header says A4 landscape: 297 × 210 mm is 841.89 × 595.28 pt.
	if !bytes.Contains(buf.Bytes(), []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Errorf("the page is not A4 landscape")
	}
}

func TestPDFByUnitMarksClosedUnits(t *testing.T) {
	s := report.Settlement{Unit: account.Unit{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh"}, Subtree: true, By: report.ByUnit,
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, calendar.Location), To: time.Date(2025, 12, 31, 0, 0, 0, 0, calendar.Location),
		Rows: []report.Row{{Field: "Xã Tiên Du", Code: "000.31.21.H06", Received: 8, Resolved: 8, ResolvedOnTime: 8, OnTimeRate: 100},
			{Field: "Xã Phật Tích", Code: "000.15.21.H06", Mark: report.MarkMerged, Received: 10, Pending: 10, PendingWithin: 10}},
		Total: report.Row{Received: 18, Resolved: 8, ResolvedOnTime: 8, Pending: 10, PendingWithin: 10, OnTimeRate: 100}}
	var buf bytes.Buffer
	if err := report.PDF(&buf, s, s.To); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Đơn vị", "Xã Tiên Du", "Xã Phật Tích (đã sáp nhập)", "100,00%", "Từ ngày 01/01/2025 đến ngày 31/12/2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1.000", 12450: "12.450", 1234567: "1.234.567", -1500: "-1.500"} {
		if got := report.FormatInt(n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
	for r, want := range map[float64]string{97.99: "97,99%", 100: "100,00%", 0: "0,00%", 0.5: "0,50%"} {
		if got := report.FormatPercent(r); got != want {
			t.Errorf("FormatPercent(%v) = %q, want %q", r, got, want)
		}
	}
}
