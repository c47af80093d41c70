package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The feedback walk is what a citizen does on a phone, in a real browser on the demo data, with no
// JavaScript of ours: open the feedback form, send it with a bad phone number (the text typed stays,
// the field says what is wrong), correct it, land on the follow page of the new item; then read the
// published answers and a commune's statistics. Every page must fit a 360 px screen.
//
// Environment: as for TestBrowserAdminCreatesUnit; the screenshots are feedback-error.png,
// feedback-follow.png, feedback-answers.png and statistics.png.
func TestBrowserFeedbackAndStatistics(t *testing.T) {
	s := startServer(t, "--demo")
	b := newBrowser(t, 90*time.Second)
	shots := screenshotDir(t)
	submitBtn := chromedp.CSS(`main form button[type="submit"]`)
	b.do("phone-sized screen", chromedp.EmulateViewport(360, 780))
	fits := func(step string) {
		t.Helper()
		if w := get(b, step+": page width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s: the page is %d px wide on a 360 px screen", step, w)
		}
	}

	b.submit("open the form", 200, chromedp.Navigate(s.URL+"/feedback"))
	fits("form")
	b.do("fill the form",
		chromedp.SetValue(chromedp.CSS("#unit"), "000.31.21.H06"),
		chromedp.Click(chromedp.CSS(`input[name="subject"][value="conduct"]`)),
		chromedp.SendKeys(chromedp.CSS("#name"), "Trần Thị Gấm"),
		chromedp.SendKeys(chromedp.CSS("#contact"), "09-12"),
		chromedp.SendKeys(chromedp.CSS("#content"), "Cán bộ tiếp nhận không hướng dẫn đầy đủ giấy tờ cần nộp."))
	b.submit("send with a bad phone", 400, chromedp.Click(submitBtn))
	if e := b.text("#contact-err"); !strings.Contains(e, "không phải số điện thoại") {
		t.Errorf("contact error = %q", e)
	}
	if v := b.value("#content"); !strings.Contains(v, "không hướng dẫn đầy đủ") {
		t.Errorf("the content typed was lost: %q", v)
	}
	fits("form with errors")
	b.screenshot(shots, "feedback-error.png")
	b.do("correct the phone", chromedp.SetValue(chromedp.CSS("#contact"), "0912 345 678"))
	b.submit("send", 200, chromedp.Click(submitBtn))
	if st := b.text("main dl.facts dd strong"); st != "Đã tiếp nhận" {
		t.Errorf("status on the follow page = %q", st)
	}
	if n := b.text("main p.notice"); !strings.Contains(n, "Đã gửi phản ánh") {
		t.Errorf("notice = %q", n)
	}
	fits("follow page")
	b.screenshot(shots, "feedback-follow.png")

	b.submit("published answers, searched without accents", 200, chromedp.Navigate(s.URL+"/feedback/answers?q=ghe+cho"))
	if txt := b.text("main"); !strings.Contains(txt, "ghế chờ") || strings.Contains(txt, "Ngô Thị Hằng") {
		t.Errorf("answers page:\n%s", txt)
	}
	fits("answers")
	b.screenshot(shots, "feedback-answers.png")

	b.submit("statistics", 200, chromedp.Navigate(s.URL+"/statistics"))
	b.submit("pick a unit", 200, chromedp.SetValue(chromedp.CSS("#unit"), "000.31.21.H06"), chromedp.Click(submitBtn))
	if c := b.text("main table caption"); !strings.Contains(c, "Kết quả giải quyết hồ sơ năm") {
		t.Errorf("caption = %q", c)
	}
	fits("statistics")
	b.screenshot(shots, "statistics.png")
}
