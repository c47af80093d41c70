package main

import (
	"bytes"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The follow walk is what a citizen does after filing, in a real browser on the demo data: the office
// asked Khổng Thị Thảo for two papers; she opens the lookup page with the code and secret of her receipt,
// uploads one scan per paper and sends them, and the dossier goes back to processing. Âu Văn Phúc, whose
// result was handed back this week, rates the service on the desk's kiosk by typing his dossier code.
// The codes and secrets are read as the desk officer sees them.
//
// Environment: as for TestBrowserAdminCreatesUnit; the screenshots are follow-supplemented.png and
// follow-rated.png.
func TestBrowserFollowSupplementAndRate(t *testing.T) {
	s := startServer(t, "--demo")
	b := newBrowser(t, 90*time.Second)
	shots := screenshotDir(t)
	submitBtn := chromedp.CSS(`main form button[type="submit"]`)

	// The desk officer finds both dossiers and reads their codes and lookup secrets.
	b.submit("tiepnhan: open the login page", 200, chromedp.Navigate(s.URL+"/login"))
	b.do("tiepnhan: type the credentials", chromedp.SendKeys(chromedp.CSS("#username"), "tiepnhan"), chromedp.SendKeys(chromedp.CSS("#password"), "motcua2026"))
	b.submit("tiepnhan: log in", 200, chromedp.Click(submitBtn))
	// find opens the dossier of the applicant in the given status from the search results.
	find := func(name, status string) (string, string) {
		t.Helper()
		b.submit("search "+name, 200, chromedp.Navigate(s.URL+"/dossiers?"+url.Values{"q": {name}}.Encode()))
		href := get(b, "find "+name, chromedp.Evaluate[string](`(() => {
			for (const row of document.querySelectorAll('main table tbody tr'))
				if (row.textContent.includes(`+strconv.Quote(status)+`)) return row.querySelector('a[href^="/dossiers/"]').getAttribute('href');
			return "";
		})()`))
		if href == "" {
			t.Fatalf("no dossier of %s in status %s", name, status)
		}
		b.submit("open "+name, 200, chromedp.Navigate(s.URL+href))
		return strings.TrimPrefix(href, "/dossiers/"), b.text("main section.card dl dd code")
	}
	code, secret := find("Khổng Thị Thảo", "Yêu cầu bổ sung giấy tờ")
	returned, _ := find("Âu Văn Phúc", "Đã trả kết quả")
	b.submit("tiepnhan: log out", 200, chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))

	// The citizen follows the QR link of the receipt on a phone and sees what is asked.
	b.do("phone-sized screen", chromedp.EmulateViewport(360, 780))
	fits := func(step string) {
		t.Helper()
		if w := get(b, step+": page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s: the page is %d px wide on a 360 px screen", step, w)
		}
	}
	b.submit("lookup by QR link", 200, chromedp.Navigate(s.URL+"/lookup?"+url.Values{"code": {code}, "secret": {secret}}.Encode()))
	if st := b.text("main section.card dl dd strong"); st != "Yêu cầu bổ sung giấy tờ" {
		t.Fatalf("status on the lookup page = %q, want Yêu cầu bổ sung giấy tờ", st)
	}
	form := b.text("section.supplement")
	for _, want := range []string{"Bổ sung hồ sơ trực tuyến", "Giấy tờ chứng minh địa điểm kinh doanh", "Hợp đồng thuê nhà đã hết hạn", "Bản sao giấy tờ pháp lý của chủ hộ"} {
		if !strings.Contains(form, want) {
			t.Errorf("supplement form lacks %q:\n%s", want, form)
		}
	}
	fits("supplement form")
	b.screenshot(shots, "follow-supplement-form.png")
	dir := t.TempDir()
	var files []string
	for i := range 2 {
		img := image.NewGray(image.Rect(0, 0, 8, 8))
		img.Pix[0] = uint8(40 + i)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, []string{"hop-dong-thue-nha.png", "giay-to-chu-ho.png"}[i])
		if err := os.WriteFile(f, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// Sending with one paper missing keeps the note and names the paper.
	b.do("choose the first file, type a note",
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="item.0"]`), files[:1]),
		chromedp.SendKeys(chromedp.CSS("#note"), "Đã ký hợp đồng thuê mới"))
	b.submit("send without the second paper", 400, chromedp.Click(chromedp.CSS(`form[action="/lookup/supplement"] button[type="submit"]`)))
	if msg := b.text("section.supplement .field-error"); !strings.Contains(msg, "Bản sao giấy tờ pháp lý của chủ hộ") {
		t.Errorf("error beside the missing paper = %q", msg)
	}
	if note := b.value("#note"); note != "Đã ký hợp đồng thuê mới" {
		t.Errorf("note after the error = %q", note)
	}
	b.do("choose both files",
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="item.0"]`), files[:1]),
		chromedp.SetUploadFiles(chromedp.CSS(`input[name="item.1"]`), files[1:]))
	b.submit("send the supplement", 200, chromedp.Click(chromedp.CSS(`form[action="/lookup/supplement"] button[type="submit"]`)))
	if n := b.text("main .notice"); !strings.Contains(n, "Đã nhận hồ sơ bổ sung") {
		t.Errorf("notice = %q", n)
	}
	if st := b.text("main section.card dl dd strong"); st != "Đang xử lý" {
		t.Errorf("status after the supplement = %q, want Đang xử lý", st)
	}
	if body := b.text("main"); !strings.Contains(body, "thời hạn giải quyết được tính lại từ đầu") || strings.Contains(body, "Bổ sung hồ sơ trực tuyến") {
		t.Errorf("lookup after the supplement does not show the restart, or still offers the form")
	}
	b.screenshot(shots, "follow-supplemented.png")

	// At the desk's tablet the citizen types the code and rates.
	b.do("phone-sized kiosk", chromedp.EmulateViewport(360, 780))
	b.submit("kiosk", 200, chromedp.Navigate(s.URL+"/kiosk/000.31.21.H06"))
	b.do("type the code", chromedp.SendKeys(chromedp.CSS("#code"), returned))
	b.submit("open the form", 200, chromedp.Click(submitBtn))
	fits("kiosk rating form")
	b.screenshot(shots, "follow-kiosk-form.png")
	b.do("choose the scores",
		chromedp.Click(chromedp.CSS(`label[for="overall-3"]`)),
		chromedp.Click(chromedp.CSS(`label[for="c_dd-3"]`)),
		chromedp.Click(chromedp.CSS(`label[for="c_a-2"]`)),
		chromedp.SendKeys(chromedp.CSS("#comment"), "Cán bộ hướng dẫn rất tận tình"))
	b.submit("send the rating", 200, chromedp.Click(submitBtn))
	if n := b.text("main .notice"); !strings.Contains(n, "Cảm ơn ông/bà đã đánh giá") {
		t.Errorf("notice after rating = %q", n)
	}
	b.screenshot(shots, "follow-rated.png")
	b.submit("back to the start", 200, chromedp.Click(chromedp.CSS(`a[href="/kiosk/000.31.21.H06"]`)))
	b.do("type the code again", chromedp.SendKeys(chromedp.CSS("#code"), returned))
	b.submit("a second rating is refused", 409, chromedp.Click(submitBtn))
	if msg := b.text("main .error"); !strings.Contains(msg, "đã được đánh giá") {
		t.Errorf("second rating: %q", msg)
	}
}
