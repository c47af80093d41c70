package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/processing"
)

// followWorld drives dossiers of the site through the processing service, as the desk would.
type followWorld struct {
	t     *testing.T
	s     *site
	staff map[string]account.Principal
}

func newFollowWorld(t *testing.T) followWorld {
	t.Helper()
	s := newDossierSite(t)
	w := followWorld{t: t, s: s, staff: map[string]account.Principal{}}
	for _, name := range []string{"tiepnhan", "truongphong", "chuyenvien", "lanhdao", "vanthuxa"} {
		u, _, err := s.svc.Store.UserByUsername(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		w.staff[name] = u.Principal()
	}
	return w
}

func (w followWorld) act(who, code string, action dossier.Action, body any, at time.Time) dossier.Dossier {
	w.t.Helper()
	b, _ := json.Marshal(body)
	d, err := w.s.dossiers.Act(context.Background(), w.staff[who], code, action, 0, b, at)
	if err != nil {
		w.t.Fatalf("%s %s: %v", who, action, err)
	}
	return d
}

// receive records a business registration (9.990005: three working days, restart after a
// supplement) received at, transferred and assigned.
func (w followWorld) receive(at time.Time) dossier.Dossier {
	w.t.Helper()
	ctx := context.Background()
	proc, err := w.s.cat.InForce(ctx, "9.990005", at)
	if err != nil {
		w.t.Fatal(err)
	}
	var papers []dossier.Paper
	for _, c := range proc.Components {
		papers = append(papers, dossier.Paper{Name: c.Name, Originals: c.Originals, Copies: c.Copies, CertifiedCopies: c.CertifiedCopies})
	}
	d, err := w.s.dossiers.Receive(ctx, w.staff["tiepnhan"], processing.ReceiveInput{ProcedureCode: proc.Code, UnitCode: "000.31.21.H06",
		Channel: "in_person", Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Trần Văn Bình", IDNumber: "027090004321", Phone: "0987654321"},
		Components: papers, ReturnMethod: "desk"}, at)
	if err != nil {
		w.t.Fatal(err)
	}
	w.act("tiepnhan", d.Code, dossier.ActTransfer, map[string]any{}, at.Add(time.Minute))
	w.act("truongphong", d.Code, dossier.ActAssign, map[string]any{"assignee": "chuyenvien"}, at.Add(2*time.Minute))
	return d
}

// returned walks a dossier received at to its hand-over at the desk.
func (w followWorld) returned(at time.Time) dossier.Dossier {
	w.t.Helper()
	d := w.receive(at)
	who := map[string]string{"specialist": "chuyenvien", "head": "truongphong", "leader": "lanhdao", "clerk": "vanthuxa"}
	for i := 0; i < 10; i++ {
		cur, _, err := w.s.dossiers.Get(context.Background(), w.staff["tiepnhan"], d.Code)
		if err != nil {
			w.t.Fatal(err)
		}
		if cur.CurrentStep() < 0 || who[cur.Steps[cur.CurrentStep()].Role] == "" {
			break
		}
		w.act(who[cur.Steps[cur.CurrentStep()].Role], d.Code, dossier.ActCompleteStep, map[string]any{}, at.Add(time.Duration(i+3)*time.Minute))
	}
	w.act("vanthuxa", d.Code, dossier.ActResultReady, map[string]any{"results": []map[string]any{{"name": "Giấy chứng nhận đăng ký hộ kinh doanh"}}}, at.Add(20*time.Minute))
	return w.act("tiepnhan", d.Code, dossier.ActReturn, map[string]any{"method": "desk"}, at.Add(30*time.Minute))
}

func shadedPNG(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	img.Pix[0] = shade
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The lookup page shows who holds a dossier and why its appointment moved; the applicant answers a
// supplement request on it with real uploads, and bad uploads keep what was typed and store nothing.
func TestLookupFollowAndSupplementOnline(t *testing.T) {
	w := newFollowWorld(t)
	base := time.Now().Add(-6 * time.Hour)
	d := w.receive(base)
	w.act("truongphong", d.Code, dossier.ActReschedule, map[string]any{"reason": "Chờ xác minh địa điểm kinh doanh",
		"new_due_at": d.DueAt.Add(72 * time.Hour)}, base.Add(5*time.Minute))
	lookup := "/lookup?" + url.Values{"code": {d.Code}, "secret": {d.LookupSecret}}.Encode()
	runScenarios(t, w.s, []scenario{
		{name: "office and apology", method: "GET", path: lookup, status: 200,
			contains: []string{"Nơi đang giữ hồ sơ", "Đang xử lý tại Xã Tiên Du", "Thẩm định hồ sơ", "Thay đổi ngày hẹn trả kết quả",
				"Cơ quan xin lỗi và hẹn lại ngày trả (Mẫu 04): Chờ xác minh địa điểm kinh doanh", "T*** V** B***"},
			absent: []string{"Trần Văn Bình", "Vũ Văn Trưởng", "Đỗ Văn Chiến", "Bổ sung hồ sơ trực tuyến", "/rate?"}},
	})
	w.act("chuyenvien", d.Code, dossier.ActRequestSupplement, map[string]any{"items": []map[string]any{
		{"name": "Hợp đồng thuê địa điểm", "copies": 1, "reason": "Hợp đồng đã hết hạn"},
		{"name": "Sổ hộ khẩu", "copies": 1, "reason": "Thiếu trang có tên chủ hộ"}}}, base.Add(10*time.Minute))

	c := w.s.client(t)
	status, _, body := c.get(lookup)
	for _, want := range []string{"Bổ sung hồ sơ trực tuyến", "Hợp đồng thuê địa điểm", "Hợp đồng đã hết hạn", "Thiếu trang có tên chủ hộ",
		`name="item.0"`, `name="item.1"`, `for="item.1"`, "Đang chờ ông/bà bổ sung", "Hạn bổ sung"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("lookup lacks %q (status %d)", want, status)
		}
	}
	form := func(secret string) url.Values {
		return url.Values{"code": {d.Code}, "secret": {secret}, "item_name": {"Hợp đồng thuê địa điểm", "Sổ hộ khẩu"}, "note": {"Đã gia hạn hợp đồng"}}
	}
	if status, _, body := c.post("/lookup/supplement", form(d.LookupSecret)); status != http.StatusBadRequest ||
		!strings.Contains(body, "Chưa chọn tệp cho giấy tờ “Hợp đồng thuê địa điểm”") || !strings.Contains(body, "Đã gia hạn hợp đồng") {
		t.Errorf("a form without files: status %d", status)
	}
	tests := []struct {
		name     string
		secret   string
		files    map[string]map[string][]byte
		status   int
		contains []string
	}{
		{"a paper without file", d.LookupSecret, map[string]map[string][]byte{"item.0": {"hop-dong.png": shadedPNG(t, 1)}}, 400,
			[]string{"Chưa chọn tệp cho giấy tờ “Sổ hộ khẩu”", "Đã gia hạn hợp đồng", `aria-invalid="true"`}},
		{"a file of the wrong type", d.LookupSecret, map[string]map[string][]byte{"item.0": {"hop-dong.png": shadedPNG(t, 1)},
			"item.1": {"so-ho-khau.exe": []byte("MZ\x90\x00 not a scan")}}, 400, []string{"Đã gia hạn hợp đồng", "field-error"}},
		{"wrong secret", "ZZZZZZ", map[string]map[string][]byte{"item.0": {"a.png": shadedPNG(t, 1)}, "item.1": {"b.png": shadedPNG(t, 2)}}, 404,
			[]string{"Không tìm thấy hồ sơ"}},
		{"complete", d.LookupSecret, map[string]map[string][]byte{"item.0": {"hop-dong.png": shadedPNG(t, 1)}, "item.1": {"so-ho-khau.png": shadedPNG(t, 2)}}, 200,
			[]string{"Đã nhận hồ sơ bổ sung", "Đang xử lý", "Nhận hồ sơ bổ sung", "tính lại từ đầu", "Chờ bổ sung hồ sơ: từ"}},
		{"again", d.LookupSecret, map[string]map[string][]byte{"item.0": {"a.png": shadedPNG(t, 3)}, "item.1": {"b.png": shadedPNG(t, 4)}}, 409,
			[]string{"cơ quan không yêu cầu bổ sung"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.t = t
			status, _, body := c.postFiles("/lookup/supplement", form(tt.secret), tt.files)
			if status != tt.status {
				t.Fatalf("status %d, want %d\n%s", status, tt.status, body)
			}
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			got, _, err := w.s.dossiers.Get(context.Background(), w.staff["tiepnhan"], d.Code)
			if err != nil {
				t.Fatal(err)
			}
			wantStatus, wantFiles := dossier.StatusAwaitingSupplement, 0
			if tt.status == 200 || tt.name == "again" {
				wantStatus, wantFiles = dossier.StatusProcessing, 2
			}
			if got.Status != wantStatus || len(got.Files) != wantFiles {
				t.Errorf("dossier status %v with %d files, want %v with %d", got.Status, len(got.Files), wantStatus, wantFiles)
			}
		})
	}
}

// After the hand-over the citizen rates once: from the QR code of the receipt or the lookup page,
// or at the desk's kiosk without the secret; the satisfaction report counts the ratings.
func TestRatingByQRAndKiosk(t *testing.T) {
	w := newFollowWorld(t)
	base := time.Now().Add(-3 * time.Hour)
	first, second, open := w.returned(base), w.returned(base.Add(time.Minute)), w.receive(base)
	qr := "/rate?" + url.Values{"code": {first.Code}, "secret": {first.LookupSecret}}.Encode()
	lookup := "/lookup?" + url.Values{"code": {first.Code}, "secret": {first.LookupSecret}}.Encode()
	post := url.Values{"code": {first.Code}, "secret": {first.LookupSecret}, "overall": {"3"}, "c_dd": {"3"}, "c_a": {"2"}, "comment": {"Cán bộ hướng dẫn tận tình"}}
	noOverall := url.Values{"code": {first.Code}, "secret": {first.LookupSecret}, "c_dd": {"3"}, "comment": {"Nhanh gọn"}}
	badScore := url.Values{"code": {first.Code}, "secret": {first.LookupSecret}, "overall": {"2"}, "c_h": {"7"}}
	kiosk := "/kiosk/000.31.21.H06"
	runScenarios(t, w.s, []scenario{
		{name: "lookup invites to rate", method: "GET", path: lookup, status: 200, contains: []string{"Đánh giá mức độ hài lòng", "via=portal", "Hồ sơ đã kết thúc"}},
		{name: "QR opens the form", method: "GET", path: qr, status: 200,
			contains: []string{"Mức hài lòng chung", "(đ) Thái độ của cán bộ", "(i) Các nội dung khác", "Rất hài lòng", "Bỏ qua", `name="c_dd"`, `<legend>`}},
		{name: "QR, wrong secret", method: "GET", path: "/rate?code=" + url.QueryEscape(first.Code) + "&secret=ZZZZZZ", status: 404, contains: []string{"Không tìm thấy hồ sơ"}},
		{name: "not finished", method: "GET", path: "/rate?" + url.Values{"code": {open.Code}, "secret": {open.LookupSecret}}.Encode(), status: 409,
			contains: []string{"chỉ đánh giá được khi đã có kết quả"}, absent: []string{`name="overall"`}},
		{name: "overall missing", method: "POST", path: "/rate", form: noOverall, status: 400,
			contains: []string{"Vui lòng chọn mức hài lòng chung.", `id="c_dd-3" name="c_dd" value="3" checked`, "Nhanh gọn"}},
		{name: "score off the scale", method: "POST", path: "/rate", form: badScore, status: 400, contains: []string{"không hợp lệ"}},
		{name: "rated by QR", method: "POST", path: "/rate", form: post, status: 200, contains: []string{"Cảm ơn ông/bà đã đánh giá"}, absent: []string{`name="overall"`}},
		{name: "second rating refused", method: "POST", path: "/rate", form: post, status: 409, contains: []string{"đã được đánh giá"}},
		{name: "lookup says rated", method: "GET", path: lookup, status: 200, contains: []string{"Ông/bà đã đánh giá hồ sơ này"}, absent: []string{"via=portal"}},
		{name: "kiosk start", method: "GET", path: kiosk, status: 200, contains: []string{"Đánh giá sự hài lòng tại quầy", "Bộ phận Một cửa — Xã Tiên Du", `name="code"`}},
		{name: "kiosk of an unknown desk", method: "GET", path: "/kiosk/999.99.99.H99", status: 404},
		{name: "kiosk, dossier not handed over", method: "POST", path: kiosk, form: url.Values{"code": {open.Code}}, status: 404,
			contains: []string{"đã trả kết quả trong 7 ngày", open.Code}},
		{name: "kiosk, another desk", method: "POST", path: "/kiosk/000.32.21.H06", form: url.Values{"code": {second.Code}}, status: 404},
		{name: "kiosk form", method: "POST", path: kiosk, form: url.Values{"code": {strings.ToLower(second.Code)}}, status: 200,
			contains: []string{`action="/kiosk/000.31.21.H06/rate"`, "Mức hài lòng chung", second.Code}, absent: []string{`name="secret"`}},
		{name: "kiosk link of the return page", method: "GET", path: kiosk + "?code=" + url.QueryEscape(second.Code), status: 200, contains: []string{"Mức hài lòng chung"}},
		{name: "kiosk, bad input", method: "POST", path: kiosk + "/rate", form: url.Values{"code": {second.Code}, "c_a": {"1"}}, status: 400,
			contains: []string{"Vui lòng chọn mức hài lòng chung."}},
		{name: "rated at the kiosk", method: "POST", path: kiosk + "/rate", form: url.Values{"code": {second.Code}, "overall": {"1"}, "c_c": {"1"}}, status: 200,
			contains: []string{"Cảm ơn ông/bà đã đánh giá", `href="/kiosk/000.31.21.H06"`}},
		{name: "kiosk, already rated", method: "POST", path: kiosk, form: url.Values{"code": {second.Code}}, status: 409, contains: []string{"đã được đánh giá"}},
		{name: "report", as: "lanhdao", method: "GET", path: "/reports/satisfaction?unit=000.31.21.H06", status: 200,
			contains: []string{"Báo cáo mức độ hài lòng", "Số phiếu đánh giá", "<dd>2</dd>", "50,00%", "(đ) Thái độ của cán bộ", "3,00", "2,00", "1,00", "—"}},
		{name: "report in the menu", as: "lanhdao", method: "GET", path: "/", status: 200, contains: []string{`href="/reports/satisfaction"`}},
		{name: "report, bad period", as: "lanhdao", method: "GET", path: "/reports/satisfaction?unit=000.31.21.H06&from=2026-05-01&to=2026-01-01", status: 400},
		{name: "report, not for a specialist", as: "chuyenvien", method: "GET", path: "/reports/satisfaction", status: 403},
		{name: "report, anonymous", method: "GET", path: "/reports/satisfaction", status: http.StatusSeeOther},
	})
}

// Codes have a pattern, so the kiosk, which takes no secret, stops answering an address that keeps
// typing codes it does not accept.
func TestKioskThrottlesProbing(t *testing.T) {
	w := newFollowWorld(t)
	d := w.returned(time.Now().Add(-3 * time.Hour))
	c := w.s.client(t)
	for i := range 10 {
		if status, _, _ := c.post("/kiosk/000.31.21.H06", url.Values{"code": {d.Code[:len(d.Code)-1] + string(rune('a'+i))}}); status != http.StatusNotFound {
			t.Fatalf("probe %d: status %d", i, status)
		}
	}
	status, _, body := c.post("/kiosk/000.31.21.H06", url.Values{"code": {d.Code}})
	if status != http.StatusConflict || !strings.Contains(body, "Tra cứu sai quá nhiều lần") || strings.Contains(body, `name="overall"`) {
		t.Errorf("after ten probes: status %d", status)
	}
}
