package web_test

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The II.06a page offers periods (month, quarter, year, custom days), groupings (field, procedure,
// unit) and the unit structure of a day, and downloads the same report as PDF.
func TestSettlementPeriodsAndGroupings(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")
	for range 2 {
		if status, _, _ := desk.post("/dossiers", birthForm()); status != http.StatusSeeOther {
			t.Fatalf("receive: %d", status)
		}
	}
	now := time.Now().In(time.FixedZone("ICT", 7*3600))
	year, month := strconv.Itoa(now.Year()), strconv.Itoa(int(now.Month()))
	quarter := strconv.Itoa((int(now.Month())-1)/3 + 1)
	today := now.Format("2006-01-02")
	q := func(kv ...string) string {
		v := url.Values{"unit": {"000.00.00.H06"}, "subtree": {"1"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return "/reports/06a?" + v.Encode()
	}
	// The total row: received 2 in person, none carried over, none resolved; both pending (within
	// or past their deadline depending on the period's end).
	total := `<th>Tổng cộng</th><th class="num">2</th><th class="num">0</th><th class="num">2</th><th class="num">0</th><th class="num">0</th><th class="num">0</th><th class="num">0</th><th class="num">0</th><th class="num">2</th>`
	tests := []struct {
		name   string
		path   string
		status int
		want   []string
		not    []string
	}{
		{"month by field", q("period", "month", "year", year, "month", month), 200,
			[]string{"Hộ tịch", total, `<option value="month" selected>`}, nil},
		{"quarter by procedure", q("period", "quarter", "year", year, "quarter", quarter, "by", "procedure"), 200,
			[]string{"9.990002 – Đăng ký khai sinh", "Thủ tục hành chính", total}, []string{"<td>Hộ tịch</td>"}},
		{"year by unit", q("period", "year", "year", year, "by", "unit"), 200,
			[]string{"<td>Xã Tiên Du</td>", "<td>Phường Kinh Bắc</td>", "<th rowspan=\"2\">Đơn vị</th>", total}, nil},
		{"custom days", q("period", "custom", "from", today, "to", today), 200, []string{total, "Hộ tịch"}, nil},
		{"the structure of a day, with merged units rolled up", q("period", "custom", "from", today, "to", today, "as_of", "2025-07-01", "merge", "1"), 200,
			[]string{"theo cơ cấu đơn vị tại ngày 01/07/2025", "Số liệu của đơn vị đã sáp nhập được tính vào đơn vị kế thừa", `name="merge" value="1" checked`, total}, nil},
		{"a year long ago is empty", q("period", "year", "year", "2015"), 200,
			[]string{`<th class="num">0</th>`, "01/01/2015"}, []string{"Hộ tịch"}},
		{"end before start", q("period", "custom", "from", today, "to", "2020-01-01"), 400,
			[]string{"Ngày kết thúc kỳ báo cáo phải từ ngày bắt đầu trở đi.", `id="to" name="to" type="date" value="2020-01-01" aria-invalid="true"`}, nil},
		{"month 13", q("period", "month", "year", year, "month", "13"), 400,
			[]string{"Tháng “13” không hợp lệ (từ 1 đến 12).", `id="month" name="month" aria-invalid="true"`}, nil},
		{"unknown period kind and grouping", q("period", "week", "by", "officer"), 400,
			[]string{"Loại kỳ báo cáo “week” không hợp lệ", "Cách nhóm báo cáo không hợp lệ"}, nil},
		{"bad structure day", q("as_of", "2025-02-30"), 400, []string{"Ngày “2025-02-30” không hợp lệ"}, nil},
	}
	leader := s.login(t, "thanhtra")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := leader.get(tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}

	// The PDF of the quarter by procedure carries the figures with their diacritics.
	status, _, pdf := leader.get(strings.Replace(q("period", "quarter", "year", year, "quarter", quarter, "by", "procedure"), "/reports/06a?", "/reports/06a/pdf?", 1))
	if status != 200 || !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("pdf: %d %.20q", status, pdf)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		file := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(file, []byte(pdf), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"TỈNH BẮC NINH", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC", "Quý " + []string{"I", "II", "III", "IV"}[(int(now.Month())-1)/3] + " năm " + year,
			"9.990002 - Đăng ký khai sinh", "Tổng cộng", "0,00%"} {
			if !strings.Contains(string(out), w) {
				t.Errorf("pdf lacks %q:\n%s", w, out)
			}
		}
	}
	if status, _, _ := leader.get("/reports/06a/pdf?" + url.Values{"period": {"custom"}, "from": {today}, "to": {"2020-01-01"}}.Encode()); status != 400 {
		t.Errorf("pdf of a backwards period: %d", status)
	}
	if status, _, _ := s.login(t, "tiepnhan").get("/reports/06a/pdf"); status != 403 {
		t.Errorf("pdf for reception: %d", status)
	}
}
