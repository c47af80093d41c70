package api_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"motcua/internal/account"
	"motcua/internal/api"
	"motcua/internal/catalog"
	"motcua/internal/processing"
	"motcua/internal/store/storetest"
	"motcua/internal/workcal"
)

type fixture struct {
	url    string
	tokens map[string]string
	srv    *api.Server
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	e := storetest.SQLite(t, storetest.Options{})
	svc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	tokens := &account.Tokens{Store: e.DB, Accounts: e.DB}
	ctx, sys, now := context.Background(), account.System("test"), time.Now()
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := svc.CreateUnit(ctx, sys, in, now); err != nil {
			t.Fatal(err)
		}
	}
	cat := &catalog.Service{Store: e.DB}
	wc := &workcal.Service{Store: e.DB}
	sample, err := os.ReadFile("../procedure/testdata/catalog-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := cat.Import(ctx, sys, "catalog-sample.json", sample, nil, now); err != nil {
		t.Fatal(err)
	}
	f := &fixture{tokens: map[string]string{}}
	for _, u := range []account.UserInput{
		{Username: "quantri", UnitCode: "000.00.00.H06", Roles: []string{"administrator"}},
		{Username: "quantrixa", UnitCode: "000.31.21.H06", Roles: []string{"administrator"}},
		{Username: "tiepnhan", UnitCode: "000.31.21.H06", Roles: []string{"reception"}},
	} {
		u.Password = "12345678"
		if _, err := svc.CreateUser(ctx, sys, u); err != nil {
			t.Fatal(err)
		}
		tok, err := tokens.Create(ctx, sys, u.Username, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[u.Username] = tok
	}
	f.srv = api.New(api.Config{Accounts: svc, Tokens: tokens, Calendar: wc, Catalog: cat,
		Dossiers: &processing.Service{Store: e.DB, Catalog: cat, Calendar: wc, Rand: rand.Reader}, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(f.srv)
	t.Cleanup(ts.Close)
	f.url = ts.URL
	return f
}

func loadDoc(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("the OpenAPI document is invalid: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: "/"}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// TestOpenAPIMatchesRoutes checks that every registered route is documented and every documented
// operation is registered.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc, _ := loadDoc(t)
	srv := newFixture(t).srv
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	sort.Strings(documented)
	registered := append([]string(nil), srv.Routes...)
	sort.Strings(registered)
	if strings.Join(documented, "\n") != strings.Join(registered, "\n") {
		t.Fatalf("routes and OpenAPI differ\ndocumented:\n%s\nregistered:\n%s", strings.Join(documented, "\n"), strings.Join(registered, "\n"))
	}
}

func TestAPIScenarios(t *testing.T) {
	f := newFixture(t)
	_, router := loadDoc(t)
	cases := []struct {
		name, as, method, path, body string
		header                       map[string]string
		status                       int
		contains                     []string
	}{
		{name: "openapi without login", method: "GET", path: "/api/v1/openapi.json", status: 200, contains: []string{`"openapi"`}},
		{name: "no credentials", method: "GET", path: "/api/v1/me", status: 401, contains: []string{`"code":"unauthorized"`, "Vui lòng đăng nhập."}},
		{name: "bad token", method: "GET", path: "/api/v1/me", header: map[string]string{"Authorization": "Bearer mc_nope"}, status: 401},
		{name: "me", as: "tiepnhan", method: "GET", path: "/api/v1/me", status: 200, contains: []string{`"username":"tiepnhan"`, `"reception"`}},
		{name: "units in scope", as: "quantrixa", method: "GET", path: "/api/v1/units", status: 200, contains: []string{`"000.31.21.H06"`, `"total":1`}},
		{name: "other commune's unit", as: "quantrixa", method: "GET", path: "/api/v1/units/000.32.21.H06", status: 403, contains: []string{`"code":"forbidden"`}},
		{name: "unknown unit", as: "quantri", method: "GET", path: "/api/v1/units/000.99.99.H06", status: 404, contains: []string{`"code":"not_found"`}},
		{name: "create unit", as: "quantri", method: "POST", path: "/api/v1/units",
			body:   `{"code":"000.33.21.H06","name":"Xã Lạc Vệ","kind":"commune","parent":"000.00.00.H06","valid_from":"2025-07-01"}`,
			status: 201, contains: []string{`"name":"Xã Lạc Vệ"`}},
		{name: "duplicate", as: "quantri", method: "POST", path: "/api/v1/units",
			body: `{"code":"000.33.21.H06","name":"X","kind":"commune","parent":"000.00.00.H06"}`, status: 409, contains: []string{`"code":"conflict"`}},
		{name: "invalid fields named", as: "quantri", method: "POST", path: "/api/v1/units",
			body: `{"code":"x","name":"","kind":"village"}`, status: 400,
			contains: []string{`"code":"invalid"`, `"fields":{`, `"code":"Mã định danh không hợp lệ`, `"kind":"Loại đơn vị`}},
		{name: "invalid in English", as: "quantri", method: "POST", path: "/api/v1/units", header: map[string]string{"Accept-Language": "en-US,en;q=0.9"},
			body: `{"code":"x","name":"Y","kind":"commune"}`, status: 400, contains: []string{`"code":"Invalid identifier`}},
		{name: "malformed JSON", as: "quantri", method: "POST", path: "/api/v1/units", body: `{"code":`, status: 400, contains: []string{"không phải JSON hợp lệ"}},
		{name: "unknown field", as: "quantri", method: "POST", path: "/api/v1/units", body: `{"code":"000.1.H06","colour":"red"}`, status: 400, contains: []string{`"colour":"Trường này không được hỗ trợ."`}},
		{name: "wrong type", as: "quantri", method: "POST", path: "/api/v1/units", body: `{"code":12}`, status: 400, contains: []string{`"code":"Kiểu dữ liệu không đúng`}},
		{name: "reception may not create units", as: "tiepnhan", method: "POST", path: "/api/v1/units",
			body: `{"code":"000.31.05.H06","name":"P","kind":"office","parent":"000.31.21.H06"}`, status: 403},
		{name: "calendar year", as: "tiepnhan", method: "GET", path: "/api/v1/calendar/2026", status: 200,
			contains: []string{`"days_off":["2026-01-01","2026-01-02","2026-02-16"`, `"working_saturdays":["2026-01-10","2026-08-22"]`, `"name_vi":"Tết Nguyên đán"`}},
		{name: "calendar year out of range", as: "tiepnhan", method: "GET", path: "/api/v1/calendar/1850", status: 400, contains: []string{`"year":"Chỉ hỗ trợ các năm từ 1900 đến 2100."`}},
		{name: "due", as: "tiepnhan", method: "GET", path: "/api/v1/calendar/due?received=2026-02-13T16:00:00%2B07:00&time=3&unit=WORKING_DAY", status: 200,
			contains: []string{`"due":"2026-02-25T16:00:00+07:00"`, `"name_vi":"Tết Nguyên đán"`}},
		{name: "due with bad input", as: "tiepnhan", method: "GET", path: "/api/v1/calendar/due?received=hôm-nay&time=-1&unit=WEEK", status: 400,
			contains: []string{`"received":"Thời điểm “hôm-nay” không hợp lệ."`}},
		{name: "due negative", as: "tiepnhan", method: "GET", path: "/api/v1/calendar/due?received=2026-02-13T16:00:00%2B07:00&time=-1&unit=WEEK", status: 400,
			contains: []string{`"time":"Thời hạn không được âm."`, `"unit":"Đơn vị thời gian “WEEK” không hợp lệ`}},
		{name: "commune admin closes a day for the commune", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.31.21.H06","date":"2026-12-31","kind":"CLOSURE","name_vi":"Nghỉ tổng kết năm"}`, status: 201, contains: []string{`"kind":"CLOSURE"`}},
		{name: "the commune's calendar has it", as: "quantrixa", method: "GET", path: "/api/v1/calendar/2026?unit=000.31.21.H06", status: 200,
			contains: []string{`"2026-12-31"]`, `"name_vi":"Nghỉ tổng kết năm"`}},
		{name: "the other commune's has not", as: "quantri", method: "GET", path: "/api/v1/calendar/2026?unit=000.32.21.H06", status: 200,
			contains: []string{`"2026-09-02"],"working`}},
		{name: "same day twice", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.31.21.H06","date":"2026-12-31","kind":"CLOSURE"}`, status: 409},
		{name: "closure on a Sunday", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.31.21.H06","date":"2026-12-27","kind":"CLOSURE"}`, status: 400, contains: []string{"ngày nghỉ hằng tuần"}},
		{name: "closure on a holiday", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.31.21.H06","date":"2026-09-02","kind":"CLOSURE"}`, status: 400, contains: []string{"đã là ngày nghỉ (Ngày Quốc khánh)"}},
		{name: "working Saturday on a Friday", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.31.21.H06","date":"2026-12-25","kind":"WORKING_SATURDAY"}`, status: 400, contains: []string{"không phải thứ Bảy"}},
		{name: "commune admin cannot change every unit's calendar", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"date":"2026-12-30","kind":"CLOSURE"}`, status: 403},
		{name: "nor another commune's", as: "quantrixa", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.32.21.H06","date":"2026-12-30","kind":"CLOSURE"}`, status: 403},
		{name: "reception cannot change calendars", as: "tiepnhan", method: "POST", path: "/api/v1/calendar/overrides",
			body: `{"unit":"000.31.21.H06","date":"2026-12-30","kind":"CLOSURE"}`, status: 403},
		{name: "list overrides", as: "quantrixa", method: "GET", path: "/api/v1/calendar/overrides?unit=000.31.21.H06", status: 200, contains: []string{`"date":"2026-12-31"`}},
		{name: "remove override", as: "quantrixa", method: "DELETE", path: "/api/v1/calendar/overrides/2026-12-31?unit=000.31.21.H06", status: 204},
		{name: "remove it again", as: "quantrixa", method: "DELETE", path: "/api/v1/calendar/overrides/2026-12-31?unit=000.31.21.H06", status: 404},
		{name: "public catalog without login, no accents", method: "GET", path: "/api/v1/procedures?q=cap%20ban%20sao%20trich%20luc", status: 200,
			contains: []string{`"code":"2.000635"`, `"name":"Cấp bản sao trích lục hộ tịch"`, `"total":1`, `"channels":[{"channel":"in_person","time":0,"unit":"WORKING_DAY","fees":[{"name":"Phí cấp bản sao trích lục","amount_vnd":8000`}},
		{name: "đ matches d", method: "GET", path: "/api/v1/procedures?q=dang%20ky", status: 200, contains: []string{"Đăng ký"}},
		{name: "by unit applying them", method: "GET", path: "/api/v1/procedures?unit=000.31.21.H06&limit=2", status: 200, contains: []string{`"total":8`}},
		{name: "by field", method: "GET", path: "/api/v1/procedures?field=H%E1%BB%99%20t%E1%BB%8Bch", status: 200, contains: []string{`"field":"Hộ tịch"`}},
		{name: "a unit applying none", method: "GET", path: "/api/v1/procedures?unit=000.00.00.H06", status: 200, contains: []string{`"items":[]`, `"total":0`}},
		{name: "one procedure", method: "GET", path: "/api/v1/procedures/2.000635", status: 200, contains: []string{`"legal_basis"`, `"cutoff_hour":"15:00"`}},
		{name: "unknown procedure", method: "GET", path: "/api/v1/procedures/9.999999", status: 404, contains: []string{"Không tìm thấy thủ tục 9.999999."}},
		{name: "desk guidance (Mẫu 02)", as: "tiepnhan", method: "POST", path: "/api/v1/guidances", status: 201,
			body:     `{"procedure":"2.000635","unit":"000.31.21.H06","applicant":{"kind":"citizen","name":"Nguyễn Thị Lan"},"items":[{"name":"Tờ khai","copies":1,"reason":"Thiếu chữ ký"}],"contact":"0222 3854 123"}`,
			contains: []string{`"id":`, `"reason":"Thiếu chữ ký"`, `"stage":"reception"`, `"procedure_code":"2.000635"`}},
		{name: "desk guidance without items", as: "tiepnhan", method: "POST", path: "/api/v1/guidances", status: 400,
			body: `{"procedure":"2.000635","unit":"000.31.21.H06","applicant":{"kind":"citizen","name":"Nguyễn Thị Lan"}}`, contains: []string{`"items":`}},
		{name: "refusal at the desk (Mẫu 03)", as: "tiepnhan", method: "POST", path: "/api/v1/refusals", status: 201,
			body:     `{"procedure":"2.000635","unit":"000.31.21.H06","channel":"in_person","applicant":{"kind":"citizen","name":"Nguyễn Thị Lan"},"reasons":["Không thuộc thẩm quyền"]}`,
			contains: []string{`"status":3`, `"code":"000.31.21.H06-`}},
		{name: "refusal without reason", as: "tiepnhan", method: "POST", path: "/api/v1/refusals", status: 400,
			body: `{"procedure":"2.000635","unit":"000.31.21.H06","channel":"in_person","applicant":{"kind":"citizen","name":"Nguyễn Thị Lan"},"reasons":[" "]}`, contains: []string{`"reasons":`}},
		{name: "unknown route", as: "quantri", method: "GET", path: "/api/v1/nothing", status: 404, contains: []string{`"code":"not_found"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, f.url+c.path, strings.NewReader(c.body))
			if c.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if c.as != "" {
				req.Header.Set("Authorization", "Bearer "+f.tokens[c.as])
			}
			for k, v := range c.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, c.status, body)
			}
			for _, want := range c.contains {
				if !strings.Contains(string(body), want) {
					t.Errorf("body lacks %s: %s", want, body)
				}
			}
			if resp.StatusCode != http.StatusNoContent && !json.Valid(body) {
				t.Fatalf("not JSON: %s", body)
			}
			// Documented routes must answer as documented.
			vreq, _ := http.NewRequest(c.method, "http://localhost"+c.path, strings.NewReader(c.body))
			route, params, err := router.FindRoute(vreq)
			if err != nil {
				return // undocumented route: only the 404 case
			}
			in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true}}
			out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
				Body: io.NopCloser(bytes.NewReader(body)), Options: &openapi3filter.Options{IncludeResponseStatus: true}}
			if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
				t.Errorf("response does not match the OpenAPI document: %v", err)
			}
		})
	}
}
