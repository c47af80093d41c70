package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The dossier walk drives one dossier of procedure 9.990005 in the demo data through every role in a real
// browser, the way the one-stop shop works it: the desk receives it and transfers it, the head of the
// office assigns it, the specialist, the head and the leader complete their steps in order, the clerk
// records the result, the desk gives it back, and the citizen finds it returned on the public lookup page.
// Each user logs in with the demo password and logs out through the page's own logout button.
//
// Environment: as for TestBrowserAdminCreatesUnit (MOTCUA_CHROMIUM, MOTCUA_TEST_BROWSER,
// MOTCUA_SCREENSHOT_DIR); the screenshot is dossier-returned.png.

const dossierWalkTimeout = 90 * time.Second // the whole walk, so the test can never hang

// receivedNotice is the notice on the dossier page right after reception: the code and the lookup secret.
var receivedNotice = regexp.MustCompile(`Đã tiếp nhận hồ sơ (\S+)\. Mã tra cứu: (\S+)\.`)

func TestBrowserDossierWalk(t *testing.T) {
	s := startServer(t, "--demo")
	b := newBrowser(t, dossierWalkTimeout)
	shots := screenshotDir(t)
	start := time.Now()

	const (
		procedure = "9.990005"
		applicant = "Nguyễn Thị Hạnh"
		idNumber  = "027190009999"
		phone     = "0912000111"
		result    = "Giấy chứng nhận đăng ký hộ kinh doanh"
		password  = "motcua2026"
	)
	submitBtn := chromedp.CSS(`main form button[type="submit"]`)

	login := func(user string) {
		t.Helper()
		b.submit(user+": open the login page", 200, chromedp.Navigate(s.URL+"/login"))
		b.do(user+": type the credentials",
			chromedp.SendKeys(chromedp.CSS("#username"), user),
			chromedp.SendKeys(chromedp.CSS("#password"), password),
		)
		b.submit(user+": log in", 200, chromedp.Click(submitBtn))
		if h := b.text("main h1"); !strings.Contains(h, "Xin chào") {
			t.Fatalf("%s: home page heading = %q, want a greeting with %q", user, h, "Xin chào")
		}
	}
	logout := func(user string) {
		t.Helper()
		b.submit(user+": log out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))
		if loc := get(b, user+": location after logout", chromedp.Location()); !strings.HasPrefix(loc, s.URL+"/login") {
			t.Fatalf("%s: after logging out the browser is at %s, want the login page", user, loc)
		}
	}
	var code, secret string
	page := func() string { return s.URL + "/dossiers/" + code }
	// status reads the status shown on the dossier page (the first <strong> in the facts).
	status := func() string {
		t.Helper()
		return b.text("main section.card dl dd strong")
	}
	wantStatus := func(step, want string) {
		t.Helper()
		if got := status(); got != want {
			t.Fatalf("%s: dossier status = %q, want %q", step, got, want)
		}
	}
	// fact returns the text of the dossier page's fact labelled label (the <dd> after that <dt>).
	fact := func(label string) string {
		t.Helper()
		return get(b, "fact "+label, chromedp.Evaluate[string](`(() => {
			for (const dt of document.querySelectorAll('main dl dt'))
				if (dt.textContent.trim() === `+strconv.Quote(label)+`) return dt.nextElementSibling.textContent.trim();
			return "(no such fact)";
		})()`))
	}
	wantStep := func(step, want string) {
		t.Helper()
		if got := fact("Bước đang xử lý"); !strings.Contains(got, want) {
			t.Errorf("%s: current step = %q, want %q", step, got, want)
		}
	}
	// act opens the dossier page, fills the action's fields and presses its button; the browser comes
	// back to the dossier page with the notice of success.
	act := func(user, action string, fill ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		step := user + ": " + action
		b.submit(step+": open the dossier", 200, chromedp.Navigate(page()))
		form := `form[action="/dossiers/` + code + `/act/` + action + `"]`
		if len(fill) > 0 {
			b.do(step+": fill the form", fill...)
		}
		b.submit(step+": submit", 200, chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
		if loc := get(b, step+": location", chromedp.Location()); !strings.HasPrefix(loc, page()) {
			t.Fatalf("%s: after the action the browser is at %s, want %s", step, loc, page())
		}
		if n := b.text("main .notice"); !strings.Contains(n, "Đã cập nhật hồ sơ") {
			t.Errorf("%s: notice = %q, want %q", step, n, "Đã cập nhật hồ sơ")
		}
	}

	// Reception: the desk opens the checklist of the procedure and receives the dossier.
	login("tiepnhan")
	b.submit("tiepnhan: open the reception form", 200, chromedp.Navigate(s.URL+"/dossiers/new?procedure="+procedure))
	b.do("tiepnhan: fill the applicant",
		chromedp.SetValue(chromedp.CSS(`select[name="applicant.kind"]`), "citizen"),
		chromedp.SendKeys(chromedp.CSS(`input[name="applicant.name"]`), applicant),
		chromedp.SendKeys(chromedp.CSS(`input[name="applicant.id_number"]`), idNumber),
		chromedp.SendKeys(chromedp.CSS(`input[name="applicant.phone"]`), phone),
	)
	if got := b.value(`input[name="applicant.name"]`); got != applicant {
		t.Fatalf("typed name reads back as %q, want %q (keyboard input of diacritics)", got, applicant)
	}
	// Tick every mandatory component (the rows marked with an <abbr>*</abbr>).
	ticked := get(b, "tiepnhan: tick the mandatory components", chromedp.Evaluate[int](`(() => {
		let n = 0;
		for (const row of document.querySelectorAll('main form[action="/dossiers"] tbody tr')) {
			if (!row.querySelector('abbr')) continue;
			const box = row.querySelector('input[type="checkbox"]');
			if (!box.checked) box.click();
			if (box.checked) n++;
		}
		return n;
	})()`))
	if ticked == 0 {
		t.Fatal("the reception form of " + procedure + " shows no mandatory component")
	}
	b.submit("tiepnhan: receive", 200, chromedp.Click(chromedp.CSS(`main form[action="/dossiers"] button[type="submit"]`)))
	notice := b.text("main .notice")
	m := receivedNotice.FindStringSubmatch(notice)
	if m == nil {
		t.Fatalf("notice after reception = %q, want %q", notice, "Đã tiếp nhận hồ sơ … Mã tra cứu: ….")
	}
	code, secret = m[1], m[2]
	if h := b.text("main h1"); !strings.HasSuffix(h, code) {
		t.Errorf("dossier page heading = %q, want it to end with the code %s", h, code)
	}
	if shown := b.text("main section.card dl dd code"); shown != secret {
		t.Errorf("lookup secret on the page = %q, notice says %q", shown, secret)
	}
	wantStatus("reception", "Được tiếp nhận")
	if body := b.text("main"); !strings.Contains(body, applicant) || !strings.Contains(body, idNumber) {
		t.Errorf("dossier page lacks the applicant %q or the ID %s", applicant, idNumber)
	}
	t.Logf("received %s (lookup secret %s, %d mandatory components) after %v", code, secret, ticked, time.Since(start).Round(time.Millisecond))

	act("tiepnhan", "transfer")
	wantStatus("transfer", "Đang xử lý")
	wantStep("transfer", "Thẩm định hồ sơ")
	logout("tiepnhan")

	// The head of the office assigns the specialist.
	login("truongphong")
	act("truongphong", "assign", chromedp.SetValue(chromedp.CSS("#assign-assignee"), "chuyenvien"))
	wantStatus("assign", "Đang xử lý")
	if a := fact("Người xử lý"); !strings.Contains(a, "Đỗ Văn Chiến") {
		t.Errorf("after assignment the page names assignee %q, want Đỗ Văn Chiến", a)
	}
	wantStep("assign", "Thẩm định hồ sơ")
	logout("truongphong")

	// The step holders complete their steps in the workflow's order.
	for _, st := range []struct{ user, next string }{
		{"chuyenvien", "Lãnh đạo phòng xem xét"},
		{"truongphong", "Ký duyệt"},
		{"lanhdao", "Trả kết quả"},
	} {
		user := st.user
		login(user)
		act(user, "complete_step")
		wantStatus(user+" completes the step", "Đang xử lý")
		wantStep(user+" completes the step", st.next)
		logout(user)
	}

	// The clerk records the result ready at the desk.
	login("vanthu")
	act("vanthu", "result_ready", chromedp.SendKeys(chromedp.CSS("#result_ready-rname"), result))
	wantStatus("result ready", "Đã xử lý xong")
	if body := b.text("main"); !strings.Contains(body, result) {
		t.Errorf("dossier page lacks the result %q", result)
	}
	logout("vanthu")

	// The desk gives the result back.
	login("tiepnhan")
	act("tiepnhan", "return")
	wantStatus("return", "Đã trả kết quả")
	b.screenshot(shots, "dossier-returned.png")
	logout("tiepnhan")

	// The citizen, not logged in, looks the dossier up with its code and secret.
	b.submit("lookup: open the page", 200, chromedp.Navigate(s.URL+"/lookup"))
	b.do("lookup: type the code and secret",
		chromedp.SendKeys(chromedp.CSS("#code"), code),
		chromedp.SendKeys(chromedp.CSS("#secret"), secret),
	)
	b.submit("lookup: search", 200, chromedp.Click(submitBtn))
	if got := b.text("main dl dd strong"); got != "Đã trả kết quả" {
		t.Errorf("lookup status = %q, want %q", got, "Đã trả kết quả")
	}
	if h := b.text("main h2"); !strings.HasSuffix(h, code) {
		t.Errorf("lookup heading = %q, want it to end with %s", h, code)
	}
	t.Logf("walk finished in %v", time.Since(start).Round(time.Millisecond))
}
