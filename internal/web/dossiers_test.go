package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	versionField = regexp.MustCompile(`name="version" value="(\d+)"`)
	receivedNote = regexp.MustCompile(`Đã tiếp nhận hồ sơ ([A-Z0-9.\-]+)\. Mã tra cứu: ([A-Z0-9]+)\.`)
)

// birthForm is a desk reception of "Đăng ký khai sinh" (9.990002): two mandatory components.
func birthForm() url.Values {
	return url.Values{"procedure": {"9.990002"}, "applicant.kind": {"citizen"}, "applicant.name": {"Trần Văn Bình"},
		"applicant.id_number": {"027090004321"}, "applicant.phone": {"0987654321"}, "applicant.address": {"Thôn Đông, xã Tiên Du"},
		"c0.provided": {"1"}, "c0.originals": {"1"}, "c1.provided": {"1"}, "c1.originals": {"1"},
		"channel": {"in_person"}, "return_method": {"desk"}}
}

func TestDossierReceptionForm(t *testing.T) {
	s := newDossierSite(t)
	bad := birthForm()
	bad.Set("applicant.phone", "12ab")
	bad.Del("c1.provided")
	negative := birthForm()
	negative.Set("c1.copies", "-1")
	notNumber := birthForm()
	notNumber.Set("c0.originals", "một")
	runScenarios(t, s, []scenario{
		{name: "negative count on its row", as: "tiepnhan", method: "POST", path: "/dossiers", form: negative, status: 400,
			contains: []string{"Số bản không được âm (-1).", `name="c1.copies" type="number" min="0" value="-1"`}},
		{name: "count not a number", as: "tiepnhan", method: "POST", path: "/dossiers", form: notNumber, status: 400,
			contains: []string{"Số lượng phải là số nguyên không âm.", `value="một"`}},
		{name: "nav and lookup link", as: "tiepnhan", method: "GET", path: "/", status: 200, contains: []string{`href="/dossiers"`, "Hồ sơ", `href="/lookup"`, "Tra cứu hồ sơ"}},
		{name: "procedures of the desk", as: "tiepnhan", method: "GET", path: "/dossiers/new", status: 200, contains: []string{"9.990002", "Đăng ký khai sinh"}, absent: []string{"Giấy chứng sinh"}},
		{name: "checklist of a procedure", as: "tiepnhan", method: "GET", path: "/dossiers/new?procedure=9.990002", status: 200,
			contains: []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh", `name="c1.provided"`, `name="c0.originals" type="number" min="0" value="1"`}},
		{name: "bad phone and missing component", as: "tiepnhan", method: "POST", path: "/dossiers", form: bad, status: 400,
			contains: []string{"12ab", `value="Trần Văn Bình"`, `value="027090004321"`, "Giấy chứng sinh.", `class="invalid"`, `name="c0.provided" value="1" checked`}},
		{name: "nothing stored", as: "tiepnhan", method: "GET", path: "/dossiers?tab=units", status: 200, contains: []string{"Không có hồ sơ nào.", "Của đơn vị <span class=\"count\">(0)</span>"}},
		{name: "specialist cannot receive", as: "chuyenvien", method: "POST", path: "/dossiers", form: birthForm(), status: 403},
		{name: "specialist has no reception form", as: "chuyenvien", method: "GET", path: "/dossiers/new", status: 403},
		{name: "English queue", as: "tiepnhan", method: "GET", path: "/dossiers", header: map[string]string{"Cookie": "lang=en"}, status: 200},
	})
}

// actStep is one action posted from the dossier page by a user.
type actStep struct {
	name     string
	as       string
	action   string
	form     url.Values
	version  string // "" takes the version shown on the user's page
	status   int
	contains []string // on the page after the action (or on the error page)
}

func TestDossierWalkThroughPages(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")
	status, loc, body := desk.post("/dossiers", birthForm())
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/dossiers/") {
		t.Fatalf("receive: %d %q\n%s", status, loc, body)
	}
	status, _, body = desk.get(loc)
	m := receivedNote.FindStringSubmatch(body)
	if status != 200 || m == nil {
		t.Fatalf("dossier page after reception: %d\n%s", status, body)
	}
	code, secret := m[1], m[2]
	if !strings.HasPrefix(loc, "/dossiers/"+code) {
		t.Fatalf("Location %q for code %s", loc, code)
	}
	for _, want := range []string{"Được tiếp nhận", "Đăng ký khai sinh", "Tiếp nhận, kiểm tra", "Chuyển xử lý", "Ngày hẹn trả ban đầu", "giờ"} {
		if !strings.Contains(body, want) {
			t.Errorf("dossier page lacks %q", want)
		}
	}
	firstVersion := versionField.FindStringSubmatch(body)[1]

	clients := map[string]*client{"tiepnhan": desk}
	page := "/dossiers/" + code
	steps := []actStep{
		{name: "specialist may not transfer", as: "chuyenvien", action: "transfer", version: "0", status: 403, contains: []string{"Chuyển xử lý"}},
		{name: "desk transfers", as: "tiepnhan", action: "transfer", status: 303, contains: []string{"Đang xử lý", "Đã cập nhật hồ sơ."}},
		{name: "transfer twice", as: "tiepnhan", action: "transfer", status: 409, contains: []string{"không thể thực hiện thao tác"}},
		{name: "stale page", as: "tiepnhan", action: "stop", version: firstVersion, form: url.Values{"reason": {"thử"}}, status: 409,
			contains: []string{"vừa được người khác cập nhật"}},
		{name: "head assigns", as: "truongphong", action: "assign", form: url.Values{"assignee": {"chuyenvien"}, "note": {"Ưu tiên xử lý"}}, status: 303,
			contains: []string{"Phân công xử lý", "Ưu tiên xử lý"}},
		{name: "assign without assignee", as: "truongphong", action: "assign", form: url.Values{"assignee": {""}}, status: 400},
		{name: "specialist completes", as: "chuyenvien", action: "complete_step", form: url.Values{"note": {"Ghi chú nội bộ: đã đối chiếu sổ"}}, status: 303,
			contains: []string{"Ghi chú nội bộ: đã đối chiếu sổ", "nội bộ"}},
		{name: "clerk cannot return before the result", as: "vanthuxa", action: "return", version: "0", status: 409, contains: []string{"không thể thực hiện thao tác"}},
		{name: "leader signs", as: "lanhdao", action: "complete_step", status: 303},
		{name: "result without name", as: "vanthuxa", action: "result_ready", status: 400},
		{name: "result ready", as: "vanthuxa", action: "result_ready", form: url.Values{"result_name": {"Giấy khai sinh"}, "result_number": {"15/GKS"}}, status: 303,
			contains: []string{"Đã xử lý xong", "15/GKS"}},
		{name: "specialist may not return", as: "chuyenvien", action: "return", version: "0", form: url.Values{"method": {"desk"}}, status: 403},
		{name: "desk returns", as: "tiepnhan", action: "return", form: url.Values{"method": {"desk"}}, status: 303,
			contains: []string{"Đã trả kết quả", "Trả kết quả"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			c := clients[st.as]
			if c == nil {
				c = s.login(t, st.as)
				clients[st.as] = c
			}
			c.t = t
			_, _, pageBody := c.get(page)
			form := url.Values{}
			for k, v := range st.form {
				form[k] = v
			}
			version := st.version
			if version == "" {
				mv := versionField.FindStringSubmatch(pageBody)
				if mv == nil {
					t.Fatalf("%s sees no action form", st.as)
				}
				version = mv[1]
			}
			form.Set("version", version)
			status, loc, body := c.post(page+"/act/"+st.action, form)
			if status != st.status {
				t.Fatalf("%s: status %d, want %d\n%s", st.action, status, st.status, body)
			}
			if status == http.StatusSeeOther {
				if !strings.HasPrefix(loc, page) {
					t.Fatalf("Location %q", loc)
				}
				_, _, body = c.get(loc)
			}
			for _, want := range st.contains {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}

	runScenarios(t, s, []scenario{
		{name: "search by code", as: "chuyenvien", method: "GET", path: "/dossiers?q=" + code, status: 200, contains: []string{code, "Đã trả kết quả"}},
		{name: "finished dossier leaves the queue", as: "chuyenvien", method: "GET", path: "/dossiers?tab=units", status: 200, absent: []string{code}},
		{name: "another commune", as: "motcuakb", method: "GET", path: page, status: 403},
		{name: "another commune acts", as: "motcuakb", method: "POST", path: page + "/act/stop", form: url.Values{"reason": {"x"}}, status: 403},
		{name: "search by name without accents", as: "tiepnhan", method: "GET", path: "/dossiers?q=tran+van+binh", status: 200, contains: []string{code}},
		{name: "search by phone", as: "tiepnhan", method: "GET", path: "/dossiers?q=0987654321", status: 200, contains: []string{code}},
		{name: "lookup form", method: "GET", path: "/lookup", status: 200, contains: []string{"Tra cứu hồ sơ", `name="secret"`}},
		{name: "public lookup", method: "POST", path: "/lookup", form: url.Values{"code": {code}, "secret": {secret}}, status: 200,
			contains: []string{"Đã trả kết quả", "T*** V** B***", "Đăng ký khai sinh", "Trả kết quả"},
			absent:   []string{"Trần Văn Bình", "Ghi chú nội bộ", "Ưu tiên xử lý", "0987654321", "Phân công xử lý", "Phạm Thị Nhung"}},
		{name: "lookup wrong secret", method: "POST", path: "/lookup", form: url.Values{"code": {code}, "secret": {"ZZZZZZ"}}, status: 404,
			contains: []string{"Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập."}, absent: []string{"Đã trả kết quả"}},
		{name: "lookup unknown code", method: "POST", path: "/lookup", form: url.Values{"code": {"000.31.21.H06-991231-9999"}, "secret": {secret}}, status: 404,
			contains: []string{"Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập."}},
	})
}

func TestDossierQueueMine(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")
	_, loc, _ := desk.post("/dossiers", birthForm())
	code := strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/dossiers/")
	if _, _, body := desk.get(loc); versionField.FindStringSubmatch(body) == nil {
		t.Fatal("no action form")
	}
	for _, step := range []struct{ as, action string }{{"tiepnhan", "transfer"}, {"truongphong", "assign"}} {
		c := s.login(t, step.as)
		_, _, body := c.get("/dossiers/" + code)
		v := versionField.FindStringSubmatch(body)
		if v == nil {
			t.Fatalf("%s: no form", step.as)
		}
		if status, _, body := c.post("/dossiers/"+code+"/act/"+step.action, url.Values{"version": {v[1]}, "assignee": {"chuyenvien"}}); status != 303 {
			t.Fatalf("%s: %d\n%s", step.action, status, body)
		}
	}
	runScenarios(t, s, []scenario{
		{name: "mine lists the assignee's dossier", as: "chuyenvien", method: "GET", path: "/dossiers", status: 200,
			contains: []string{code, "Của tôi <span class=\"count\">(1)</span>", "Đăng ký khai sinh", "Trần Văn Bình", "Đang xử lý"}},
		{name: "not mine for the head", as: "truongphong", method: "GET", path: "/dossiers?tab=mine", status: 200,
			contains: []string{"Của tôi <span class=\"count\">(0)</span>", "Không có hồ sơ nào."}},
		{name: "the head's units", as: "truongphong", method: "GET", path: "/dossiers?tab=units", status: 200, contains: []string{code}},
	})
}
