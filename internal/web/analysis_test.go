package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// finishBirth receives a birth registration at the desk of Tiên Du and takes it through its workflow
// to the result, as the officers would; it returns the dossier's code.
func finishBirth(t *testing.T, s *site) string {
	t.Helper()
	desk := s.login(t, "tiepnhan")
	status, loc, _ := desk.post("/dossiers", birthForm())
	if status != http.StatusSeeOther {
		t.Fatalf("receive: %d", status)
	}
	_, _, body := desk.get(loc)
	m := receivedNote.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no reception notice")
	}
	code := m[1]
	for _, st := range []struct {
		as, action string
		form       url.Values
	}{
		{"tiepnhan", "transfer", nil},
		{"truongphong", "assign", url.Values{"assignee": {"chuyenvien"}}},
		{"chuyenvien", "complete_step", nil},
		{"lanhdao", "complete_step", nil},
		{"vanthuxa", "result_ready", url.Values{"result_name": {"Giấy khai sinh"}, "result_number": {"15/GKS"}}},
	} {
		c := s.login(t, st.as)
		_, _, page := c.get("/dossiers/" + code)
		v := versionField.FindStringSubmatch(page)
		if v == nil {
			t.Fatalf("%s sees no action form", st.as)
		}
		form := url.Values{"version": {v[1]}}
		for k, x := range st.form {
			form[k] = x
		}
		if status, _, body := c.post("/dossiers/"+code+"/act/"+st.action, form); status != http.StatusSeeOther {
			t.Fatalf("%s %s: %d\n%s", st.as, st.action, status, body)
		}
	}
	return code
}

// The analysis pages show the Decision 766 index with its formulas, the processing time, the ranking
// and the bottlenecks of a dossier taken to its result, and refuse bad periods and other officers.
func TestAnalysisPages(t *testing.T) {
	s := newDossierSite(t)
	finishBirth(t, s)
	year := time.Now().Format("2006") + "-01-01"
	today := time.Now().Format("2006-01-02")
	commune := url.Values{"unit": {"000.31.21.H06"}, "from": {year}, "to": {today}}.Encode()
	province := url.Values{"unit": {"000.00.00.H06"}, "from": {year}, "to": {today}}.Encode()
	backwards := url.Values{"unit": {"000.31.21.H06"}, "from": {today}, "to": {year}}.Encode()
	badDate := url.Values{"unit": {"000.31.21.H06"}, "from": {"2026-13-45"}, "to": {today}}.Encode()
	var cases []scenario
	for _, page := range []string{"/reports/indicators", "/reports/processing-time", "/reports/ranking", "/reports/bottlenecks"} {
		cases = append(cases,
			scenario{name: page + " backwards period", as: "lanhdao", method: "GET", path: page + "?" + backwards, status: 400,
				contains: []string{"Ngày kết thúc kỳ phân tích phải từ ngày bắt đầu trở đi.", `id="to" name="to" type="date" value="` + year + `" aria-invalid="true"`}},
			scenario{name: page + " bad date", as: "lanhdao", method: "GET", path: page + "?" + badDate, status: 400, contains: []string{`value="2026-13-45" aria-invalid="true"`}},
			scenario{name: page + " reception has no reports", as: "tiepnhan", method: "GET", path: page, status: 403},
			scenario{name: page + " another commune", as: "kinhbac", method: "GET", path: page + "?" + commune, status: 403},
			scenario{name: page + " unknown unit", as: "quantri", method: "GET", path: page + "?unit=000.99.99.H06", status: 400, contains: []string{"000.99.99.H06"}},
		)
	}
	cases = append(cases,
		scenario{name: "nav", as: "lanhdao", method: "GET", path: "/", status: 200, contains: []string{`href="/reports/indicators"`, "Phân tích"}},
		scenario{name: "indicators with formulas", as: "lanhdao", method: "GET", path: "/reports/indicators?" + commune, status: 200, contains: []string{
			"Chỉ số chất lượng phục vụ (Quyết định 766/QĐ-TTg)", "Tiến độ giải quyết", "[(8) &#43; (9)] / (7) = 1 / 1 = 100,00%",
			"100,00% × 12 / 100%, tối đa 12 điểm", "<td class=\"num\">12,00</td>", "Hồ sơ nộp trực tuyến", "0 / 1 = 0,00%",
			"Mức độ hài lòng của người dân, doanh nghiệp", "<em>chưa có dữ liệu</em>", "Không chấm", "finished_from=" + year}},
		scenario{name: "processing time", as: "lanhdao", method: "GET", path: "/reports/processing-time?" + commune + "&sort=count&desc=1", status: 200, contains: []string{
			"Thời gian giải quyết trung bình theo thủ tục", "9.990002", "Đăng ký khai sinh", "procedure=9.990002", `aria-sort="descending"`, "Tổng cộng"}},
		scenario{name: "ranking of the province", as: "quantri", method: "GET", path: "/reports/ranking?" + province, status: 200, contains: []string{
			"Xếp hạng tỷ lệ giải quyết đúng hạn", `<td class="num">1</td><td>Xã Tiên Du`, "100,00%", `<td class="num">2</td><td>Phường Kinh Bắc`, "—"}},
		scenario{name: "ranking of communes", as: "quantri", method: "GET", path: "/reports/ranking?" + province + "&level=commune", status: 200, contains: []string{"Xã Tiên Du", "Phường Kinh Bắc"}},
		scenario{name: "ranking bad level", as: "quantri", method: "GET", path: "/reports/ranking?" + province + "&level=hamlet", status: 400, contains: []string{"Cấp xếp hạng “hamlet” không hợp lệ."}},
		scenario{name: "bottlenecks", as: "lanhdao", method: "GET", path: "/reports/bottlenecks?" + commune, status: 200, contains: []string{
			"Điểm nghẽn trong quy trình xử lý", "1 hồ sơ kết thúc xử lý trong kỳ, trong đó 0 hồ sơ quá hạn.", "Bước 1: Tiếp nhận, kiểm tra",
			"Bước 2: Thẩm định, ghi sổ hộ", "Chuyên viên xử lý", "chuyenvien", "Không có hồ sơ quá hạn nào vượt định mức ở một bước."}},
		scenario{name: "switch to English", as: "lanhdao", method: "GET", path: "/lang/en?next=/", status: 303},
		scenario{name: "indicators in English", as: "lanhdao", method: "GET", path: "/reports/indicators?" + commune,
			status: 200, contains: []string{"Service-quality index", "[(8) &#43; (9)] / (7) = 1 / 1 = 100.00%", "no data yet"}},
	)
	runScenarios(t, s, cases)
}
