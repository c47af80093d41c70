package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// portalSubmissionsPerHour is the test site's limit of dossiers filed online from one address.
const portalSubmissionsPerHour = 3

// onlineProcedure is a sample procedure with an online channel and two mandatory papers.
const onlineProcedure = "2.000635"

// scan is a small valid PDF whose content depends on n; padded to size bytes when larger.
func scan(n, size int) []byte {
	b := fmt.Appendf(nil, "%%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%% scan %d\n", n)
	if pad := size - len(b) - 6; pad > 0 {
		b = append(b, bytes.Repeat([]byte("%"), pad)...)
	}
	return append(b, "\n%%EOF"...)
}

// applicant is a citizen's complete data, as the form posts it.
func applicant() url.Values {
	return url.Values{"applicant.kind": {"citizen"}, "applicant.name": {"Nguyễn Thị Hoa"}, "applicant.id_number": {"027190001234"},
		"applicant.phone": {"0912 345 678"}, "applicant.email": {"hoa.nguyen@example.vn"}, "applicant.address": {"Thôn Đông, xã Tiên Du"},
		"unit": {"000.31.21.H06"}, "return_method": {"desk"}}
}

var draftLink = regexp.MustCompile(`^/portal/drafts/([A-Za-z0-9_-]{22})$`)

// startDraft follows the procedure's "file online" link and returns the draft's address.
func startDraft(t *testing.T, c *client) string {
	t.Helper()
	status, loc, body := c.get("/procedures/" + onlineProcedure + "/file")
	if status != http.StatusSeeOther || !draftLink.MatchString(loc) {
		t.Fatalf("start: %d %q\n%s", status, loc, body)
	}
	return loc
}

// fileDraft fills a new draft completely and submits it, returning the submit's status, Location and body.
func fileDraft(t *testing.T, c *client, n int) (string, int, string, string) {
	t.Helper()
	draft := startDraft(t, c)
	form := applicant()
	form.Set("intent", "review")
	files := map[string]map[string][]byte{"component.0": {"to-khai.pdf": scan(n*10, 0)}, "component.1": {"giay-to.pdf": scan(n*10+1, 0)}}
	if status, loc, body := c.postFiles(draft, form, files); status != http.StatusSeeOther || loc != draft+"/review" {
		t.Fatalf("review: %d %q\n%s", status, loc, body)
	}
	status, loc, body := c.post(draft+"/submit", url.Values{})
	return draft, status, loc, body
}

