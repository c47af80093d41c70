package web_test

import (
	"context"
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/processing"
)

// cellLink is a figure of a dashboard table with the link to its dossiers.
var cellLink = regexp.MustCompile(`<td class="num"><a href="([^"]+)">([^<]+)</a></td>`)

// listed is the count a filtered queue announces and the dossiers it lists.
var (
	listedCount = regexp.MustCompile(`Danh sách hồ sơ theo số liệu báo cáo: (\d+) hồ sơ\.`)
	listedRow   = regexp.MustCompile(`<td><a href="/dossiers/[^"]+">`)
)

// The dashboard draws its charts as inline SVG, and every figure links to exactly the dossiers
// behind it.
func TestDashboard(t *testing.T) {
	s := newDossierSite(t)
	ctx := context.Background()
	u, _, err := s.svc.Store.UserByUsername(ctx, "tiepnhan")
	if err != nil {
		t.Fatal(err)
	}
	desk := u.Principal()
	now := time.Now()
	receive := func(code, channel string, at time.Time) dossier.Dossier {
		t.Helper()
		proc, err := s.cat.InForce(ctx, code, at)
		if err != nil {
			t.Fatal(err)
		}
		var papers []dossier.Paper
		for _, c := range proc.Components {
			papers = append(papers, dossier.Paper{Name: c.Name, Originals: max(1, c.Originals)})
		}
		d, err := s.dossiers.Receive(ctx, desk, processing.ReceiveInput{ProcedureCode: code, UnitCode: "000.31.21.H06", Channel: channel, ReturnMethod: "desk",
			Applicant:  dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Nguyễn Thị Lan", IDNumber: "027190001234", Phone: "0912345678", Address: "Thôn Lạc Vệ"},
			Components: papers}, at)
		if err != nil {
			t.Fatalf("receive at %v: %v", at, err)
		}
		return d
	}
	receive("9.990002", "in_person", now.Add(-time.Minute))
	receive("2.000635", "postal", now.Add(-time.Hour))
	receive("9.990002", "in_person", now.AddDate(0, 0, -8))
	receive("9.990002", "in_person", now.AddDate(0, 0, -30))
	// One withdrawn and stopped a little later: finished, classified against its appointment.
	w := receive("9.990002", "in_person", now.AddDate(0, 0, -3))
	for _, a := range []struct {
		act  dossier.Action
		body map[string]any
	}{
		{dossier.ActRequestWithdrawal, map[string]any{"reason": "Công dân xin rút hồ sơ"}},
		{dossier.ActStop, map[string]any{"decision": "Thông báo dừng giải quyết số 1/TB", "refunds": "Trả lại giấy tờ"}},
	} {
		body, _ := json.Marshal(a.body)
		var err error
		if w, err = s.dossiers.Act(ctx, desk, w.Code, a.act, 0, body, now.AddDate(0, 0, -3).Add(time.Hour)); err != nil {
			t.Fatalf("%s: %v", a.act, err)
		}
	}

	c := s.login(t, "thanhtra")
	status, _, body := c.get("/reports/dashboard?unit=000.00.00.H06&subtree=1")
	if status != 200 {
		t.Fatalf("dashboard: %d", status)
	}
	for _, want := range []string{`<svg class="chart"`, `role="group"`, `<title id="rate-title">Tỷ lệ giải quyết đúng hạn theo tháng</title>`,
		`<title id="received-title">Hồ sơ tiếp nhận theo kênh và tháng</title>`, `<title id="backlog-title">Hồ sơ đang giải quyết theo số ngày kể từ khi tiếp nhận</title>`,
		`<desc id="backlog-desc">`, `viewBox="0 0 480 300"`, "≤ 5 ngày", "6–10 ngày", "&gt; 20 ngày", `href="/reports/bottlenecks"`, "Bảng số liệu"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	cells := cellLink.FindAllStringSubmatch(body, -1)
	if len(cells) < 12*3+4*2 {
		t.Fatalf("only %d linked figures", len(cells))
	}
	var checked, total int
	for _, m := range cells {
		href, text := html.UnescapeString(m[1]), m[2]
		linked := strings.Contains(body, `<a href="`+m[1]+`" aria-label=`)
		if !linked && text != "0" {
			t.Errorf("the figure %s (%s) is not linked from the chart", href, text)
		}
		if strings.HasSuffix(text, "%") { // a rate: its dossiers are those finished that month
			_, _, list := c.get(href)
			if n := listedCount.FindStringSubmatch(list); n == nil || n[1] == "0" {
				t.Errorf("rate %s links to no dossiers: %s", text, href)
			}
			continue
		}
		want, err := strconv.Atoi(strings.ReplaceAll(text, ".", ""))
		if err != nil {
			t.Fatalf("figure %q", text)
		}
		if want == 0 && checked > 8 {
			continue
		}
		st, _, list := c.get(href)
		n := listedCount.FindStringSubmatch(list)
		if st != 200 || n == nil || n[1] != strconv.Itoa(want) || len(listedRow.FindAllString(list, -1)) != want {
			t.Errorf("%s: the figure says %d, the list (%d) says %v with %d rows", href, want, st, n, len(listedRow.FindAllString(list, -1)))
		}
		checked++
		total += want
	}
	if checked == 0 || total == 0 {
		t.Errorf("no figure checked (%d, total %d)", checked, total)
	}
	// The backlog's figures: today's two (in person, postal) and the one of 8 days are within their deadline
	// or not, the one of 30 days in the last bar; the stopped one is not pending.
	backlog := body[strings.Index(body, `id="chart-backlog"`):]
	var pending int
	for _, m := range cellLink.FindAllStringSubmatch(backlog, -1) {
		n, _ := strconv.Atoi(m[2])
		pending += n
	}
	if pending != 4 {
		t.Errorf("backlog total %d, want 4", pending)
	}

	bad := []struct{ path, want string }{
		{"/dossiers?received_from=2026-13-01", "không hợp lệ"},
		{"/dossiers?channel=fax", "Kênh tiếp nhận “fax” không hợp lệ"},
		{"/dossiers?timeliness=soon", "Kết quả đúng hạn “soon” không hợp lệ"},
		{"/dossiers?unit=000.99.99.H06", "000.99.99.H06"},
	}
	for _, b := range bad {
		st, _, page := c.get(b.path)
		if st != 400 || !strings.Contains(page, b.want) {
			t.Errorf("%s: %d, want 400 with %q", b.path, st, b.want)
		}
	}
	if st, _, _ := s.login(t, "tiepnhan").get("/reports/dashboard"); st != 403 {
		t.Errorf("reception sees the dashboard: %d", st)
	}
	if st, _, page := c.get("/reports/dashboard?unit=000.99.99.H06"); st != 400 || !strings.Contains(page, "000.99.99.H06") {
		t.Errorf("unknown unit: %d", st)
	}
}
