package form

import (
	"bytes"
	"io"
	"testing"
)

func BenchmarkReceiptPDF(b *testing.B) {
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
