package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// scenario is one HTTP exchange and what the user must see.
type scenario struct {
	name     string
	as       string // username, "" for anonymous
	method   string
	path     string
	form     url.Values
	header   map[string]string
	status   int
	contains []string
	absent   []string
	location string
}

func runScenarios(t *testing.T, s *site, cases []scenario) {
	t.Helper()
	clients := map[string]*client{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cl := clients[c.as]
			if cl == nil {
				if c.as == "" {
					cl = s.client(t)
				} else {
					cl = s.login(t, c.as)
				}
				clients[c.as] = cl
			}
			cl.t = t
			var form url.Values
			if c.form != nil {
				form = url.Values{}
				for k, v := range c.form {
					form[k] = v
				}
			}
			status, loc, body := cl.do(c.method, c.path, form, c.header)
			if status != c.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", c.method, c.path, status, c.status, body)
			}
			if c.location != "" && !strings.HasPrefix(loc, c.location) {
				t.Errorf("Location %q, want prefix %q", loc, c.location)
			}
			for _, want := range c.contains {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, bad := range c.absent {
				if strings.Contains(body, bad) {
					t.Errorf("page shows %q", bad)
				}
			}
		})
	}
}

func TestPages(t *testing.T) {
	s := newSite(t)
	runScenarios(t, s, []scenario{
		{name: "health", method: "GET", path: "/healthz", status: 200, contains: []string{`"ok"`}},
		{name: "metrics", method: "GET", path: "/metrics", status: 200, contains: []string{"motcua_http_requests_total"}},
		{name: "anonymous home goes to login", method: "GET", path: "/", status: 303, location: "/login?next=%2F"},
		{name: "login page in Vietnamese", method: "GET", path: "/login", status: 200, contains: []string{`lang="vi"`, "Đăng nhập", "Tên đăng nhập"}},
		{name: "wrong password", method: "POST", path: "/login", form: url.Values{"username": {"quantri"}, "password": {"sai"}},
			status: 401, contains: []string{"Tên đăng nhập hoặc mật khẩu không đúng.", `value="quantri"`}},
		{name: "unknown page", method: "GET", path: "/khong-co", status: 404, contains: []string{"Không tìm thấy"}},

		{name: "admin home", as: "quantri", method: "GET", path: "/", status: 200, contains: []string{"Xin chào, Nguyễn Văn Quản", "Đơn vị", "Nhật ký"}},
		{name: "unit tree", as: "quantri", method: "GET", path: "/admin/units", status: 200, contains: []string{"Tỉnh Bắc Ninh", "Xã Tiên Du", "Phường Kinh Bắc"}},
		{name: "create unit", as: "quantri", method: "POST", path: "/admin/units",
			form:   url.Values{"code": {"000.33.21.h06"}, "name": {"Xã Lạc Vệ"}, "kind": {"commune"}, "parent": {"000.00.00.H06"}, "valid_from": {"2025-07-01"}},
			status: 303, location: "/admin/units/000.33.21.H06"},
		{name: "created unit shown", as: "quantri", method: "GET", path: "/admin/units/000.33.21.H06?notice=notice.unit_created", status: 200,
			contains: []string{"Xã Lạc Vệ", "Đã tạo đơn vị."}},
		{name: "bad unit input names the fields and keeps values", as: "quantri", method: "POST", path: "/admin/units",
			form:   url.Values{"code": {"abc"}, "name": {"Xã Mới"}, "kind": {"village"}, "parent": {"000.00.00.H06"}, "valid_from": {"2026-02-30"}},
			status: 400, contains: []string{"Mã định danh không hợp lệ", "Loại đơn vị “village” không hợp lệ.", "Ngày không hợp lệ", `value="Xã Mới"`}},
		{name: "duplicate unit code is a conflict", as: "quantri", method: "POST", path: "/admin/units",
			form:   url.Values{"code": {"000.31.21.H06"}, "name": {"Trùng"}, "kind": {"commune"}, "parent": {"000.00.00.H06"}},
			status: 409, contains: []string{"Mã định danh 000.31.21.H06 đã được dùng"}},
		{name: "rename", as: "quantri", method: "POST", path: "/admin/units/000.33.21.H06/rename", form: url.Values{"name": {"Xã Lạc Vệ mới"}},
			status: 303, location: "/admin/units/000.33.21.H06"},
		{name: "close with successor", as: "quantri", method: "POST", path: "/admin/units/000.33.21.H06/close",
			form: url.Values{"on": {"2026-12-01"}, "successor": {"000.31.21.H06"}}, status: 303},
		{name: "closed unit page", as: "quantri", method: "GET", path: "/admin/units/000.33.21.H06", status: 200, contains: []string{"Đã ngừng hoạt động", "000.31.21.H06"}},
		{name: "create user", as: "quantri", method: "POST", path: "/admin/users",
			form:   url.Values{"username": {"vanthu"}, "full_name": {"Bùi Thị Vân"}, "unit": {"000.31.01.H06"}, "role": {"clerk", "reception"}, "password": {"12345678"}},
			status: 303, location: "/admin/users/vanthu"},
		{name: "duplicate username", as: "quantri", method: "POST", path: "/admin/users",
			form:   url.Values{"username": {"vanthu"}, "unit": {"000.31.01.H06"}, "role": {"clerk"}, "password": {"12345678"}},
			status: 409, contains: []string{"Tên đăng nhập vanthu đã được sử dụng."}},
		{name: "bad user input", as: "quantri", method: "POST", path: "/admin/users",
			form:   url.Values{"username": {"Văn Thư"}, "full_name": {"Bùi Vân"}, "unit": {"000.31.01.H06"}, "password": {"123"}},
			status: 400, contains: []string{"Tên đăng nhập chỉ gồm", "Chọn ít nhất một vai trò.", "ít nhất 8 ký tự", `value="Bùi Vân"`}},
		{name: "user list", as: "quantri", method: "GET", path: "/admin/users", status: 200, contains: []string{"vanthu", "Cán bộ tiếp nhận, Văn thư"}},
		{name: "admin cannot remove own admin role", as: "quantri", method: "POST", path: "/admin/users/quantri",
			form: url.Values{"full_name": {"Nguyễn Văn Quản"}, "role": {"inspector"}, "active": {"on"}}, status: 400, contains: []string{"tự bỏ vai trò quản trị"}},
		{name: "audit page", as: "quantri", method: "GET", path: "/admin/audit", status: 200, contains: []string{"unit.create", "user.create", "unit:000.33.21.H06"}},

		{name: "commune admin sees own users only", as: "quantrixa", method: "GET", path: "/admin/users", status: 200,
			contains: []string{"tiepnhan"}, absent: []string{"kinhbac", "quantri<"}},
		{name: "commune admin cannot open another commune's user", as: "quantrixa", method: "GET", path: "/admin/users/kinhbac", status: 403,
			contains: []string{"Bạn không có quyền"}},
		{name: "commune admin cannot rename another commune", as: "quantrixa", method: "POST", path: "/admin/units/000.32.21.H06/rename",
			form: url.Values{"name": {"Chiếm"}}, status: 403},
		{name: "commune admin cannot create a unit under another commune", as: "quantrixa", method: "POST", path: "/admin/units",
			form: url.Values{"code": {"000.32.05.H06"}, "name": {"Phòng lạ"}, "kind": {"office"}, "parent": {"000.32.21.H06"}}, status: 403},
		{name: "reception officer cannot manage users", as: "tiepnhan", method: "GET", path: "/admin/users", status: 403},
		{name: "reception officer has no audit", as: "tiepnhan", method: "GET", path: "/admin/audit", status: 403},
		{name: "inspector reads but cannot edit", as: "thanhtra", method: "POST", path: "/admin/users/tiepnhan/password",
			form: url.Values{"password": {"12345678"}}, status: 403},

		{name: "missing CSRF token", as: "quantri", method: "POST", path: "/admin/units/000.31.21.H06/rename",
			form: url.Values{"csrf": {"forged"}, "name": {"X"}}, status: 403, contains: []string{"Phiên làm việc của biểu mẫu đã hết hạn"}},
		{name: "cross-origin POST refused", as: "quantri", method: "POST", path: "/admin/units/000.31.21.H06/rename",
			form: url.Values{"name": {"X"}}, header: map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, status: 403},
		{name: "unit not renamed by refused requests", as: "quantri", method: "GET", path: "/admin/units/000.31.21.H06", status: 200,
			contains: []string{"<h1>Xã Tiên Du</h1>"}},

		{name: "switch to English", as: "quantri", method: "GET", path: "/lang/en?next=/admin/units", status: 303, location: "/admin/units"},
		{name: "English page", as: "quantri", method: "GET", path: "/admin/units", status: 200, contains: []string{`lang="en"`, "Unit structure", "Add unit"}},
		{name: "English error", as: "quantri", method: "POST", path: "/admin/units", form: url.Values{"code": {"x"}, "name": {""}, "kind": {"commune"}},
			status: 400, contains: []string{"Invalid identifier", "This field is required."}},
		{name: "open redirect refused", as: "quantri", method: "GET", path: "/lang/vi?next=//evil.example", status: 303, location: "/"},

		{name: "logout", as: "quantri", method: "POST", path: "/logout", form: url.Values{}, status: 303, location: "/login"},
		{name: "after logout", as: "quantri", method: "GET", path: "/admin/units", status: 303, location: "/login"},
	})
}

