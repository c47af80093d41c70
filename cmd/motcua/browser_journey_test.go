package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The citizen's journey, end to end in a real browser, the way the portal is meant to save trips: a
// citizen (not logged in) files procedure 9.990005 online with its scanned paper; the commune's desk
// receives it and transfers it; the head assigns a specialist, who finds a paper missing and asks for
// it; the citizen, on the lookup page, uploads the missing paper and the clock restarts; the office
// completes its steps, the clerk records the result and the desk returns it; the citizen then rates the
// service through the receipt's rating link. Every staff action goes through the dossier page's own
// forms, every citizen step through the public pages.
//
// Environment: as for TestBrowserAdminCreatesUnit; the screenshot is journey-rated.png.
func TestBrowserCitizenJourney(t *testing.T) {
	s := startServer(t, "--demo")
	b := newBrowser(t, 3*time.Minute)
	shots := screenshotDir(t)
	const (
		procedure = "9.990005" // Đăng ký thành lập hộ kinh doanh: online, one mandatory paper, restart on supplement
		applicant = "Lương Thị Mai"
		missing   = "Hợp đồng thuê địa điểm kinh doanh"
	)
	dir := t.TempDir()
	scan := func(name string) string {
		path := filepath.Join(dir, name)
		pdf := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + name + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
		if err := os.WriteFile(path, []byte(pdf), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	submitBtn := chromedp.CSS(`main form button[type="submit"]`)
	staff := staffSession{b: b, t: t, base: s.URL}

	// 1. The citizen files online and keeps the code and the lookup secret.
	b.submit("citizen: open the procedure", 200, chromedp.Navigate(s.URL+"/procedures/"+procedure))
	b.submit("citizen: file online", 200, chromedp.Click(chromedp.CSS(`a[href="/procedures/`+procedure+`/file"]`)))
	b.do("citizen: fill the form",
		chromedp.SendKeys(chromedp.CSS("#f-applicant-name"), applicant),
		chromedp.SendKeys(chromedp.CSS("#f-applicant-id_number"), "027194007788"),
		chromedp.SendKeys(chromedp.CSS("#f-applicant-phone"), "0913 224 466"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-component-0"), []string{scan("giay-de-nghi.pdf")}),
	)
	if unit := get(b, "citizen: choose Xã Tiên Du", chromedp.Evaluate[string](`(() => {
		for (const input of document.querySelectorAll('input[name="unit"]')) {
			if (input.closest("label").textContent.includes("Xã Tiên Du")) { input.click(); return input.value; }
		}
		return "";
	})()`)); unit != "000.31.21.H06" {
		t.Fatalf("the filing form offers no Xã Tiên Du (got %q)", unit)
	}
	b.submit("citizen: review", 200, chromedp.Click(chromedp.CSS(`button[value="review"]`)))
	b.submit("citizen: submit", 200, chromedp.Click(chromedp.CSS(`form[action$="/submit"] button[type="submit"]`)))
	code, secret := b.text("#dossier-code"), b.text("#lookup-secret")
	if !strings.HasPrefix(code, "000.31.21.H06-") || secret == "" {
		t.Fatalf("confirmation shows code %q and secret %q", code, secret)
	}
	lookup := s.URL + "/lookup?" + url.Values{"code": {code}, "secret": {secret}}.Encode()
	citizenSees := func(step, want string) {
		t.Helper()
		b.submit(step+": open the lookup", 200, chromedp.Navigate(lookup))
		if got := b.text("main section.card dl dd strong"); got != want {
			t.Fatalf("%s: the citizen sees status %q, want %q", step, got, want)
		}
	}
	citizenSees("after filing", "Mới đăng ký")

	// 2. The desk receives the online dossier and transfers it; the head assigns the specialist.
	staff.login("tiepnhan")
	staff.act(code, "receive")
	staff.act(code, "transfer")
	staff.logout()
	staff.login("truongphong")
	staff.act(code, "assign", chromedp.SetValue(chromedp.CSS("#assign-assignee"), "chuyenvien"))
	staff.logout()

	// 3. The specialist asks, through the desk, for a missing paper.
	staff.login("chuyenvien")
	staff.act(code, "request_supplement", chromedp.SendKeys(chromedp.CSS("#request_supplement-items"), missing+": chưa nộp kèm hồ sơ"))
	staff.logout()
	citizenSees("after the supplement request", "Yêu cầu bổ sung giấy tờ")
	if form := b.text("section.supplement"); !strings.Contains(form, missing) || !strings.Contains(form, "chưa nộp kèm hồ sơ") {
		t.Fatalf("the lookup page does not ask for %q with its reason:\n%s", missing, form)
	}

	// 4. The citizen uploads the missing paper on the lookup page; processing resumes, the clock restarts.
	b.do("citizen: choose the missing paper", chromedp.SetUploadFiles(chromedp.CSS(`input[name="item.0"]`), []string{scan("hop-dong-thue.pdf")}))
	b.submit("citizen: send the supplement", 200, chromedp.Click(chromedp.CSS(`form[action="/lookup/supplement"] button[type="submit"]`)))
	if st := b.text("main section.card dl dd strong"); st != "Đang xử lý" {
		t.Fatalf("after the online supplement the citizen sees %q, want Đang xử lý", st)
	}
	if body := b.text("main"); !strings.Contains(body, "thời hạn giải quyết được tính lại từ đầu") {
		t.Errorf("the lookup page does not say that the time limit restarted:\n%s", truncate(body, 2000))
	}

	// 5. The office completes its steps, the clerk records the result, the desk returns it.
	for _, user := range []string{"chuyenvien", "truongphong", "lanhdao"} {
		staff.login(user)
		staff.act(code, "complete_step")
		staff.logout()
	}
	staff.login("vanthu")
	staff.act(code, "result_ready", chromedp.SendKeys(chromedp.CSS("#result_ready-rname"), "Giấy chứng nhận đăng ký hộ kinh doanh"))
	staff.logout()
	staff.login("tiepnhan")
	staff.act(code, "return")
	if files := b.text("main"); !strings.Contains(files, "hop-dong-thue.pdf") {
		t.Errorf("the dossier page does not list the paper the citizen supplemented online")
	}
	staff.logout()
	citizenSees("after the return", "Đã trả kết quả")

	// 6. The citizen rates the service through the link of the receipt's QR code.
	b.submit("citizen: open the rating form", 200, chromedp.Navigate(s.URL+"/rate?"+url.Values{"code": {code}, "secret": {secret}}.Encode()))
	b.do("citizen: choose the scores",
		chromedp.Click(chromedp.CSS(`label[for="overall-3"]`)),
		chromedp.Click(chromedp.CSS(`label[for="c_a-3"]`)),
		chromedp.SendKeys(chromedp.CSS("#comment"), "Nộp và bổ sung trực tuyến, chỉ đến một lần để nhận kết quả"))
	b.submit("citizen: send the rating", 200, chromedp.Click(submitBtn))
	if n := b.text("main .notice"); !strings.Contains(n, "Cảm ơn ông/bà đã đánh giá") {
		t.Errorf("notice after rating = %q", n)
	}
	b.screenshot(shots, "journey-rated.png")
}

// staffSession logs officers in and out of the demo and acts on dossiers through the dossier page.
type staffSession struct {
	b    *browser
	t    *testing.T
	base string
	user string
}

// login logs the demo user in with the demo password.
func (s *staffSession) login(user string) {
	s.t.Helper()
	s.user = user
	s.b.submit(user+": open the login page", 200, chromedp.Navigate(s.base+"/login"))
	s.b.do(user+": type the credentials", chromedp.SendKeys(chromedp.CSS("#username"), user), chromedp.SendKeys(chromedp.CSS("#password"), "motcua2026"))
	s.b.submit(user+": log in", 200, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
	if h := s.b.text("main h1"); !strings.Contains(h, "Xin chào") {
		s.t.Fatalf("%s: home page heading = %q, want a greeting", user, h)
	}
}

// logout presses the page's logout button.
func (s *staffSession) logout() {
	s.t.Helper()
	s.b.submit(s.user+": log out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))
}

// act opens the dossier page, fills the action's fields and presses its button, and checks that the
// browser comes back to the dossier page with the notice of success.
func (s *staffSession) act(code, action string, fill ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	step := s.user + ": " + action
	page := s.base + "/dossiers/" + code
	s.b.submit(step+": open the dossier", 200, chromedp.Navigate(page))
	if len(fill) > 0 {
		s.b.do(step+": fill the form", fill...)
	}
	s.b.submit(step+": submit", 200, chromedp.Click(chromedp.CSS(`form[action="/dossiers/`+code+`/act/`+action+`"] button[type="submit"]`)))
	if loc := get(s.b, step+": location", chromedp.Location()); !strings.HasPrefix(loc, page) {
		s.t.Fatalf("%s: after the action the browser is at %s, want %s", step, loc, page)
	}
	if n := s.b.text("main .notice"); !strings.Contains(n, "Đã cập nhật hồ sơ") {
		s.t.Fatalf("%s: notice = %q, want %q", step, n, "Đã cập nhật hồ sơ")
	}
}
