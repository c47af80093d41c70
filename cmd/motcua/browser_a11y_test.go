package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserPublicPagesAccessible opens every public page of the demo in headless chromium, on a desktop
// screen and on a 360-pixel phone, injects axe-core (testdata/axe) and fails on any violation of WCAG 2.0
// and 2.1, levels A and AA; on the phone it also fails when the page scrolls sideways. The pages are the
// citizen's: the catalog and a procedure, the posting list, the lookup (empty, found in several states,
// and not found), the online filing form, the rating form and the desk's kiosk, feedback and its
// published answers, the public statistics, and the login page. It logs each page's weight (HTML, CSS and
// scripts, without fonts) and fails when the procedure or the lookup page weighs 100 KB or more.
//
// Environment: as for TestBrowserAdminCreatesUnit.
func TestBrowserPublicPagesAccessible(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := startServer(t, "--demo")
	b := newBrowser(t, 4*time.Minute)
	pages := publicPages(t, s)
	for _, p := range pages {
		for _, width := range []int64{1280, 360} {
			step := fmt.Sprintf("%s at %d px", p.name, width)
			b.do(step+": set the screen", chromedp.EmulateViewport(width, 800))
			b.submit(step+": open "+p.path, p.status, chromedp.Navigate(s.URL+p.path))
			get(b, step+": inject axe-core", chromedp.Evaluate[bool](string(axe)+";true"))
			found := get(b, step+": run axe-core", chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
			for _, v := range found {
				t.Errorf("%s (%s): %s [%s, %s] at %s", step, p.path, v.Help, v.ID, v.Impact, strings.Join(v.Nodes, " | "))
			}
			if width == 360 {
				if over := get(b, step+": measure overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`)); over > 0 {
					wide := get(b, step+": find the wide elements", chromedp.Evaluate[string](tooWide))
					t.Errorf("%s (%s): the page is %d px wider than a 360-px screen; too wide: %s", step, p.path, over, wide)
				}
				continue
			}
			weight := get(b, step+": weigh the page", chromedp.Evaluate[int](pageWeight))
			t.Logf("%-40s %6.1f KB  %s", p.name, float64(weight)/1000, p.path)
			if p.budget && weight >= 100_000 {
				t.Errorf("%s (%s) weighs %d bytes of HTML, CSS and scripts: the budget is 100 KB", p.name, p.path, weight)
			}
		}
	}
}

// axeViolation is one failed axe-core rule with the elements it failed on.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun runs axe-core on the page for WCAG 2.0 and 2.1, levels A and AA.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
	.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))})))`

// tooWide names the innermost elements that reach past the right edge of the screen.
const tooWide = `[...document.querySelectorAll("body *")]
	.filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
	.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : "") + " (" + Math.round(e.getBoundingClientRect().right) + " px)").join(", ")`

// pageWeight sums the uncompressed size of the document and of the styles and scripts it loaded,
// leaving out fonts and images.
const pageWeight = `(() => {
	let total = performance.getEntriesByType("navigation").reduce((n, e) => n + e.decodedBodySize, 0);
	for (const e of performance.getEntriesByType("resource")) {
		if (/\.(woff2?|ttf|otf|png|jpe?g|svg|webp|ico)(\?|$)/.test(e.name)) continue;
		total += e.decodedBodySize;
	}
	return total;
})()`

// publicPage is a page anyone may open, the status it answers with, and whether it has the 100-KB budget.
type publicPage struct {
	name, path string
	status     int64
	budget     bool
}

// publicPages lists the public pages of the demo, reading from its database the dossiers and units that
// some of them need.
func publicPages(t *testing.T, s *server) []publicPage {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+s.DB+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	one := func(what, query string, args ...any) []string {
		t.Helper()
		var a, b string
		if err := db.QueryRow(query, args...).Scan(&a, &b); err != nil {
			t.Fatalf("demo data: %s: %v", what, err)
		}
		return []string{a, b}
	}
	lookup := func(status int) string {
		d := one(fmt.Sprintf("a dossier in status %d", status), `SELECT code, lookup_secret FROM dossiers WHERE status = $1 AND code IS NOT NULL ORDER BY id LIMIT 1`, status)
		return "/lookup?" + url.Values{"code": {d[0]}, "secret": {d[1]}}.Encode()
	}
	proc := one("a published procedure applied by a unit", `SELECT p.code, u.unit_code FROM procedures p JOIN procedure_units u ON u.procedure_code = p.code
		WHERE p.status = 'published' ORDER BY p.code LIMIT 1`)
	returned := one("a returned dossier", `SELECT code, lookup_secret FROM dossiers WHERE status = 10 ORDER BY id LIMIT 1`)
	unit := proc[1]
	return []publicPage{
		{name: "catalog", path: "/procedures", status: 200},
		{name: "procedure", path: "/procedures/" + proc[0], status: 200, budget: true},
		{name: "posting list", path: "/procedures/posting", status: 200},
		{name: "lookup form", path: "/lookup", status: 200, budget: true},
		{name: "lookup: being processed", path: lookup(4), status: 200, budget: true},
		{name: "lookup: supplement requested", path: lookup(5), status: 200, budget: true},
		{name: "lookup: returned", path: lookup(10), status: 200, budget: true},
		{name: "lookup: wrong secret", path: "/lookup?code=" + url.QueryEscape(returned[0]) + "&secret=KHONGDUNG", status: 404, budget: true},
		{name: "online filing", path: "/procedures/" + proc[0] + "/file", status: 200, budget: true},
		{name: "rating", path: "/rate?" + url.Values{"code": {returned[0]}, "secret": {returned[1]}}.Encode(), status: 200},
		{name: "kiosk", path: "/kiosk/" + unit, status: 200},
		{name: "feedback form", path: "/feedback", status: 200},
		{name: "feedback answers", path: "/feedback/answers", status: 200},
		{name: "statistics", path: "/statistics", status: 200},
		{name: "unit statistics", path: "/statistics/" + unit, status: 200},
		{name: "login", path: "/login", status: 200},
	}
}
