package form

import (
	"bytes"
	"encoding/json"

	qrcode "github.com/skip2/go-qrcode"

	"motcua/internal/fault"
)

// qrData is what the QR code of a form carries (Circular 01/2023): the
// dossier code, the procedure code, the applicant's identifier (the citizen's
// own paper: not masked), the document's name and the public lookup address.
type qrData struct {
	Code      string `json:"code"`
	Procedure string `json:"procedure"`
	Applicant string `json:"applicant"`
	Document  string `json:"document"`
	URL       string `json:"url,omitempty"`
}

// payload returns the compact JSON text of the QR code, in NFC, with '&', '<'
// and '>' unescaped so that the address reads as written.
func (q qrData) payload() string {
	q.Code, q.Procedure, q.Applicant, q.Document = nfc(q.Code), nfc(q.Procedure), nfc(q.Applicant), nfc(q.Document)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(q) // strings only: cannot fail
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

// qrPNG returns the QR code of the data as a PNG image (error correction
// level M, 4 pixels a module, with a quiet zone); an Internal fault if it cannot be
// encoded (too long).
func qrPNG(q qrData) ([]byte, error) {
	code, err := qrcode.New(q.payload(), qrcode.Medium)
	if err != nil {
		return nil, fault.Wrap(err, "form: qr code")
	}
	png, err := code.PNG(-4) // 4 pixels a module: small and sharp
	if err != nil {
		return nil, fault.Wrap(err, "form: qr code")
	}
	return png, nil
}
