package form

import (
	"bytes"
	"io"
	"os"
	"runtime/debug"
	"testing"
)

// BenchmarkReceiptPDF measures one receipt (Mẫu 01) as the server makes it: with the garbage
// collector at motcua serve's setting (api.ServerGCPercent, 400) unless GOGC is given. Target: under
// 20 ms.
func BenchmarkReceiptPDF(b *testing.B) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	b.ReportAllocs()
	d, ev := received(now2026, codeFor(Set2025))
	c := context()
	for b.Loop() {
		if err := Render(io.Discard, Receipt, Set2025, d, ev, c); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReceiptSize(t *testing.T) {
	d, ev := received(now2026, codeFor(Set2025))
	var buf bytes.Buffer
	if err := Render(&buf, Receipt, Set2025, d, ev, context()); err != nil {
		t.Fatal(err)
	}
	t.Logf("receipt PDF: %d bytes", buf.Len())
	if buf.Len() > 400<<10 {
		t.Errorf("receipt is %d bytes: fonts not subset?", buf.Len())
	}
}
