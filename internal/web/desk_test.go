package web_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/processing"
)

// At the desk, papers that cannot be received get a guidance (Mẫu 02) listing the mandatory papers
// not ticked and each line typed, or a refusal (Mẫu 03) with each line as a reason.
func TestDeskGuidanceAndRefusal(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")

	incomplete := birthForm()
	incomplete.Del("c1.provided")
	incomplete.Set("intent", "guide")
	incomplete.Set("desk_reasons", "Tờ khai đăng ký khai sinh: thiếu chữ ký của người đi khai\nSổ hộ khẩu")
	incomplete.Set("contact", "0222 3854 123")
	status, loc, body := desk.post("/dossiers", incomplete)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/guidances/") {
		t.Fatalf("guide: %d %q\n%s", status, loc, body)
	}
	status, _, body = desk.get(loc)
	for _, want := range []string{"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Đã ghi nhận phiếu hướng dẫn", "Giấy chứng sinh", "Chưa có trong hồ sơ",
		"thiếu chữ ký của người đi khai", "Sổ hộ khẩu", "Trần Văn Bình", "Phạm Thị Nhung", "0222 3854 123"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("guidance page (%d) lacks %q", status, want)
		}
	}
	if status, _, _ := s.login(t, "motcuakb").get(loc); status != http.StatusForbidden {
		t.Errorf("another commune's desk reads the guidance: %d", status)
	}
	if status, _, pdf := desk.get(strings.Split(loc, "?")[0] + "/pdf"); status != 200 || !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("guidance PDF: %d %.200q", status, pdf)
	}

	complete := birthForm()
	complete.Set("intent", "guide")
	status, _, body = desk.post("/dossiers", complete)
	if status != http.StatusBadRequest || !strings.Contains(body, `id="desk_reasons-err"`) || !strings.Contains(body, `value="Trần Văn Bình"`) {
		t.Errorf("guidance with nothing missing: %d", status)
	}

	refuse := birthForm()
	refuse.Set("intent", "refuse")
	status, _, body = desk.post("/dossiers", refuse)
	if status != http.StatusBadRequest || !strings.Contains(body, `id="desk_reasons-err"`) {
		t.Errorf("refusal without reason: %d", status)
	}
	refuse.Set("desk_reasons", "Thủ tục thuộc thẩm quyền của Sở Tư pháp")
	status, loc, _ = desk.post("/dossiers", refuse)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/dossiers/") {
		t.Fatalf("refuse: %d %q", status, loc)
	}
	status, _, body = desk.get(loc)
	for _, want := range []string{"Đã ghi nhận việc từ chối tiếp nhận hồ sơ.", "Từ chối tiếp nhận", "Thủ tục thuộc thẩm quyền của Sở Tư pháp", "/forms/refusal"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("refused dossier page (%d) lacks %q", status, want)
		}
	}
}