func TestPasswordChange(t *testing.T) {
	s := newSite(t)
	c := s.login(t, "tiepnhan")
	if st, _, body := c.post("/account/password", url.Values{"current": {"sai"}, "password": {"moi-12345"}, "password_confirm": {"moi-12345"}}); st != 400 ||
		!strings.Contains(body, "Mật khẩu hiện tại không đúng.") {
		t.Fatalf("wrong current password: %d", st)
	}
	if st, _, body := c.post("/account/password", url.Values{"current": {testPassword}, "password": {"moi-12345"}, "password_confirm": {"moi-1234"}}); st != 400 ||
		!strings.Contains(body, "không khớp") {
		t.Fatalf("mismatch: %d", st)
	}
	if st, loc, _ := c.post("/account/password", url.Values{"current": {testPassword}, "password": {"moi-12345"}, "password_confirm": {"moi-12345"}}); st != 303 || !strings.Contains(loc, "notice.password_changed") {
		t.Fatalf("change: %d %s", st, loc)
	}
	// The session that changed it stays; a new login needs the new password.
	if st, _, _ := c.get("/"); st != 200 {
		t.Fatalf("own session ended: %d", st)
	}
	other := s.client(t)
	if st, _, _ := other.post("/login", url.Values{"username": {"tiepnhan"}, "password": {testPassword}}); st != 401 {
		t.Fatalf("old password still works: %d", st)
	}
	if st, _, _ := other.post("/login", url.Values{"username": {"tiepnhan"}, "password": {"moi-12345"}}); st != 303 {
		t.Fatalf("new password refused: %d", st)
	}
}

func TestLoginThrottlePerAddress(t *testing.T) {
	s := newSite(t)
	c := s.client(t)
	// Guessing across usernames from one address is stopped after 10 failures.
	for i := 0; i < 10; i++ {
		if st, _, _ := c.post("/login", url.Values{"username": {"khach" + string(rune('a'+i))}, "password": {"x"}}); st != 401 {
			t.Fatalf("attempt %d: %d", i, st)
		}
	}
	st, _, body := c.post("/login", url.Values{"username": {"quantri"}, "password": {testPassword}})
	if st != http.StatusUnauthorized || !strings.Contains(body, "quá nhiều lần đăng nhập sai") {
		t.Fatalf("throttled address got %d", st)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	s := newSite(t)
	c := s.client(t)
	req, _ := http.NewRequest("POST", s.URL+"/login", strings.NewReader(url.Values{"username": {"quantri"}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var found bool
	for _, ck := range resp.Cookies() {
		if ck.Name == "motcua_session" {
			found = true
			if !ck.HttpOnly || !ck.Secure || ck.SameSite != http.SameSiteLaxMode {
				t.Fatalf("session cookie flags: %+v", ck)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
}