// A citizen files a dossier online from the procedure's page: bad input is shown field by field and
// nothing entered or uploaded is lost; a reload shows the draft; submitting twice files one dossier;
// the confirmation gives the code, the secret and the lookup link; the desk sees the dossier.
func TestPortalFileOnline(t *testing.T) {
	s := newDossierSite(t)
	c := s.client(t)

	status, _, body := c.get("/procedures/" + onlineProcedure)
	if status != 200 || !strings.Contains(body, `href="/procedures/`+onlineProcedure+`/file"`) || !strings.Contains(body, "Nộp hồ sơ trực tuyến") {
		t.Fatalf("procedure page lacks the online filing link (%d)", status)
	}
	if _, _, body := c.get("/procedures/9.990001"); strings.Contains(body, "/file\"") {
		t.Fatal("a procedure without an online channel offers online filing")
	}
	if status, _, _ := c.get("/procedures/9.990001/file"); status != http.StatusNotFound {
		t.Fatalf("filing a procedure without an online channel: %d", status)
	}

	draft := startDraft(t, c)
	status, _, body = c.get(draft)
	for _, want := range []string{"Nộp hồ sơ trực tuyến", "<legend>1. Thông tin người nộp</legend>", `<label for="f-applicant-name">`,
		"Xã Tiên Du", "Phường Kinh Bắc", "bắt buộc", `name="component.0"`, "Tại Bộ phận Một cửa", "Qua dịch vụ bưu chính"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("draft form (%d) lacks %q", status, want)
		}
	}

	bad := []struct {
		name  string
		form  func(url.Values)
		files map[string]map[string][]byte
		want  []string
	}{
		{"malformed phone, e-mail and identity number; a text file for a paper", func(v url.Values) {
			v.Set("applicant.phone", "09123")
			v.Set("applicant.email", "hoa@")
			v.Set("applicant.id_number", "12345")
		}, map[string]map[string][]byte{"component.0": {"to-khai.pdf": []byte("Xin chào, đây không phải bản quét.")}, "component.1": {"uy-quyen.pdf": scan(1, 0)}},
			[]string{"Số điện thoại “09123” không hợp lệ.", "Địa chỉ thư điện tử “hoa@” không hợp lệ.", "Số CMND/CCCD phải gồm 9 hoặc 12 chữ số",
				"Loại tệp “text/plain” không được chấp nhận", `href="#f-applicant-phone"`, `href="#f-component-0"`, `aria-invalid="true" aria-describedby="f-applicant-phone-err"`,
				`value="Nguyễn Thị Hoa"`, "Đã tải lên: uy-quyen.pdf"}},
		{"an oversized scan", func(v url.Values) {}, map[string]map[string][]byte{"component.0": {"to-khai-lon.pdf": scan(2, 70<<10)}},
			[]string{"Tệp vượt quá dung lượng cho phép", `value="0912 345 678"`, "Đã tải lên: uy-quyen.pdf"}},
		{"post without an address, mandatory paper missing", func(v url.Values) {
			v.Set("return_method", "post")
			v.Set("intent", "review")
		}, nil, []string{"Cần địa chỉ nhận kết quả khi trả qua dịch vụ bưu chính.", "Thiếu giấy tờ bắt buộc", `href="#f-return_address"`}},
		{"a unit that does not receive the procedure", func(v url.Values) { v.Set("unit", "000.99.99.H06") }, nil,
			[]string{"không tiếp nhận thủ tục này"}},
	}
	for _, tt := range bad {
		form := applicant()
		tt.form(form)
		status, _, body := c.postFiles(draft, form, tt.files)
		if status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.name, status)
		}
		for _, want := range append(tt.want, `class="error portal-summary" role="alert"`) {
			if !strings.Contains(body, want) {
				t.Errorf("%s: page lacks %q", tt.name, want)
			}
		}
	}

	// A reload shows everything saved, including the file already uploaded.
	status, _, body = c.get(draft)
	for _, want := range []string{`value="Nguyễn Thị Hoa"`, `value="0912 345 678"`, "Đã tải lên: uy-quyen.pdf", `value="desk" checked`} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("reloaded draft (%d) lacks %q", status, want)
		}
	}
	if strings.Contains(body, "portal-summary") {
		t.Error("a reload shows old errors")
	}

	form := applicant()
	form.Set("return_method", "post")
	form.Set("return_address", "Số 5 Lý Thái Tổ, phường Kinh Bắc")
	form.Set("intent", "save")
	if status, loc, body := c.postFiles(draft, form, map[string]map[string][]byte{"component.0": {"to-khai.pdf": scan(3, 0)}}); status != http.StatusSeeOther || loc != draft+"?saved=1" {
		t.Fatalf("save: %d %q\n%s", status, loc, body)
	}
	if _, _, body := c.get(draft + "?saved=1"); !strings.Contains(body, "Đã lưu bản nháp.") || !strings.Contains(body, "Đã tải lên: to-khai.pdf") {
		t.Fatal("saved notice or new upload missing")
	}
	form.Set("intent", "review")
	if status, loc, body := c.postFiles(draft, form, nil); status != http.StatusSeeOther || loc != draft+"/review" {
		t.Fatalf("to review: %d %q\n%s", status, loc, body)
	}
	status, _, body = c.get(draft + "/review")
	for _, want := range []string{"Xem lại hồ sơ", "Nguyễn Thị Hoa", "027190001234", "Xã Tiên Du", "to-khai.pdf", "uy-quyen.pdf", "Số 5 Lý Thái Tổ", "8 giờ làm việc"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("review (%d) lacks %q", status, want)
		}
	}

	// Pressing submit twice (or replaying it) files one dossier and shows the same confirmation.
	status, loc, _ := c.post(draft+"/submit", url.Values{})
	if status != http.StatusSeeOther || loc != draft+"/done" {
		t.Fatalf("submit: %d %q", status, loc)
	}
	if status, again, _ := c.post(draft+"/submit", url.Values{}); status != http.StatusSeeOther || again != loc {
		t.Fatalf("second submit: %d %q", status, again)
	}
	status, _, body = c.get(loc)
	code := regexp.MustCompile(`id="dossier-code">([^<]+)<`).FindStringSubmatch(body)
	secret := regexp.MustCompile(`id="lookup-secret">([^<]+)<`).FindStringSubmatch(body)
	if status != 200 || code == nil || secret == nil || !strings.HasPrefix(code[1], "000.31.21.H06-") {
		t.Fatalf("confirmation (%d):\n%s", status, body)
	}
	lookup := "/lookup?" + url.Values{"code": {code[1]}, "secret": {secret[1]}}.Encode()
	for _, want := range []string{"Đã nộp hồ sơ trực tuyến", "Cấp bản sao trích lục hộ tịch", "8 giờ làm việc", "Hạn trả lời của Bộ phận Một cửa",
		`href="` + strings.ReplaceAll(lookup, "&", "&amp;") + `"`} {
		if !strings.Contains(body, want) {
			t.Errorf("confirmation lacks %q", want)
		}
	}
	if status, _, body := c.get(lookup); status != 200 || !strings.Contains(body, "Mới đăng ký") || !strings.Contains(body, code[1]) {
		t.Errorf("lookup of the filed dossier (%d)", status)
	}
	if status, loc, _ := c.get(draft); status != http.StatusSeeOther || loc != draft+"/done" {
		t.Errorf("a filed draft's form: %d %q", status, loc)
	}
	if status, _, body := c.postFiles(draft, applicant(), nil); status != http.StatusSeeOther {
		t.Errorf("saving a filed draft: %d\n%s", status, body)
	}
	if next := startDraft(t, c); next == draft {
		t.Error("the link reopened a filed draft instead of starting a new one")
	}

	desk := s.login(t, "tiepnhan")
	status, _, body = desk.get("/dossiers/" + code[1])
	for _, want := range []string{"Nguyễn Thị Hoa", "to-khai.pdf", "uy-quyen.pdf"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("desk's dossier page (%d) lacks %q", status, want)
		}
	}
	_, _, body = desk.get("/dossiers?" + url.Values{"q": {"Nguyễn Thị Hoa"}}.Encode())
	if n := strings.Count(body, `href="/dossiers/`+code[1]+`"`); n != 1 || strings.Count(body, `href="/dossiers/000.31.21.H06-`) != 1 {
		t.Errorf("the desk's queue lists the dossier %d times, want once:\n%s", n, body)
	}
}

