package form

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
)

// decodeQR reads the QR code in a PNG image.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_CHARACTER_SET: "UTF-8"})
	if err != nil {
		t.Fatalf("decode QR: %v", err)
	}
	return res.GetText()
}

func TestQRCode(t *testing.T) {
	d, _ := received(now2026, codeFor(Set2025))
	title, _, err := Title(Receipt, Set2025)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   qrData
	}{
		{"receipt", qrData{Code: d.Code, Procedure: d.ProcedureCode, Applicant: d.Applicant.IDNumber, Document: title, URL: lookupURL + "&x=<1>"}},
		{"desk guidance", qrData{Procedure: "1.001193", Applicant: "027190001234", Document: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := qrPNG(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			text := decodeQR(t, img)
			if text != tc.in.payload() {
				t.Errorf("QR text %q, want %q", text, tc.in.payload())
			}
			var got qrData
			if err := json.Unmarshal([]byte(text), &got); err != nil {
				t.Fatalf("QR is not JSON: %v: %s", err, text)
			}
			if got != tc.in {
				t.Errorf("QR = %+v, want %+v", got, tc.in)
			}
		})
	}
}

// qrFromPDF extracts the one image of the PDF with pdfimages and decodes its
// QR code as JSON.
func qrFromPDF(t *testing.T, pdf []byte) map[string]string {
	t.Helper()
	bin := needTool(t, "pdfimages")
	dir := t.TempDir()
	f := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-png", f, filepath.Join(dir, "img")).CombinedOutput(); err != nil {
		t.Fatalf("pdfimages: %v %s", err, out)
	}
	imgs, _ := filepath.Glob(filepath.Join(dir, "img-*.png"))
	if len(imgs) != 1 {
		t.Fatalf("%d images in the PDF, want 1", len(imgs))
	}
	r, err := os.Open(imgs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	img, err := png.Decode(r)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(decodeQR(t, img)), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// The QR code embedded in the receipt PDF decodes to the dossier's data.
func TestQRInReceiptPDF(t *testing.T) {
	d, ev := received(now2026, codeFor(Set2025))
	var buf bytes.Buffer
	if err := Render(&buf, Receipt, Set2025, d, ev, context()); err != nil {
		t.Fatal(err)
	}
	got := qrFromPDF(t, buf.Bytes())
	want := map[string]string{"code": d.Code, "procedure": "1.001193", "applicant": "027190001234",
		"document": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "url": lookupURL}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("QR %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("QR has %d keys: %v", len(got), got)
	}
}
