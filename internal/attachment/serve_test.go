package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http/httptest"
	"strconv"
	"testing"

	"motcua/internal/attachment"
)

// failingOpen is a store whose Open fails with a non-"not found" error.
type failingOpen struct{ attachment.Blobs }

func (failingOpen) Open(context.Context, string) (io.ReadCloser, error) {
	return nil, errors.New("permission denied")
}

func TestServe(t *testing.T) {
	ctx := context.Background()
	local, _ := attachment.NewLocal(t.TempDir())
	pdf := pdfBytes()
	f := attachment.File{ID: sha(pdf), Name: "Giấy khai sinh.pdf", Size: int64(len(pdf)), Type: "application/pdf", UploadedBy: "an", UploadedAt: uploadedAt}
	if err := local.Put(ctx, f.ID, bytes.NewReader(pdf)); err != nil {
		t.Fatal(err)
	}
	missing := f
	missing.ID = sha([]byte("not stored"))
	invalid := f
	invalid.ID = "../../etc/passwd"
	etag := `"` + f.ID + `"`

	tests := []struct {
		name        string
		method      string
		ifNoneMatch string
		store       attachment.Blobs
		file        attachment.File
		wantStatus  int
		wantBody    []byte
	}{
		{name: "get", method: "GET", file: f, wantStatus: 200, wantBody: pdf},
		{name: "head", method: "HEAD", file: f, wantStatus: 200},
		{name: "other etag", method: "GET", ifNoneMatch: `"abc"`, file: f, wantStatus: 200, wantBody: pdf},
		{name: "same etag", method: "GET", ifNoneMatch: etag, file: f, wantStatus: 304},
		{name: "weak etag in a list", method: "GET", ifNoneMatch: `"abc", W/` + etag, file: f, wantStatus: 304},
		{name: "star", method: "HEAD", ifNoneMatch: "*", file: f, wantStatus: 304},
		{name: "missing blob", method: "GET", file: missing, wantStatus: 404},
		{name: "missing blob, etag", method: "GET", ifNoneMatch: `"` + missing.ID + `"`, file: missing, wantStatus: 404},
		{name: "invalid id", method: "GET", file: invalid, wantStatus: 404},
		{name: "store failure", method: "GET", store: failingOpen{local}, file: f, wantStatus: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := tt.store
			if store == nil {
				store = local
			}
			r := httptest.NewRequest(tt.method, "/files/"+tt.file.ID, nil)
			if tt.ifNoneMatch != "" {
				r.Header.Set("If-None-Match", tt.ifNoneMatch)
			}
			w := httptest.NewRecorder()
			attachment.Serve(w, r, store, tt.file)
			res := w.Result()
			h := res.Header
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.wantStatus)
			}
			body := w.Body.Bytes()
			switch tt.wantStatus {
			case 200, 304:
				if h.Get("ETag") != etag {
					t.Errorf("ETag %q", h.Get("ETag"))
				}
				if h.Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("X-Content-Type-Options %q", h.Get("X-Content-Type-Options"))
				}
			default:
				if ct := h.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
					t.Errorf("error Content-Type %q", ct)
				}
				if h.Get("Content-Disposition") != "" || h.Get("ETag") != "" {
					t.Errorf("error carries file headers: %v", h)
				}
				return
			}
			if tt.wantStatus == 304 {
				if len(body) != 0 || h.Get("Content-Disposition") != "" {
					t.Errorf("304 with body %q or Content-Disposition", body)
				}
				return
			}
			if h.Get("Content-Type") != "application/pdf" {
				t.Errorf("Content-Type %q", h.Get("Content-Type"))
			}
			if h.Get("Content-Length") != strconv.Itoa(len(pdf)) {
				t.Errorf("Content-Length %q", h.Get("Content-Length"))
			}
			cd := h.Get("Content-Disposition")
			wantCD := `attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf`
			if cd != wantCD {
				t.Errorf("Content-Disposition\n got %s\nwant %s", cd, wantCD)
			}
			disp, params, err := mime.ParseMediaType(cd)
			if err != nil || disp != "attachment" || params["filename"] != "Giấy khai sinh.pdf" {
				t.Errorf("parsed Content-Disposition: %q %v %v", disp, params, err)
			}
			if !bytes.Equal(body, tt.wantBody) {
				t.Errorf("body of %d bytes, want %d", len(body), len(tt.wantBody))
			}
		})
	}
}

func TestContentDisposition(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Giấy khai sinh.pdf", `attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf`},
		{"Đơn đề nghị.pdf", `attachment; filename="Don de nghi.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf`},
		{`a"b\c%d;e.pdf`, `attachment; filename="c_d;e.pdf"; filename*=UTF-8''c%25d%3Be.pdf`},
		{"", `attachment; filename="tep"; filename*=UTF-8''tep`},
		{"ảnh 3×4.jpg", `attachment; filename="anh 3_4.jpg"; filename*=UTF-8''%E1%BA%A3nh%203%C3%974.jpg`},
	}
	for _, tt := range tests {
		got := attachment.ContentDisposition(tt.name)
		if got != tt.want {
			t.Errorf("ContentDisposition(%q)\n got %s\nwant %s", tt.name, got, tt.want)
		}
		if _, params, err := mime.ParseMediaType(got); err != nil || params["filename"] != attachment.CleanName(tt.name) {
			t.Errorf("ContentDisposition(%q) parses to %v, %v", tt.name, params, err)
		}
	}
}
