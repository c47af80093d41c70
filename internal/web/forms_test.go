package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Each form is printed from the dossier page when it applies; the citizen downloads the receipt
// from the lookup; the register shows a unit's period and exports it.
func TestPrintedForms(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")
	status, loc, _ := desk.post("/dossiers", birthForm())
	if status != http.StatusSeeOther {
		t.Fatalf("receive: %d", status)
	}
	_, _, body := desk.get(loc)
	m := receivedNote.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no received notice")
	}
	code, secret := m[1], m[2]
	if !strings.Contains(body, "/dossiers/"+code+"/forms/receipt") || !strings.Contains(body, "/dossiers/"+code+"/forms/control") ||
		strings.Contains(body, "/forms/apology") {
		t.Fatal("the dossier page offers the wrong forms")
	}
	today := time.Now().Format("2006-01-02")
	monthAgo := time.Now().AddDate(0, -1, 0).Format("2006-01-02")
	register := url.Values{"unit": {"000.31.21.H06"}, "from": {monthAgo}, "to": {today}}.Encode()
	tests := []struct {
		name, as, path string
		status         int
		kind           string // content type prefix, or a text on the page
	}{
		{"receipt", "tiepnhan", "/dossiers/" + code + "/forms/receipt", 200, "application/pdf"},
		{"control slip in the 2018 set", "tiepnhan", "/dossiers/" + code + "/forms/control?set=2018", 200, "application/pdf"},
		{"apology never rescheduled", "tiepnhan", "/dossiers/" + code + "/forms/apology", 409, "Không thể lập"},
		{"unknown form", "tiepnhan", "/dossiers/" + code + "/forms/certificate", 400, "text/html"},
		{"another commune", "motcuakb", "/dossiers/" + code + "/forms/receipt", 403, "text/html"},
		{"lookup by QR link", "", "/lookup?" + url.Values{"code": {code}, "secret": {secret}}.Encode(), 200, "/lookup/receipt?"},
		{"public receipt", "", "/lookup/receipt?" + url.Values{"code": {code}, "secret": {secret}}.Encode(), 200, "application/pdf"},
		{"public receipt, wrong secret", "", "/lookup/receipt?" + url.Values{"code": {code}, "secret": {"ZZZZZZ"}}.Encode(), 404, "text/html"},
		{"register page", "tiepnhan", "/register?" + register, 200, code},
		{"register PDF", "tiepnhan", "/register/pdf?" + register, 200, "application/pdf"},
		{"register Excel", "tiepnhan", "/register/xlsx?" + register, 200, "application/vnd.openxmlformats"},
		{"register backwards", "tiepnhan", "/register?" + url.Values{"unit": {"000.31.21.H06"}, "from": {today}, "to": {monthAgo}}.Encode(), 400, "Ngày kết thúc phải từ ngày bắt đầu trở đi."},
		{"register of another commune", "motcuakb", "/register/pdf?" + register, 403, "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s.client(t)
			if tt.as != "" {
				c = s.login(t, tt.as)
			}
			req, _ := http.NewRequest("GET", s.URL+tt.path, nil)
			resp, err := c.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b strings.Builder
			buf := make([]byte, 32<<10)
			for {
				n, err := resp.Body.Read(buf)
				b.Write(buf[:n])
				if err != nil {
					break
				}
			}
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			ct := resp.Header.Get("Content-Type")
			switch {
			case strings.Contains(tt.kind, "/") && !strings.HasPrefix(tt.kind, "/"):
				if !strings.HasPrefix(ct, tt.kind) {
					t.Fatalf("content type %s, want %s", ct, tt.kind)
				}
				if tt.kind == "application/pdf" && !strings.HasPrefix(b.String(), "%PDF") {
					t.Fatal("not a PDF")
				}
			default:
				if !strings.Contains(b.String(), tt.kind) {
					t.Fatalf("page lacks %q", tt.kind)
				}
			}
		})
	}
}
