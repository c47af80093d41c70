package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
)

// sampleCatalog reads the sample catalog file the procedure package tests with.
func sampleCatalog(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../procedure/testdata/catalog-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// withSample loads the sample catalog through the service: 8 commune procedures, applied by both communes.
func withSample(t *testing.T, s *site) {
	t.Helper()
	_, results, err := s.cat.Import(context.Background(), account.System("test"), "catalog-sample.json", sampleCatalog(t), nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Action != catalog.Created {
			t.Fatalf("sample row %d %s: %s %v", r.Row, r.Code, r.Action, r.Problems)
		}
	}
}

func TestPublicCatalog(t *testing.T) {
	s := newSite(t)
	withSample(t, s)
	runScenarios(t, s, []scenario{
		{name: "search without accents finds the accented name", method: "GET", path: "/procedures?q=dang+ky+khai+sinh", status: 200,
			contains: []string{"Đăng ký khai sinh", `href="/procedures/9.990002"`, "1 thủ tục", "Miễn phí", "Trong ngày làm việc"},
			absent:   []string{"Đăng ký kết hôn"}},
		{name: "đ matches d, capitals too", method: "GET", path: "/procedures?q=" + url.QueryEscape("ĐANG KY KET HON"), status: 200,
			contains: []string{"Đăng ký kết hôn", "1 thủ tục"}},
		{name: "search by code", method: "GET", path: "/procedures?q=2.000635", status: 200, contains: []string{"Cấp bản sao trích lục hộ tịch", "8.000 ₫/bản"}},
		{name: "every published procedure of a commune", method: "GET", path: "/procedures?unit=000.31.21.H06", status: 200,
			contains: []string{"8 thủ tục", "Xã Tiên Du", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "15 ngày", "3 ngày làm việc", "100.000 ₫"}},
		{name: "the province applies none of them", method: "GET", path: "/procedures?unit=000.00.00.H06", status: 200, contains: []string{"0 thủ tục"}},
		{name: "filter by field", method: "GET", path: "/procedures?field=" + url.QueryEscape("Hộ tịch"), status: 200,
			contains: []string{"4 thủ tục", "Xác nhận tình trạng hôn nhân"}, absent: []string{"Cấp bản sao từ sổ gốc"}},
		{name: "filter by level", method: "GET", path: "/procedures?level=province", status: 200, contains: []string{"0 thủ tục"}},
		{name: "the header links the catalog for everyone", method: "GET", path: "/login", status: 200,
			contains: []string{`href="/procedures"`, "Thủ tục hành chính"}},
		{name: "procedure page", method: "GET", path: "/procedures/2.000635", status: 200,
			contains: []string{"<h1>Cấp bản sao trích lục hộ tịch</h1>", "8.000 ₫/bản", "Phí cấp bản sao trích lục", "Trực tuyến", "Bưu chính",
				"Trong ngày làm việc", "Hồ sơ nhận sau 15:00", "Tờ khai cấp bản sao trích lục hộ tịch", "60/2014/QH13", "Luật Hộ tịch",
				"Toàn trình", "Nơi tiếp nhận hồ sơ", "Xã Tiên Du", "Phường Kinh Bắc", "Bản sao trích lục hộ tịch"},
			absent: []string{"Lịch sử phiên bản"}},
		{name: "working days and calendar days", method: "GET", path: "/procedures/9.990006", status: 200,
			contains: []string{"15 ngày", "75.000 ₫"}},
		{name: "unknown procedure", method: "GET", path: "/procedures/9.999999", status: 404, contains: []string{"Không tìm thấy thủ tục 9.999999."}},
		{name: "posting sheet of a commune", method: "GET", path: "/procedures/posting?unit=000.31.21.H06", status: 200,
			contains: []string{"Danh mục thủ tục hành chính thực hiện tại Xã Tiên Du", "8 thủ tục", `scope="rowgroup">Hộ tịch<`, `scope="rowgroup">Chứng thực<`,
				"Đăng ký khai sinh", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Trực tiếp: 3 ngày làm việc", "100.000 ₫", `class="row no-print"`}},
		{name: "posting sheet picker", method: "GET", path: "/procedures/posting", status: 200, contains: []string{"— Chọn đơn vị —"}},
		{name: "posting sheet of an unknown unit", method: "GET", path: "/procedures/posting?unit=000.99.99.H06", status: 404},
		{name: "print styles", method: "GET", path: "/static/style.css", status: 200, contains: []string{"@media print", "size: A4"}},
		{name: "staff see the history link", as: "tiepnhan", method: "GET", path: "/procedures/2.000635", status: 200,
			contains: []string{`href="/admin/procedures/2.000635"`, "Lịch sử phiên bản"}},
		{name: "English", method: "GET", path: "/lang/en?next=/procedures/2.000635", status: 303},
		{name: "English fees", method: "GET", path: "/procedures/2.000635", status: 200,
			contains: []string{"8,000 VND/bản", "Same working day", "Where to file"}},
	})
}

// reviewID finds the id of the first review of a procedure on its staff page.
var reviewAction = regexp.MustCompile(`action="/admin/procedures/[0-9.A-Z]+/reviews/(\d+)"`)

func TestProcedureEditing(t *testing.T) {
	s := newSite(t)
	withSample(t, s)
	good := url.Values{"code": {"1.000001.H06"}, "name": {"Xác nhận thử nghiệm"}, "field_name": {"Hộ tịch"}, "levels": {"commune"},
		"subjects": {"citizen"}, "competent": {"UBND cấp xã\n\nCông an xã"}, "supplement_policy": {"restart"},
		"channels[0].channel": {"in_person"}, "channels[0].time": {"3"}, "channels[0].unit": {"WORKING_DAY"},
		"channels[0].fees[0].name": {"Lệ phí"}, "channels[0].fees[0].amount_vnd": {"15.000"},
		"channels[1].channel": {""}, "channels[1].time": {""}, "channels[1].unit": {""},
		"components[0].name": {"Tờ khai"}, "components[0].originals": {"1"}, "components[0].mandatory": {"on"},
		"components[1].name": {""}, "legal_basis[0].number": {"60/2014/QH13"}, "legal_basis[0].name": {"Luật Hộ tịch"},
		"workflow[0].step": {"Tiếp nhận"}, "workflow[0].role": {"reception"}, "workflow[0].hours": {"4"}}
	bad := url.Values{"code": {"2-000"}, "name": {"Thủ tục thử"}, "levels": {"commune"},
		"channels[0].channel": {""}, "channels[0].time": {""},
		"channels[1].channel": {"in_person"}, "channels[1].time": {"3"}, "channels[1].unit": {"WORKING_DAY"},
		"channels[1].fees[0].name": {""}, "channels[1].fees[0].amount_vnd": {""},
		"channels[1].fees[1].name": {"Phí"}, "channels[1].fees[1].amount_vnd": {"-5000"}}
	unreadable := url.Values{"code": {"1.000002"}, "name": {"Thử"}, "channels[0].channel": {"in_person"}, "channels[0].time": {"ba"},
		"channels[0].unit": {"WORKING_DAY"}, "components[0].name": {"Đơn"}, "components[0].originals": {"hai"}}
	edited := url.Values{}
	for k, v := range good {
		edited[k] = v
	}
	edited.Set("effective_from", "2030-01-01")
	edited.Set("channels[0].time", "5")
	edited.Set("channels[0].fees[0].amount_vnd", "20000")
	const code = "/admin/procedures/1.000001.H06"
	runScenarios(t, s, []scenario{
		{name: "staff list for any officer", as: "tiepnhan", method: "GET", path: "/admin/procedures", status: 200,
			contains: []string{"Quản lý danh mục thủ tục", "Cấp bản sao trích lục hộ tịch", "Đang công bố"}, absent: []string{"Thêm thủ tục"}},
		{name: "nav item", as: "tiepnhan", method: "GET", path: "/", status: 200, contains: []string{`href="/admin/procedures"`, ">Thủ tục<"}},
		{name: "reception officer cannot open the editor", as: "tiepnhan", method: "GET", path: "/admin/procedures/new", status: 403},
		{name: "reception officer cannot create", as: "tiepnhan", method: "POST", path: "/admin/procedures", form: good, status: 403},
		{name: "reception officer cannot publish", as: "tiepnhan", method: "POST", path: "/admin/procedures/2.000635/abolish",
			form: url.Values{"from": {"2030-01-01"}}, status: 403},
		{name: "anonymous visitors go to login", method: "GET", path: "/admin/procedures/new", status: 303, location: "/login"},
		{name: "editor form", as: "quantri", method: "GET", path: "/admin/procedures/new", status: 200,
			contains: []string{`name="channels[0].fees[0].amount_vnd"`, `name="components[2].name"`, `name="workflow[2].hours"`, `value="commune" checked`}},
		{name: "bad code and negative fee: both named, values kept", as: "quantri", method: "POST", path: "/admin/procedures", form: bad, status: 400,
			contains: []string{"Mã thủ tục “2-000” không đúng dạng", "Phí, lệ phí không được âm (-5000).", `value="2-000"`, `value="Thủ tục thử"`, `value="-5000"`,
				`id="f-channels-1-fees-1-amount_vnd-err"`, "Cách thức thực hiện, thời hạn, phí và lệ phí, dòng 2, phí 2 (số tiền)"}},
		{name: "unreadable numbers", as: "quantri", method: "POST", path: "/admin/procedures", form: unreadable, status: 400,
			contains: []string{"“hai” phải là số nguyên.", "“ba” phải là số nguyên.", `value="hai"`}},
		{name: "controller creates a draft", as: "kiemsoat", method: "POST", path: "/admin/procedures", form: good, status: 303, location: code},
		{name: "duplicate code", as: "kiemsoat", method: "POST", path: "/admin/procedures", form: good, status: 409,
			contains: []string{"Mã thủ tục 1.000001.H06 đã có trong danh mục."}},
		{name: "a draft is not public", method: "GET", path: "/procedures/1.000001.H06", status: 404},
		{name: "draft page", as: "kiemsoat", method: "GET", path: code + "?notice=notice.procedure_created", status: 200,
			contains: []string{"Đã tạo bản dự thảo thủ tục.", "Dự thảo", "Sửa bản dự thảo", "Phiên bản đầu tiên"}},
		{name: "inspector cannot see drafts", as: "thanhtra", method: "GET", path: code, status: 404},
		{name: "publish", as: "kiemsoat", method: "POST", path: code + "/publish", form: url.Values{}, status: 303, location: code},
		{name: "now public", method: "GET", path: "/procedures/1.000001.H06", status: 200,
			contains: []string{"Xác nhận thử nghiệm", "15.000 ₫", "3 ngày làm việc", "UBND cấp xã; Công an xã", "Chưa có đơn vị nào áp dụng"}},
		{name: "no edit without a draft", as: "kiemsoat", method: "GET", path: code + "/edit", status: 409},
		{name: "open version 2", as: "kiemsoat", method: "POST", path: code + "/draft", form: url.Values{"effective_from": {"2030-01-01"}}, status: 303},
		{name: "edit form holds the values", as: "kiemsoat", method: "GET", path: code + "/edit", status: 200,
			contains: []string{`value="15000"`, `value="1.000001.H06" readonly`, "phiên bản 2 (dự thảo)", `name="channels[0].fees[1].name"`}},
		{name: "edit the draft", as: "kiemsoat", method: "POST", path: code + "/edit", form: edited, status: 303, location: code},
		{name: "publish version 2", as: "kiemsoat", method: "POST", path: code + "/publish", form: url.Values{}, status: 303},
		{name: "history shows the change", as: "kiemsoat", method: "GET", path: code, status: 200,
			contains: []string{"Đã được sửa đổi", "Đang công bố", "01/01/2030", "Trực tiếp — Thời hạn giải quyết",
				"<del>3 Ngày làm việc</del>", "<ins>5 Ngày làm việc</ins>", "15000 VND", "20000 VND"}},
		{name: "apply to a commune", as: "kiemsoat", method: "POST", path: code + "/apply", form: url.Values{"units": {"000.31.21.H06"}}, status: 303},
		{name: "apply with nothing chosen", as: "kiemsoat", method: "POST", path: code + "/apply", form: url.Values{}, status: 400,
			contains: []string{"Trường này là bắt buộc."}},
		{name: "public page shows the new version and where", method: "GET", path: "/procedures/1.000001.H06", status: 200,
			contains: []string{"20.000 ₫", "5 ngày làm việc", "Xã Tiên Du"}},
		{name: "stop applying", as: "kiemsoat", method: "POST", path: code + "/unapply", form: url.Values{"unit": {"000.31.21.H06"}}, status: 303},
		{name: "bad abolition date", as: "kiemsoat", method: "POST", path: code + "/abolish", form: url.Values{"from": {"31/02/2030"}}, status: 400,
			contains: []string{"Ngày không hợp lệ"}},
		{name: "abolition before the version took effect", as: "kiemsoat", method: "POST", path: code + "/abolish", form: url.Values{"from": {"2029-01-01"}},
			status: 400, contains: []string{"Ngày bãi bỏ 2029-01-01 phải sau ngày có hiệu lực 2030-01-01."}},
		{name: "abolish", as: "kiemsoat", method: "POST", path: code + "/abolish", form: url.Values{"from": {"2030-06-01"}}, status: 303},
		{name: "abolished publicly", method: "GET", path: "/procedures/1.000001.H06", status: 200, contains: []string{"đã bị bãi bỏ từ ngày 01/06/2030"}},
		{name: "listed until the day it ends", method: "GET", path: "/procedures?q=xac+nhan+thu+nghiem", status: 200,
			contains: []string{"1 thủ tục", "bãi bỏ từ 01/06/2030"}},
		{name: "staff list shows it abolished", as: "kiemsoat", method: "GET", path: "/admin/procedures?q=thu+nghiem", status: 200,
			contains: []string{"Đã bãi bỏ"}},
		{name: "every version", as: "kiemsoat", method: "GET", path: "/admin/procedures?q=thu+nghiem&status=all", status: 200,
			contains: []string{"2 phiên bản", "Đã được sửa đổi"}},
		{name: "English", as: "kiemsoat", method: "GET", path: "/lang/en?next=/", status: 303},
		{name: "English history", as: "kiemsoat", method: "GET", path: code, status: 200,
			contains: []string{"Versions", "In person — Processing time", "Abolished"}, absent: []string{"proc.", "notice."}},
		{name: "English editor", as: "quantri", method: "GET", path: "/lang/en?next=/", status: 303},
		{name: "English editor form", as: "quantri", method: "GET", path: "/admin/procedures/new", status: 200,
			contains: []string{"Add procedure", "Dossier components", "Internal workflow"}, absent: []string{"proc."}},
		{name: "English list", as: "quantri", method: "GET", path: "/admin/procedures?status=all", status: 200, absent: []string{"proc."}},
		{name: "English due", as: "quantri", method: "GET", path: "/admin/procedures/review-due", status: 200,
			contains: []string{"Never reviewed."}, absent: []string{"proc."}},
		{name: "English catalog", method: "GET", path: "/lang/en?next=/procedures", status: 303},
		{name: "English public list", method: "GET", path: "/procedures", status: 200, contains: []string{"9 procedures"}, absent: []string{"proc."}},
		{name: "English posting", method: "GET", path: "/procedures/posting?unit=000.31.21.H06", status: 200, absent: []string{"proc."}},
	})
}

func TestProcedureReviews(t *testing.T) {
	s := newSite(t)
	withSample(t, s)
	c := s.login(t, "kiemsoat")
	const page = "/admin/procedures/2.000635"
	st, _, body := c.get("/admin/procedures/review-due")
	if st != 200 || strings.Count(body, "Chưa được rà soát lần nào.") != 8 {
		t.Fatalf("review-due: %d, %d never reviewed", st, strings.Count(body, "Chưa được rà soát lần nào."))
	}
	today := time.Now().Format("2006-01-02")
	if st, _, body := c.post(page+"/reviews", url.Values{"reviewer": {""}, "date": {today}, "proposal": {"amend"},
		"estimated_savings_vnd": {"-1"}, "new_legal_docs": {"1, ,2"}}); st != 400 || !strings.Contains(body, "Chi phí tiết kiệm không được âm (-1).") {
		t.Fatalf("bad review: %d", st)
	}
	if st, loc, _ := c.post(page+"/reviews", url.Values{"reviewer": {"Trần Thị Soát"}, "date": {today}, "proposal": {"amend"},
		"findings": {"Thành phần hồ sơ còn yêu cầu giấy tờ đã có trong CSDL dân cư"}, "estimated_savings_vnd": {"1.250.000"},
		"new_legal_docs": {"07/2025/TT-BTP"}}); st != 303 || !strings.Contains(loc, "notice.review_saved") {
		t.Fatalf("review: %d %s", st, loc)
	}
	_, _, body = c.get(page)
	m := reviewAction.FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "1.250.000 ₫") || !strings.Contains(body, "07/2025/TT-BTP") {
		t.Fatalf("review not shown:\n%s", body)
	}
	for _, to := range []string{"submitted", "accepted"} {
		if st, loc, body := c.post(page+"/reviews/"+m[1], url.Values{"to": {to}}); st != 303 {
			t.Fatalf("move to %s: %d %s %s", to, st, loc, body)
		}
	}
	if st, _, body := c.post(page+"/reviews/"+m[1], url.Values{"to": {"draft"}}); st != 400 || !strings.Contains(body, "Không thể chuyển kết quả rà soát") {
		t.Fatalf("final review moved: %d", st)
	}
	_, _, body = c.get(page)
	for _, want := range []string{"Được chấp nhận", "Bản dự thảo phiên bản 2", "Sửa bản dự thảo"} {
		if !strings.Contains(body, want) {
			t.Errorf("after acceptance the page lacks %q", want)
		}
	}
	// A legal text issued after the review makes the procedure due again.
	tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
	if st, _, body := c.post("/admin/procedures/legal-documents", url.Values{"number": {""}, "name": {"X"}, "date": {"hôm qua"}}); st != 400 ||
		!strings.Contains(body, "Ngày không hợp lệ") || !strings.Contains(body, "Trường này là bắt buộc.") {
		t.Fatalf("bad legal document: %d", st)
	}
	if st, _, _ := c.post("/admin/procedures/legal-documents", url.Values{"number": {"123/2015/NĐ-CP"}, "name": {"Nghị định sửa đổi"},
		"date": {tomorrow}, "issuer": {"Chính phủ"}}); st != 303 {
		t.Fatalf("legal document: %d", st)
	}
	_, _, body = c.get("/admin/procedures/review-due")
	if !strings.Contains(body, "Văn bản 123/2015/NĐ-CP ban hành/có hiệu lực ngày") || !strings.Contains(body, "Nghị định sửa đổi") {
		t.Fatalf("due list lacks the legal reason:\n%s", body)
	}
	if st, _, _ := s.login(t, "tiepnhan").post("/admin/procedures/legal-documents", url.Values{"number": {"1/2026/NĐ-CP"}, "name": {"X"}}); st != 403 {
		t.Fatalf("reception recorded a legal document: %d", st)
	}
}

// upload posts a multipart form with one file, as a browser does.
func (c *client) upload(path string, fields map[string]string, filename string, data []byte) (int, string, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf", c.csrf)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, err := http.NewRequest("POST", c.base+path, &buf)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

func TestCatalogImportExport(t *testing.T) {
	s := newSite(t)
	c := s.login(t, "quantri")
	sample := sampleCatalog(t)
	st, _, body := c.upload("/admin/procedures/import", nil, "catalog-sample.json", sample)
	if st != 200 || !strings.Contains(body, `id="count-created">8<`) || !strings.Contains(body, "Đăng ký khai sinh") {
		t.Fatalf("first import: %d\n%s", st, body)
	}
	st, _, body = c.upload("/admin/procedures/import", nil, "catalog-sample.json", sample)
	if st != 200 || !strings.Contains(body, `id="count-unchanged">8<`) || !strings.Contains(body, `id="count-created">0<`) {
		t.Fatalf("second import: %d\n%s", st, body)
	}
	broken := []byte(`{"procedures":[{"code":"9.990099","name":"Thủ tục lỗi","channels":[{"channel":"in_person","time":2,"unit":"WEEK","fees":[{"name":"Phí","amount_vnd":-1}]}]}]}`)
	st, _, body = c.upload("/admin/procedures/import", map[string]string{"apply_to": "000.31.21.H06"}, "broken.json", broken)
	if st != 200 || !strings.Contains(body, `id="count-rejected">1<`) || !strings.Contains(body, "Phí, lệ phí không được âm (-1).") ||
		!strings.Contains(body, "channels[0].unit") {
		t.Fatalf("broken import: %d\n%s", st, body)
	}
	if st, _, body := c.upload("/admin/procedures/import", map[string]string{"apply_to": "000.99.99.H06"}, "catalog-sample.json", sample); st != 400 ||
		!strings.Contains(body, "Không tìm thấy đơn vị có mã 000.99.99.H06.") {
		t.Fatalf("unknown unit: %d", st)
	}
	if st, _, body := c.upload("/admin/procedures/import", nil, "notes.txt", []byte("hello")); st != 400 || !strings.Contains(body, "Không đọc được tệp") {
		t.Fatalf("unreadable file: %d", st)
	}
	if st, _, _ := s.login(t, "tiepnhan").upload("/admin/procedures/import", nil, "catalog-sample.json", sample); st != 403 {
		t.Fatalf("reception imported: %d", st)
	}
	for _, tc := range []struct{ format, contentType, magic string }{
		{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
		{"json", "application/json; charset=utf-8", `"procedures"`},
	} {
		req, _ := http.NewRequest("GET", s.URL+"/admin/procedures/export?format="+tc.format, nil)
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != tc.contentType || !bytes.Contains(b[:min(len(b), 200)], []byte(tc.magic)) ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), "danh-muc-tthc-") {
			t.Fatalf("export %s: %d %s", tc.format, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	if st, _, _ := c.get("/admin/procedures/export?format=pdf"); st != 400 {
		t.Fatalf("export pdf: %d", st)
	}
}
