package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/catalog"
	"motcua/internal/feedback"
	"motcua/internal/portal"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/report"
	"motcua/internal/statistics"
	"motcua/internal/store/storetest"
	"motcua/internal/throttle"
	"motcua/internal/web"
	"motcua/internal/workcal"
)

const testPassword = "mat-khau-2026"

// site is a real server over a real SQLite database with a province, two communes and officers.
type site struct {
	URL string
	svc *account.Service
	cat *catalog.Service
	// dossiers files online dossiers for the desk to answer (the portal is not under test here).
	dossiers *processing.Service
}

func newSite(t *testing.T) *site {
	t.Helper()
	return buildSite(t, false)
}

// newDossierSite is newSite with the sample catalog imported, so that dossiers can be received.
func newDossierSite(t *testing.T) *site {
	t.Helper()
	return buildSite(t, true)
}

func buildSite(t *testing.T, sample bool) *site {
	t.Helper()
	e := storetest.SQLite(t, storetest.Options{})
	svc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	ctx, sys, now := context.Background(), account.System("test"), time.Now()
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.31.01.H06", Name: "Văn phòng xã Tiên Du", Kind: "office", ParentCode: "000.31.21.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := svc.CreateUnit(ctx, sys, in, now); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []account.UserInput{
		{Username: "quantri", FullName: "Nguyễn Văn Quản", UnitCode: "000.00.00.H06", Roles: []string{"administrator"}},
		{Username: "quantrixa", FullName: "Hoàng Văn Trị", UnitCode: "000.31.21.H06", Roles: []string{"administrator"}},
		{Username: "tiepnhan", FullName: "Phạm Thị Nhung", UnitCode: "000.31.01.H06", Roles: []string{"reception"}},
		{Username: "kinhbac", FullName: "Đặng Thị Bắc", UnitCode: "000.32.21.H06", Roles: []string{"administrator"}},
		{Username: "thanhtra", FullName: "Lê Minh Thanh", UnitCode: "000.00.00.H06", Roles: []string{"inspector"}},
		{Username: "kiemsoat", FullName: "Trần Thị Soát", UnitCode: "000.00.00.H06", Roles: []string{"controller"}},
		{Username: "truongphong", FullName: "Vũ Văn Trưởng", UnitCode: "000.31.01.H06", Roles: []string{"head"}},
		{Username: "chuyenvien", FullName: "Đỗ Văn Chiến", UnitCode: "000.31.01.H06", Roles: []string{"specialist"}},
		{Username: "lanhdao", FullName: "Bùi Văn Lãnh", UnitCode: "000.31.21.H06", Roles: []string{"leader"}},
		{Username: "vanthuxa", FullName: "Ngô Thị Thư", UnitCode: "000.31.21.H06", Roles: []string{"clerk"}},
		{Username: "motcuakb", FullName: "Lý Thị Kinh", UnitCode: "000.32.21.H06", Roles: []string{"reception"}},
	} {
		u.Password = testPassword
		if _, err := svc.CreateUser(ctx, sys, u); err != nil {
			t.Fatal(err)
		}
	}
	cat := &catalog.Service{Store: e.DB}
	if sample {
		if _, _, err := cat.Import(ctx, sys, "catalog-sample.json", procedure.SampleCatalog, nil, now.AddDate(0, 0, -60)); err != nil {
			t.Fatal(err)
		}
	}
	cal := &workcal.Service{Store: e.DB}
	blobs, err := attachment.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dossiers := &processing.Service{Store: e.DB, Catalog: cat, Calendar: cal, Rand: rand.Reader, Files: blobs}
	srv, err := web.New(web.Config{Accounts: svc, Calendar: cal, Catalog: cat, Dossiers: dossiers, Health: e.DB, Audit: e.DB, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Uploads: attachment.Limits{MaxBytes: 64 << 10, TempDir: t.TempDir()}, Reports: &report.Service{Store: e.DB}, Version: "test",
		Feedback: &feedback.Service{Store: e.DB, Calendars: cal, Rand: rand.Reader}, Statistics: &statistics.Service{Store: e.DB},
		Portal: &portal.Service{Store: e.DB, Dossiers: dossiers, Submissions: throttle.New(portalSubmissionsPerHour, time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &site{URL: ts.URL, svc: svc, cat: cat, dossiers: dossiers}
}

// client is a browser-like client: cookies kept, redirects not followed, CSRF token remembered.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func (s *site) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: s.URL, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// do sends a request and returns status, Location and body; forms get the remembered CSRF token
// unless the form already names one.
func (c *client) do(method, path string, form url.Values, header map[string]string) (int, string, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		if _, ok := form["csrf"]; !ok && c.csrf != "" {
			form.Set("csrf", c.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

// send runs a request and returns status, Location and body, remembering the page's CSRF token.
func (c *client) send(req *http.Request) (int, string, string) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if m := csrfField.FindStringSubmatch(string(b)); m != nil {
		c.csrf = m[1]
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// postFiles sends a multipart form with files: field name → file name → content.
func (c *client) postFiles(path string, form url.Values, files map[string]map[string][]byte) (int, string, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if _, ok := form["csrf"]; !ok && c.csrf != "" {
		form.Set("csrf", c.csrf)
	}
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for field, byName := range files {
		for name, content := range byName {
			w, err := mw.CreateFormFile(field, name)
			if err != nil {
				c.t.Fatal(err)
			}
			_, _ = w.Write(content)
		}
	}
	mw.Close()
	req, err := http.NewRequest("POST", c.base+path, &buf)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.send(req)
}

func (c *client) get(path string) (int, string, string) { return c.do("GET", path, nil, nil) }
func (c *client) post(path string, form url.Values) (int, string, string) {
	return c.do("POST", path, form, nil)
}

// login signs in and loads a page so that the CSRF token is known.
func (s *site) login(t *testing.T, username string) *client {
	c := s.client(t)
	status, loc, body := c.post("/login", url.Values{"username": {username}, "password": {testPassword}})
	if status != http.StatusSeeOther || loc != "/" {
		t.Fatalf("login %s: %d %s %s", username, status, loc, body)
	}
	if status, _, _ := c.get("/"); status != 200 || c.csrf == "" {
		t.Fatalf("home after login: %d, csrf %q", status, c.csrf)
	}
	return c
}