// An online dossier waits in the desk's "new" tab with its 8-working-hour deadline, flagged once
// missed; the desk asks for corrections, then receives it under the same code.
func TestDeskAnswersOnlineDossier(t *testing.T) {
	s := newDossierSite(t)
	ctx := context.Background()
	in := processing.ReceiveInput{ProcedureCode: "9.990002", UnitCode: "000.31.21.H06", ReturnMethod: "desk",
		Applicant:  dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Lê Thị Hoa", IDNumber: "027190001234", Phone: "0912345678"},
		Components: []dossier.Paper{{Name: "Tờ khai đăng ký khai sinh", Originals: 1}, {Name: "Giấy chứng sinh", Originals: 1}}}
	d, err := s.dossiers.SubmitOnline(ctx, in, time.Now().Add(-30*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	desk := s.login(t, "tiepnhan")
	status, _, body := desk.get("/dossiers?tab=new")
	if status != 200 || !strings.Contains(body, d.Code) || !strings.Contains(body, `class="late"`) {
		t.Fatalf("new tab (%d) lacks the overdue online dossier %s", status, d.Code)
	}
	page := "/dossiers/" + d.Code
	status, _, body = desk.get(page)
	for _, want := range []string{"/act/receive", "/act/guide_supplement", "/act/refuse_at_reception"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Fatalf("online dossier page (%d) lacks %q", status, want)
		}
	}
	version := versionField.FindStringSubmatch(body)[1]
	status, _, _ = desk.post(page+"/act/guide_supplement", url.Values{"version": {version}, "items": {"Giấy chứng sinh: ảnh chụp bị mờ"}})
	if status != http.StatusSeeOther {
		t.Fatalf("guide: %d", status)
	}
	_, _, body = desk.get(page)
	version = versionField.FindStringSubmatch(body)[1]
	if !strings.Contains(body, "Hướng dẫn bổ sung hồ sơ") {
		t.Errorf("timeline lacks the guidance")
	}
	status, _, _ = desk.post(page+"/act/receive", url.Values{"version": {version}})
	if status != http.StatusSeeOther {
		t.Fatalf("receive: %d", status)
	}
	_, _, body = desk.get(page)
	if !strings.Contains(body, "Được tiếp nhận") || !strings.Contains(body, d.Code) {
		t.Errorf("received online dossier page lacks its status or code")
	}
}

// pngBytes is a small valid PNG.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 3, 3))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Scanned papers go with the reception: a file of a type not allowed or too large is refused with
// the data typed kept; accepted scans are listed on the dossier page and downloaded by its officers.
func TestReceptionWithScans(t *testing.T) {
	s := newDossierSite(t)
	desk := s.login(t, "tiepnhan")
	status, _, body := desk.postFiles("/dossiers", birthForm(), map[string]map[string][]byte{
		"c1.scan": {"giay-chung-sinh.pdf": append([]byte("MZ\x90\x00"), make([]byte, 200)...)}})
	if status != http.StatusBadRequest || !strings.Contains(body, `value="Trần Văn Bình"`) || !strings.Contains(body, "không được chấp nhận") {
		t.Fatalf("executable as a scan: %d", status)
	}
	status, _, body = desk.postFiles("/dossiers", birthForm(), map[string]map[string][]byte{"scans": {"lon.png": append(pngBytes(t), make([]byte, 70<<10)...)}})
	if status != http.StatusBadRequest || !strings.Contains(body, "vượt quá dung lượng") {
		t.Fatalf("oversized scan: %d", status)
	}
	_, _, body = desk.get("/dossiers?tab=units")
	if !strings.Contains(body, "Không có hồ sơ nào.") {
		t.Fatal("a refused upload left a dossier")
	}
	status, loc, _ := desk.postFiles("/dossiers", birthForm(), map[string]map[string][]byte{"c1.scan": {"Giấy chứng sinh.png": pngBytes(t)}})
	if status != http.StatusSeeOther {
		t.Fatalf("reception with a scan: %d", status)
	}
	_, _, body = desk.get(loc)
	link := regexp.MustCompile(`href="(/dossiers/[^"]+/files/[0-9a-f]{64})"`).FindStringSubmatch(body)
	if link == nil || !strings.Contains(body, "Giấy chứng sinh.png") {
		t.Fatalf("dossier page lists no file")
	}
	resp, err := http.Get(s.URL + link[1])
	if err == nil {
		resp.Body.Close()
		if resp.Request.URL.Path != "/login" {
			t.Errorf("anonymous download reached %s", resp.Request.URL.Path)
		}
	}
	status, _, content := desk.get(link[1])
	if status != 200 || content != string(pngBytes(t)) {
		t.Errorf("download: %d, %d bytes", status, len(content))
	}
	if status, _, _ := s.login(t, "motcuakb").get(link[1]); status != http.StatusForbidden {
		t.Errorf("another commune downloads the scan: %d", status)
	}
}
