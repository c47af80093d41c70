package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The real-browser test drives Debian's chromium through chromedp against the real program, the way a
// province administrator works at the desk: log in, open the unit form, make a mistake, correct it, and
// find the new unit in the tree.
//
// Environment:
//   - MOTCUA_CHROMIUM: the browser to run (a path, or a name looked up in PATH); default /usr/bin/chromium.
//   - MOTCUA_TEST_BROWSER=1: a missing browser fails the test instead of skipping it (CI sets it).
//   - MOTCUA_SCREENSHOT_DIR: where to keep the screenshots (unit-form-error.png, unit-page.png); default a
//     temporary directory removed after the test.

const (
	browserTimeout = 60 * time.Second // the whole browser session, so the test can never hang
	stepTimeout    = 15 * time.Second // one step (a navigation, a wait), so a failure leaves time to report it
)

// chromiumPath returns the browser to drive, or skips the test when there is none (fails it when
// MOTCUA_TEST_BROWSER=1).
func chromiumPath(t *testing.T) string {
	t.Helper()
	want := os.Getenv("MOTCUA_CHROMIUM")
	if want == "" {
		want = "/usr/bin/chromium"
	}
	path, err := exec.LookPath(want)
	if err != nil {
		if os.Getenv("MOTCUA_TEST_BROWSER") == "1" {
			t.Fatalf("MOTCUA_TEST_BROWSER=1 but no browser: %v (install chromium or set MOTCUA_CHROMIUM)", err)
		}
		t.Skipf("no browser (%v); install chromium or set MOTCUA_CHROMIUM, and MOTCUA_TEST_BROWSER=1 to require it", err)
	}
	return path
}

// browser is one headless chromium tab with a fresh profile, closed when the test ends.
type browser struct {
	t      *testing.T
	ctx    context.Context
	output *syncBuffer // the browser's own stdout and stderr, shown when a step fails
}

// newBrowser starts chromium with a fresh profile and opens a tab; the whole session must finish
// within limit of now, so a test can never hang.
func newBrowser(t *testing.T, limit time.Duration) *browser {
	t.Helper()
	execPath := chromiumPath(t)
	profile := t.TempDir() // made before the browser starts, so it is removed after the browser stops
	b := &browser{t: t, output: &syncBuffer{}}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(b.output),
	)
	timeoutCtx, cancelTimeout := context.WithTimeout(context.Background(), limit)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeoutCtx, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	// Cancelling waits for the tab to close and the browser process to exit.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})
	b.ctx = ctx
	// Start the browser now, so a browser that cannot start is reported as such.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v\nbrowser output:\n%s", execPath, err, b.output.String())
	}
	return b
}

// do runs steps that return nothing, failing the test with the page's state if one fails.
func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fail(step, err)
	}
}

// submit runs steps that cause a navigation (a click on a link or a submit button), waits for the new
// page to load and checks its HTTP status.
func (b *browser) submit(step string, wantStatus int64, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.fail(step, err)
	}
	if resp == nil {
		b.fail(step, errors.New("no HTTP response for the page"))
	}
	if resp.Status != wantStatus {
		b.fail(step, fmt.Errorf("HTTP status %d %s, want %d", resp.Status, resp.StatusText, wantStatus))
	}
}

// get runs one action that returns a value, failing the test with the page's state if it fails.
func get[T any](b *browser, step string, action chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		b.fail(step, err)
	}
	return v
}

