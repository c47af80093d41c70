package form

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"motcua/internal/dossier"
)

// now2026 is a Monday morning after the 2025 set came in; old is before it.
var (
	now2026 = at(2026, time.November, 23, 9, 30)
	old2025 = at(2025, time.June, 10, 14, 5)
)

const lookupURL = "https://dichvucong.kinhbac.bacninh.gov.vn/tra-cuu?ma=000.00.12.H04-261123-0007"

// context returns the print context of the tests.
func context() Context {
	return Context{UnitName: unitName, ParentName: parentName, Place: "Bắc Ninh", LookupURL: lookupURL}
}

type fixture func(time.Time, string) (dossier.Dossier, []dossier.Event)

// renderCase is one form to render and the texts its page must show.
type renderCase struct {
	name  string
	kind  Kind
	set   string
	build fixture
	when  time.Time
	want  []string
}

// renderCases are every kind × set that applies, with realistic dossiers.
func renderCases() []renderCase {
	common := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND PHƯỜNG KINH BẮC", "UBND TỈNH BẮC NINH", applicant}
	var cs []renderCase
	for _, set := range []string{Set2025, Set2018} {
		when, code := now2026, "000.00.12.H04-261123-0007"
		date := "Bắc Ninh, ngày 23 tháng 11 năm 2026"
		if set == Set2018 {
			when, code = old2025, "000.00.12.H04-250610-0003"
			date = "Bắc Ninh, ngày 10 tháng 6 năm 2025"
		}
		with := func(extra ...string) []string {
			return append(append(append([]string{}, common...), "Số: "+code), extra...)
		}
		cs = append(cs,
			renderCase{"receipt", Receipt, set, received, when, with(date, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mẫu số 01",
				"Đăng ký khai sinh", "1.001193", "027190001234", "0912345678", "anhtuyet@example.vn", "Nguyễn Đăng Đạo",
				"Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Giấy chứng nhận kết hôn của cha mẹ", "3 ngày làm việc",
				"NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", officer, "K7Q2XA", "Số lượng hồ sơ: 1 (bộ)")},
			renderCase{"supplement", Supplement, set, supplementing, when, with("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02",
				"Đăng ký khai sinh", "Giấy chứng sinh", "tẩy xóa", "Văn bản ủy quyền", officer, "0222 3822 456", "NGƯỜI HƯỚNG DẪN")},
			renderCase{"refusal", Refusal, set, refused, when, with(date, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mẫu số 03",
				"chữ ký và con dấu ở mặt trước", "kiểm tra kỹ thông tin hộ tịch", officer)},
			renderCase{"refusal_appraisal", Refusal, set, refusedAfterAppraisal, when, with("PHIẾU TỪ CHỐI", "NGƯỜI CÓ THẨM QUYỀN", leader,
				"kiểm tra kỹ thông tin hộ tịch")},
			renderCase{"apology", Apology, set, rescheduled, when, with("Mẫu số 04", "Kính gửi:", "xác minh thêm thông tin hộ tịch",
				"THỦ TRƯỞNG CƠ QUAN", leader, "Nơi nhận:")},
			renderCase{"control", Control, set, returned, when, with("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
				"Thẩm định hồ sơ", "Quá hạn", "Trước hạn", "Đúng hạn", specialist, "Công an phường Kinh Bắc", "Trả kết quả")},
		)
		if set == Set2025 {
			cs = append(cs,
				renderCase{"stop", Stop, set, stopped, when, with("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", "Gia đình chuyển nơi cư trú",
					"Thẩm định hồ sơ", "Trả lại bản chính Giấy chứng sinh", leader)},
				renderCase{"apology_title", Apology, set, rescheduled, when, with("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN")},
				renderCase{"control_number", Control, set, processing, when, with("Mẫu số 06", "Đang xử lý")},
			)
		} else {
			cs = append(cs,
				renderCase{"apology_title", Apology, set, rescheduled, when, with("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")},
				renderCase{"control_number", Control, set, processing, when, with("Mẫu số 05", "Thông tư số 01/2018/TT-VPCP")},
			)
		}
	}
	return cs
}

// pngDir is where page images go: MOTCUA_FORM_PNG_DIR, else a temporary
// directory.
func pngDir(t *testing.T) string {
	if d := os.Getenv("MOTCUA_FORM_PNG_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// needTool skips the test when a poppler tool is missing.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils)", name)
	}
	return p
}

// pdfText extracts the text of the PDF with pdftotext -layout, in NFC.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := needTool(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return norm.NFC.String(string(out))
}

// squash collapses runs of white space, so that wanted texts match across
// the layout's spacing.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// pagePNG renders page 1 of the PDF to dir/name.png with pdftoppm.
func pagePNG(t *testing.T, pdf []byte, dir, name string) {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return
	}
	f := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1", f, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Errorf("pdftoppm: %v: %s", err, out)
	}
}

func TestRender(t *testing.T) {
	dir := pngDir(t)
	for _, tc := range renderCases() {
		t.Run(tc.set+"_"+tc.name, func(t *testing.T) {
			t.Parallel()
			d, ev := tc.build(tc.when, codeFor(tc.set))
			if got := SetFor(d); got != tc.set {
				t.Fatalf("SetFor = %s, want %s", got, tc.set)
			}
			var buf bytes.Buffer
			if err := Render(&buf, tc.kind, "", d, ev, context()); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Fatal("not a PDF")
			}
			pagePNG(t, buf.Bytes(), dir, tc.set+"_"+tc.name)
			text := pdfText(t, buf.Bytes())
			flat := squash(text)
			for _, w := range tc.want {
				if !strings.Contains(flat, squash(norm.NFC.String(w))) {
					t.Errorf("page lacks %q", w)
				}
			}
			if t.Failed() {
				t.Logf("text:\n%s", text)
			}
			checkGlyphs(t, text)
		})
	}
}

// codeFor is the dossier code of the fixtures of a set.
func codeFor(set string) string {
	if set == Set2018 {
		return "000.00.12.H04-250610-0003"
	}
	return "000.00.12.H04-261123-0007"
}
