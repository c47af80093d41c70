package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The online filing walk: a citizen, not logged in, on a 360 px wide phone, opens a procedure of the
// demo catalog, follows "Nộp hồ sơ trực tuyến", makes a mistake that the form reports next to the
// field (keeping the data and the uploaded file), reloads the draft and finds everything, uploads the
// second paper, reviews, submits (twice, through the back button) and gets one dossier code, then
// follows it on the public lookup.
//
// Environment: as for TestBrowserAdminCreatesUnit; the screenshots are portal-form-error.png and
// portal-done.png.
func TestBrowserCitizenFilesOnline(t *testing.T) {
	s := startServer(t, "--demo")
	b := newBrowser(t, dossierWalkTimeout)
	shots := screenshotDir(t)

	const (
		procedure = "9.990002" // Đăng ký khai sinh: online channel, two mandatory papers
		applicant = "Phạm Văn Tùng"
	)
	dir := t.TempDir()
	scans := map[string]string{}
	for _, name := range []string{"to-khai-khai-sinh.pdf", "giay-chung-sinh.pdf"} {
		path := filepath.Join(dir, name)
		content := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + name + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		scans[name] = path
	}
	narrow := func(step string) {
		t.Helper()
		if fits := get(b, step+": width", chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`)); !fits {
			t.Errorf("%s: the page is wider than the 360 px screen", step)
		}
	}

	b.do("a phone-sized screen", chromedp.EmulateViewport(360, 800))
	b.submit("open the procedure", 200, chromedp.Navigate(s.URL+"/procedures/"+procedure))
	b.submit("follow the online filing link", 200, chromedp.Click(chromedp.CSS(`a[href="/procedures/`+procedure+`/file"]`)))
	if h := b.text("main h1"); h != "Nộp hồ sơ trực tuyến" {
		t.Fatalf("form heading = %q", h)
	}
	draft := get(b, "draft address", chromedp.Location())
	narrow("form")

	b.do("fill the applicant with a bad phone, choose the unit, upload the first paper",
		chromedp.SendKeys(chromedp.CSS("#f-applicant-name"), applicant),
		chromedp.SendKeys(chromedp.CSS("#f-applicant-id_number"), "027095001234"),
		chromedp.SendKeys(chromedp.CSS("#f-applicant-phone"), "0912"),
		chromedp.Click(chromedp.CSS("#f-unit-0")),
		chromedp.SetUploadFiles(chromedp.CSS("#f-component-0"), []string{scans["to-khai-khai-sinh.pdf"]}),
	)
	b.submit("save with the bad phone", 400, chromedp.Click(chromedp.CSS(`button[value="save"]`)))
	if msg := b.text("#f-applicant-phone-err"); !strings.Contains(msg, "Số điện thoại “0912” không hợp lệ") {
		t.Errorf("phone error = %q", msg)
	}
	if link := b.text(`.portal-summary a[href="#f-applicant-phone"]`); link == "" {
		t.Error("the error summary does not link to the phone field")
	}
	if inv := get(b, "phone aria-invalid", chromedp.AttributeValue(chromedp.CSS("#f-applicant-phone"), "aria-invalid")); inv.Value != "true" {
		t.Errorf("phone aria-invalid = %+v", inv)
	}
	if got := b.value("#f-applicant-name"); got != applicant {
		t.Errorf("name after the error = %q, want %q", got, applicant)
	}
	if f := b.text("#f-component-0-file"); !strings.Contains(f, "to-khai-khai-sinh.pdf") {
		t.Errorf("first paper after the error = %q", f)
	}
	narrow("form with errors")
	b.screenshot(shots, "portal-form-error.png")

	b.do("correct the phone", chromedp.Clear(chromedp.CSS("#f-applicant-phone")), chromedp.SendKeys(chromedp.CSS("#f-applicant-phone"), "0912 345 678"))
	b.submit("save the draft", 200, chromedp.Click(chromedp.CSS(`button[value="save"]`)))
	if n := b.text("main .notice"); n != "Đã lưu bản nháp." {
		t.Errorf("notice = %q", n)
	}
	// Coming back later, or reloading, shows the draft as saved.
	b.submit("reload the draft", 200, chromedp.Navigate(draft))
	for sel, want := range map[string]string{"#f-applicant-name": applicant, "#f-applicant-phone": "0912 345 678", "#f-applicant-id_number": "027095001234"} {
		if got := b.value(sel); got != want {
			t.Errorf("after reload %s = %q, want %q", sel, got, want)
		}
	}
	if f := b.text("#f-component-0-file"); !strings.Contains(f, "to-khai-khai-sinh.pdf") {
		t.Errorf("first paper after reload = %q", f)
	}

	b.do("upload the second paper", chromedp.SetUploadFiles(chromedp.CSS("#f-component-1"), []string{scans["giay-chung-sinh.pdf"]}))
	b.submit("go to the review", 200, chromedp.Click(chromedp.CSS(`button[value="review"]`)))
	if h := b.text("main h1"); h != "Xem lại hồ sơ" {
		t.Fatalf("review heading = %q", h)
	}
	if body := b.text("main"); !strings.Contains(body, applicant) || !strings.Contains(body, "giay-chung-sinh.pdf") || !strings.Contains(body, "Tại Bộ phận Một cửa") {
		t.Errorf("review lacks the applicant, the paper or the way of return:\n%s", body)
	}
	narrow("review")
	b.submit("submit", 200, chromedp.Click(chromedp.CSS(`form[action$="/submit"] button[type="submit"]`)))
	code, secret := b.text("#dossier-code"), b.text("#lookup-secret")
	if !strings.HasPrefix(code, "000.3") || len(secret) < 4 {
		t.Fatalf("confirmation shows code %q, secret %q", code, secret)
	}
	if body := b.text("main"); !strings.Contains(body, "8 giờ làm việc") {
		t.Errorf("confirmation does not say the desk answers within 8 working hours")
	}
	narrow("confirmation")
	b.screenshot(shots, "portal-done.png")

	// The submit replayed from the browser, and the review opened again, lead to the same dossier.
	done := get(b, "confirmation address", chromedp.Location())
	replayed := get(b, "replay the submit", chromedp.Evaluate[string](`fetch(location.pathname.replace(/\/done$/, "/submit"), {method: "POST"}).then(r => r.url)`, chromedp.EvalAwaitPromise))
	if replayed != done {
		t.Errorf("the replayed submit ends at %s, want %s", replayed, done)
	}
	b.submit("back to the review", 200, chromedp.Navigate(draft+"/review"))
	if loc := get(b, "review of a filed draft", chromedp.Location()); loc != done {
		t.Errorf("the review of a filed draft shows %s, want its confirmation", loc)
	}
	if again := b.text("#dossier-code"); again != code {
		t.Errorf("second visit shows code %q, want %q", again, code)
	}

	b.submit("follow the dossier", 200, chromedp.Click(chromedp.CSS(`main a[href^="/lookup?"]`)))
	if got := b.text("main dl dd strong"); got != "Mới đăng ký" {
		t.Errorf("lookup status = %q, want %q", got, "Mới đăng ký")
	}
	if h := b.text("main h2"); !strings.HasSuffix(h, code) {
		t.Errorf("lookup heading = %q, want it to end with %s", h, code)
	}

	// The ward's desk finds exactly one dossier of the citizen among its new online dossiers.
	b.submit("kinhbac: open the login page", 200, chromedp.Navigate(s.URL+"/login"))
	b.do("kinhbac: type the credentials", chromedp.SendKeys(chromedp.CSS("#username"), "kinhbac"), chromedp.SendKeys(chromedp.CSS("#password"), "motcua2026"))
	b.submit("kinhbac: log in", 200, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
	b.submit("kinhbac: new online dossiers", 200, chromedp.Navigate(s.URL+"/dossiers?tab=new&q="+url.QueryEscape(applicant)))
	if n := get(b, "kinhbac: count the dossiers", chromedp.Evaluate[int](`document.querySelectorAll('main a[href^="/dossiers/000."]').length`)); n != 1 {
		t.Errorf("the desk lists %d dossiers of %s, want 1", n, applicant)
	}
}
