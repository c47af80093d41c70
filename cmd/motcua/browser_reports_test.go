package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserReportsAndDashboard signs in as the demo's inspector, opens report II.06a by unit and
// the dashboard on a desktop screen and on a 360-pixel phone, runs axe-core (WCAG 2.0 and 2.1, A and
// AA) and fails on any violation or on a page that scrolls sideways on the phone; then clicks the
// first bar of the backlog chart and checks that the list it opens counts what the bar says.
//
// Environment: as for TestBrowserAdminCreatesUnit.
func TestBrowserReportsAndDashboard(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, "--demo")
	b := newBrowser(t, 3*time.Minute)
	shots := screenshotDir(t)

	b.submit("open the login page", 200, chromedp.Navigate(s.URL+"/login"))
	b.do("type the credentials",
		chromedp.SendKeys(chromedp.CSS("#username"), "thanhtra"),
		chromedp.SendKeys(chromedp.CSS("#password"), "motcua2026"),
	)
	b.submit("log in", 200, chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))

	year := time.Now().Year()
	pages := []struct{ name, path string }{
		{"report II.06a by unit", fmt.Sprintf("/reports/06a?unit=000.00.00.H06&subtree=1&by=unit&period=year&year=%d&merge=1", year)},
		{"dashboard", "/reports/dashboard"},
	}
	for _, p := range pages {
		for _, width := range []int64{1280, 360} {
			step := fmt.Sprintf("%s at %d px", p.name, width)
			b.do(step+": set the screen", chromedp.EmulateViewport(width, 800))
			b.submit(step+": open "+p.path, 200, chromedp.Navigate(s.URL+p.path))
			get(b, step+": inject axe-core", chromedp.Evaluate[bool](string(axe)+";true"))
			for _, v := range get(b, step+": run axe-core", chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise)) {
				t.Errorf("%s: %s [%s, %s] at %s", step, v.Help, v.ID, v.Impact, strings.Join(v.Nodes, " | "))
			}
			if width == 360 {
				if over := get(b, step+": measure overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`)); over > 0 {
					t.Errorf("%s: the page is %d px wider than a 360-px screen; too wide: %s", step, over, get(b, step+": wide elements", chromedp.Evaluate[string](tooWide)))
				}
				b.screenshot(shots, strings.ReplaceAll(p.name, " ", "-")+"-360.png")
			}
		}
	}

	// The first segment of the backlog that has dossiers: its title says "label – series: n".
	title := get(b, "read the first backlog bar", chromedp.Evaluate[string](`(() => {
		const a = document.querySelector("#chart-backlog svg a");
		a.setAttribute("id", "first-bar");
		return a.querySelector("title").textContent;
	})()`))
	m := regexp.MustCompile(`: (\d+)$`).FindStringSubmatch(title)
	if m == nil {
		t.Fatalf("backlog bar title %q has no figure", title)
	}
	b.submit("open the dossiers of the bar", 200, chromedp.Click(chromedp.CSS("#first-bar rect"), chromedp.NodeVisible))
	notice := b.text(`main p.notice`)
	if !strings.Contains(notice, ": "+m[1]+" hồ sơ.") {
		t.Errorf("the bar %q opens a list that says %q", title, notice)
	}
	rows := get(b, "count the listed dossiers", chromedp.Evaluate[int](`document.querySelectorAll('main table tbody tr').length`))
	if fmt.Sprint(rows) != m[1] {
		t.Errorf("the bar %q lists %d dossiers", title, rows)
	}
}
