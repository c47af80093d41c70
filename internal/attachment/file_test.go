package attachment_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"motcua/internal/attachment"
)

func TestCleanName(t *testing.T) {
	long := strings.Repeat("ấ", 300)
	tests := []struct{ in, want string }{
		{"Giấy khai sinh.pdf", "Giấy khai sinh.pdf"},
		{`C:\Users\An\Desktop\Tờ khai.pdf`, "Tờ khai.pdf"},
		{"../../etc/passwd", "passwd"},
		{"/", "tep"},
		{"a\x00b\nc\x7f.pdf", "ab c.pdf"},
		{"  tờ\tkhai.pdf  ", "tờ khai.pdf"},
		{"anh\u202Efdp.exe", "anhfdp.exe"},
		{"\xff\xfeab.pdf", "ab.pdf"},
		{"", "tep"},
		{"   ", "tep"},
		{".", "tep"},
		{"..", "tep"},
		{"\x01\x02", "tep"},
		{long + ".pdf", strings.Repeat("ấ", 196) + ".pdf"},
		{long, strings.Repeat("ấ", 200)},
		{long + "." + long, strings.Repeat("ấ", 200)},
	}
	for _, tt := range tests {
		got := attachment.CleanName(tt.in)
		if got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > attachment.MaxNameRunes || !utf8.ValidString(got) {
			t.Errorf("CleanName(%q): %d runes, valid %v", tt.in, n, utf8.ValidString(got))
		}
	}
}

func TestFileJSON(t *testing.T) {
	b, err := json.Marshal(attachment.File{ID: "x", Name: "Giấy khai sinh.pdf", Size: 3, Type: "application/pdf", UploadedBy: "an", UploadedAt: uploadedAt})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"x","name":"Giấy khai sinh.pdf","size":3,"type":"application/pdf","uploaded_by":"an","uploaded_at":"2026-02-13T09:30:00+07:00"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