// fail stops the test, naming the step and showing where the browser is and what the page says.
func (b *browser) fail(step string, err error) {
	b.t.Helper()
	state := "(page state unavailable)"
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	if s, e := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText`)); e == nil {
		state = s
	}
	b.t.Fatalf("%s: %v\n--- page:\n%s\n--- browser output:\n%s", step, err, truncate(state, 4000), tail(b.output.String(), 4000))
}

// screenshot saves the whole page as a PNG file in dir.
func (b *browser) screenshot(dir, name string) {
	b.t.Helper()
	png := get(b, "screenshot "+name, chromedp.FullScreenshot(100)) // quality 100 gives PNG
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// text returns the visible text of the first element matching the CSS selector, waiting for it.
func (b *browser) text(sel string) string {
	b.t.Helper()
	return get(b, "text of "+sel, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
}

// value returns the current value of the form field matching the CSS selector.
func (b *browser) value(sel string) string {
	b.t.Helper()
	return get(b, "value of "+sel, chromedp.Value(chromedp.CSS(sel)))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// tail returns the last n bytes of s (the browser's last words are the useful ones).
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// screenshotDir returns MOTCUA_SCREENSHOT_DIR (created if needed) or a directory removed after the test.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("MOTCUA_SCREENSHOT_DIR")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBrowserAdminCreatesUnit(t *testing.T) {
	s := startServer(t, "--demo")
	b := newBrowser(t, browserTimeout)
	shots := screenshotDir(t)

	const (
		code     = "000.33.21.H06"
		name     = "Xã Lạc Vệ"
		province = "000.00.00.H06" // Tỉnh Bắc Ninh, in the demo data
	)
	submitBtn := chromedp.CSS(`main form button[type="submit"]`)

	// Log in as the province administrator.
	b.submit("open the login page", 200, chromedp.Navigate(s.URL+"/login"))
	if h := b.text("main h1"); h != "Đăng nhập" {
		t.Errorf("login page heading = %q, want %q", h, "Đăng nhập")
	}
	b.do("type the credentials",
		chromedp.SendKeys(chromedp.CSS("#username"), "quantri"),
		chromedp.SendKeys(chromedp.CSS("#password"), "motcua2026"),
	)
	b.submit("log in", 200, chromedp.Click(submitBtn))
	if h := b.text("main h1"); !strings.Contains(h, "Xin chào") {
		t.Fatalf("home page heading = %q, want a greeting with %q", h, "Xin chào")
	}

	// From the tree, open the new-unit form.
	b.submit("open the unit tree", 200, chromedp.Navigate(s.URL+"/admin/units"))
	b.submit("follow the new-unit link", 200, chromedp.Click(chromedp.CSS(`a[href="/admin/units/new"]`)))
	if h := b.text("main h1"); h != "Thêm đơn vị" {
		t.Errorf("form heading = %q, want %q", h, "Thêm đơn vị")
	}

	// A bad identifier: the form comes back with the field error in Vietnamese and keeps what was typed.
	b.do("fill the form with a bad code",
		chromedp.SendKeys(chromedp.CSS("#code"), "abc"),
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.SetValue(chromedp.CSS("#kind"), "commune"),
		chromedp.SetValue(chromedp.CSS("#parent"), province),
	)
	if got := b.value("#name"); got != name {
		t.Fatalf("typed name reads back as %q, want %q (keyboard input of diacritics)", got, name)
	}
	b.submit("submit the bad code", 400, chromedp.Click(submitBtn))
	if msg := b.text("#code-error"); !strings.Contains(msg, "Mã định danh không hợp lệ") {
		t.Errorf("code field error = %q, want it to contain %q", msg, "Mã định danh không hợp lệ")
	}
	b.screenshot(shots, "unit-form-error.png")
	if inv := get(b, "code aria-invalid", chromedp.AttributeValue(chromedp.CSS("#code"), "aria-invalid")); inv.Value != "true" {
		t.Errorf("code field aria-invalid = %+v, want true", inv)
	}
	for sel, want := range map[string]string{"#code": "abc", "#name": name, "#kind": "commune", "#parent": province} {
		if got := b.value(sel); got != want {
			t.Errorf("after the error, %s = %q, want %q (the form must keep what was typed)", sel, got, want)
		}
	}

	// Correct the identifier and submit again: the browser lands on the new unit's page.
	// Clear, not SetValue(sel, ""): chromedp v0.23.0 drops an empty-string argument (cdproto's
	// CallArgument.Value is omitempty under encoding/json/v2), so SetValue with "" fails.
	b.do("correct the code",
		chromedp.Clear(chromedp.CSS("#code")),
		chromedp.SendKeys(chromedp.CSS("#code"), code),
	)
	if got := b.value("#code"); got != code {
		t.Fatalf("corrected code reads back as %q, want %q", got, code)
	}
	b.submit("submit the corrected form", 200, chromedp.Click(submitBtn))
	loc := get(b, "location", chromedp.Location())
	if !strings.HasPrefix(loc, s.URL+"/admin/units/"+code) {
		t.Errorf("after creating, the browser is at %s, want %s/admin/units/%s", loc, s.URL, code)
	}
	if h := b.text("main h1"); h != name {
		t.Errorf("unit page heading = %q, want %q", h, name)
	}
	if n := b.text("main .notice"); !strings.Contains(n, "Đã tạo đơn vị") {
		t.Errorf("unit page notice = %q, want %q", n, "Đã tạo đơn vị")
	}
	if facts := b.text("main dl.facts"); !strings.Contains(facts, code) || !strings.Contains(facts, "Xã") || !strings.Contains(facts, province) {
		t.Errorf("unit page facts lack the code, kind or parent:\n%s", facts)
	}
	b.screenshot(shots, "unit-page.png")

	// The tree lists the new commune under the province.
	b.submit("open the unit tree again", 200, chromedp.Navigate(s.URL+"/admin/units"))
	under := get(b, "find the unit in the tree", chromedp.Evaluate[string](`(() => {
		const parent = document.querySelector('ul.tree a[href="/admin/units/`+province+`"]');
		if (!parent) return "no province in the tree";
		const child = parent.closest("li").querySelector('a[href="/admin/units/`+code+`"]');
		return child ? child.textContent.trim() : "not under the province";
	})()`))
	if under != name {
		t.Errorf("tree: the new unit under %s reads %q, want %q", province, under, name)
	}
}