// The link of a procedure resumes the draft in the cookie; an unknown or expired draft is a clear 404.
func TestPortalDraftCookieAndUnknown(t *testing.T) {
	s := newDossierSite(t)
	c := s.client(t)
	draft := startDraft(t, c)
	if again := startDraft(t, c); again != draft {
		t.Errorf("the link started %q instead of resuming %q", again, draft)
	}
	other := s.client(t)
	if fresh := startDraft(t, other); fresh == draft {
		t.Error("another browser got the same draft")
	}
	if status, _, _ := c.get("/lang/en?next=" + url.QueryEscape(draft)); status != http.StatusSeeOther {
		t.Fatalf("switch to English: %d", status)
	}
	status, _, body := c.get(draft)
	for _, want := range []string{"File a dossier online", "<legend>1. Applicant</legend>", "Save draft", "Continue: review the dossier", "required"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("English draft form (%d) lacks %q", status, want)
		}
	}
	c.get("/lang/vi?next=/") // back to Vietnamese for the messages below
	for _, path := range []string{"/portal/drafts/AAAAAAAAAAAAAAAAAAAAAA", "/portal/drafts/khong-co", "/portal/drafts/AAAAAAAAAAAAAAAAAAAAAA/review"} {
		if status, _, body := c.get(path); status != http.StatusNotFound || !strings.Contains(body, "Không tìm thấy bản nháp hồ sơ") {
			t.Errorf("%s: %d", path, status)
		}
	}
}

// Too many dossiers filed from one address are refused with a clear message; the draft is kept.
func TestPortalSubmissionsThrottled(t *testing.T) {
	s := newDossierSite(t)
	c := s.client(t)
	for i := range portalSubmissionsPerHour {
		if _, status, _, body := fileDraft(t, c, i); status != http.StatusSeeOther {
			t.Fatalf("filing %d: %d\n%s", i, status, body)
		}
	}
	draft, status, _, body := fileDraft(t, c, 9)
	if status != http.StatusTooManyRequests || !strings.Contains(body, "Có quá nhiều hồ sơ được nộp từ máy này") || !strings.Contains(body, "to-khai.pdf") {
		t.Fatalf("filing over the limit: %d\n%s", status, body)
	}
	if status, _, body := c.get(draft); status != 200 || !strings.Contains(body, `value="Nguyễn Thị Hoa"`) {
		t.Fatalf("draft after the refusal: %d", status)
	}
}
