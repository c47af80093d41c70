package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The II.06a report on screen counts a dossier received today, and downloads as the official sheet.
func TestSettlementPage(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")
	if status, _, _ := desk.post("/dossiers", birthForm()); status != http.StatusSeeOther {
		t.Fatalf("receive: %d", status)
	}
	year := time.Now().Format("2006") + "-01-01"
	today := time.Now().Format("2006-01-02")
	q := url.Values{"unit": {"000.31.21.H06"}, "from": {year}, "to": {today}}.Encode()
	tests := []struct {
		name, as, path string
		status         int
		want           []string
	}{
		{"leader sees the commune", "lanhdao", "/reports/06a?" + q, 200,
			[]string{"Tình hình, kết quả giải quyết thủ tục hành chính", "Hộ tịch", "Tổng cộng", `<td class="num">1</td>`, "Báo cáo"}},
		{"default period and unit", "lanhdao", "/reports/06a", 200, []string{"Biểu số II.06a/VPCP/KSTT"}},
		{"backwards period", "lanhdao", "/reports/06a?" + url.Values{"unit": {"000.31.21.H06"}, "from": {today}, "to": {year}}.Encode(), 400,
			[]string{"Ngày kết thúc"}},
		{"Excel", "lanhdao", "/reports/06a/xlsx?" + q, 200, []string{"PK"}},
		{"reception has no reports", "tiepnhan", "/reports/06a", 403, nil},
		{"another commune", "kinhbac", "/reports/06a?" + q, 403, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := s.login(t, tt.as).get(tt.path)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}
