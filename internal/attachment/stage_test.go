package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"motcua/internal/attachment"
	"motcua/internal/fault"
)

var uploadedAt = time.Date(2026, 2, 13, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))

func TestStage(t *testing.T) {
	pdf, pngB, jpg := pdfBytes(), pngBytes(t), jpegBytes(t)
	small := attachment.Limits{MaxBytes: 100}
	tests := []struct {
		name     string
		content  []byte
		fileName string
		claimed  string
		lim      attachment.Limits
		wantType string // on success
		wantKey  string // on failure
		wantArgs []any
	}{
		{name: "pdf", content: pdf, fileName: "Giấy khai sinh.pdf", claimed: "application/pdf", wantType: "application/pdf"},
		{name: "pdf without claim", content: pdf, fileName: "a.pdf", wantType: "application/pdf"},
		{name: "pdf claimed octet-stream", content: pdf, fileName: "a.pdf", claimed: "application/octet-stream", wantType: "application/pdf"},
		{name: "pdf claimed by alias", content: pdf, fileName: "a.pdf", claimed: "application/x-pdf", wantType: "application/pdf"},
		{name: "png", content: pngB, fileName: "scan.png", claimed: "image/png", wantType: "image/png"},
		{name: "png claim with params and case", content: pngB, fileName: "scan.png", claimed: " IMAGE/PNG; name=x ", wantType: "image/png"},
		{name: "jpeg", content: jpg, fileName: "anh.jpg", claimed: "image/jpeg", wantType: "image/jpeg"},
		{name: "jpeg claimed image/jpg", content: jpg, fileName: "anh.jpg", claimed: "image/jpg", wantType: "image/jpeg"},
		{name: "type from content, not name", content: pngB, fileName: "not-a.pdf", wantType: "image/png"},
		{name: "exactly at the limit", content: pdf[:100], fileName: "a.pdf", lim: small, wantType: "application/pdf"},

		{name: "zip", content: zipBytes(t), fileName: "ho-so.zip", claimed: "application/zip",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"application/zip"}},
		{name: "zip named pdf", content: zipBytes(t), fileName: "ho-so.pdf", claimed: "application/pdf",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"application/zip"}},
		{name: "gzip", content: gzipBytes(t), fileName: "a.pdf.gz",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"application/gzip"}},
		{name: "elf executable", content: elfBytes(), fileName: "a.pdf",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"application/x-executable"}},
		{name: "pe executable", content: peBytes(), fileName: "to-khai.exe",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"application/vnd.microsoft.portable-executable"}},
		{name: "shell script", content: []byte(shellScript), fileName: "a.sh", claimed: "application/pdf",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"text/x-shellscript"}},
		{name: "html", content: []byte(htmlPage), fileName: "a.html", claimed: "text/html",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"text/html"}},
		{name: "svg", content: []byte(svgImage), fileName: "a.svg", claimed: "image/svg+xml",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"image/svg+xml"}},
		{name: "plain text", content: []byte(plainText), fileName: "a.txt",
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"text/plain"}},
		{name: "html although allowed text/plain", content: []byte(htmlPage), fileName: "a.txt",
			lim:     attachment.Limits{Allowed: []string{"text/plain"}},
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"text/html"}},
		{name: "png claimed pdf", content: pngB, fileName: "a.pdf", claimed: "application/pdf",
			wantKey: attachment.KeyTypeMismatch, wantArgs: []any{"application/pdf", "image/png"}},
		{name: "pdf claimed jpeg", content: pdf, fileName: "a.jpg", claimed: "image/jpg",
			wantKey: attachment.KeyTypeMismatch, wantArgs: []any{"image/jpeg", "application/pdf"}},
		{name: "unparsable claim", content: pdf, fileName: "a.pdf", claimed: "pdf please",
			wantKey: attachment.KeyTypeMismatch, wantArgs: []any{"pdf please", "application/pdf"}},
		{name: "png not in the limits' list", content: pngB, fileName: "a.png",
			lim:     attachment.Limits{Allowed: []string{"application/pdf"}},
			wantKey: attachment.KeyTypeNotAllowed, wantArgs: []any{"image/png"}},
		{name: "one byte over", content: pdf[:101], fileName: "a.pdf", lim: small,
			wantKey: attachment.KeyTooLarge, wantArgs: []any{1}},
		{name: "oversize in MB", content: bytes.Repeat(pdf, 2*1024*1024/len(pdf)+1), fileName: "a.pdf",
			lim:     attachment.Limits{MaxBytes: 2 * attachment.MiB},
			wantKey: attachment.KeyTooLarge, wantArgs: []any{2}},
		{name: "empty", content: nil, fileName: "a.pdf", claimed: "application/pdf", wantKey: attachment.KeyEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			lim := tt.lim
			lim.TempDir = tmp
			s, err := attachment.Stage("files[2]", bytes.NewReader(tt.content), tt.fileName, tt.claimed, lim, "nhung.tn", uploadedAt)
			if tt.wantKey != "" {
				if err == nil {
					s.Discard()
					t.Fatalf("accepted, want %s", tt.wantKey)
				}
				checkInvalid(t, err, "files[2]", tt.wantKey, tt.wantArgs)
				assertEmptyDir(t, tmp)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := attachment.File{
				ID:         sha(tt.content),
				Name:       tt.fileName,
				Size:       int64(len(tt.content)),
				Type:       tt.wantType,
				UploadedBy: "nhung.tn",
				UploadedAt: uploadedAt,
			}
			if got := s.File(); got != want {
				t.Errorf("File() = %+v, want %+v", got, want)
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
				t.Errorf("%d staged files, want 1", len(entries))
			}
			s.Discard()
			s.Discard()
			assertEmptyDir(t, tmp)
		})
	}
}

// checkInvalid fails unless err is an Invalid fault with exactly one message, for field.
func checkInvalid(t *testing.T, err error, field, key string, args []any) {
	t.Helper()
	if !fault.Is(err, fault.Invalid) {
		t.Fatalf("error %v is not invalid", err)
	}
	fe := fault.As(err)
	m, ok := fe.Fields[field]
	if !ok || len(fe.Fields) != 1 {
		t.Fatalf("fields %v, want only %s", fe.Fields, field)
	}
	if m.Key != key || !reflect.DeepEqual(m.Args, args) {
		t.Errorf("message %s %#v, want %s %#v", m.Key, m.Args, key, args)
	}
}

// endless yields a PDF header then zeros forever, counting what was read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0
	}
	if e.n == 0 {
		copy(p, "%PDF-1.4\n")
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestStageStopsReadingAtTheLimit(t *testing.T) {
	tmp := t.TempDir()
	r := &endless{}
	lim := attachment.Limits{MaxBytes: 1 << 20, TempDir: tmp}
	_, err := attachment.Stage("file", io.LimitReader(r, 1<<40), "a.pdf", "", lim, "an", uploadedAt)
	checkInvalid(t, err, "file", attachment.KeyTooLarge, []any{1})
	// io.Copy reads in 32 KiB chunks: one more read than needed at most.
	if r.n > lim.MaxBytes+32*1024 {
		t.Errorf("read %d bytes for a limit of %d", r.n, lim.MaxBytes)
	}
	assertEmptyDir(t, tmp)
}

func TestStageMaxBytesReader(t *testing.T) {
	tmp := t.TempDir()
	body := http.MaxBytesReader(nil, io.NopCloser(bytes.NewReader(pdfBytes())), 50)
	_, err := attachment.Stage("file", body, "a.pdf", "", attachment.Limits{TempDir: tmp}, "an", uploadedAt)
	checkInvalid(t, err, "file", attachment.KeyTooLarge, []any{20})
	assertEmptyDir(t, tmp)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestStageReadError(t *testing.T) {
	tmp := t.TempDir()
	r := io.MultiReader(bytes.NewReader(pdfBytes()), failingReader{})
	_, err := attachment.Stage("file", r, "a.pdf", "", attachment.Limits{TempDir: tmp}, "an", uploadedAt)
	if fault.KindOf(err) != fault.Internal || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("err = %v, want an internal error keeping the cause", err)
	}
	assertEmptyDir(t, tmp)
}

func TestStageMissingTempDir(t *testing.T) {
	lim := attachment.Limits{TempDir: t.TempDir() + "/missing"}
	_, err := attachment.Stage("file", bytes.NewReader(pdfBytes()), "a.pdf", "", lim, "an", uploadedAt)
	if fault.KindOf(err) != fault.Internal {
		t.Errorf("err = %v, want internal", err)
	}
}

func TestDefaultLimits(t *testing.T) {
	lim := attachment.DefaultLimits()
	if lim.MaxBytes != 20<<20 {
		t.Errorf("MaxBytes = %d", lim.MaxBytes)
	}
	for _, typ := range []string{"application/pdf", "image/jpeg", "image/png"} {
		if !contains(lim.Allowed, typ) {
			t.Errorf("%s not allowed", typ)
		}
	}
	for _, typ := range lim.Allowed {
		if !strings.HasPrefix(typ, "image/") && typ != "application/pdf" {
			t.Errorf("%s allowed", typ)
		}
		if strings.Contains(typ, "svg") {
			t.Errorf("%s allowed", typ)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestMessageKeys(t *testing.T) {
	keys := attachment.MessageKeys()
	if len(keys) != 4 {
		t.Errorf("%d keys: %v", len(keys), keys)
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !strings.HasPrefix(k, "attachment.") || seen[k] {
			t.Errorf("key %q", k)
		}
		seen[k] = true
	}
}

func TestCommit(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	blobs, err := attachment.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pdf := pdfBytes()
	s, err := attachment.Stage("file", bytes.NewReader(pdf), "Giấy khai sinh.pdf", "application/pdf", attachment.Limits{TempDir: tmp}, "an", uploadedAt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Discard()
	if err := s.Commit(ctx, blobs); err != nil {
		t.Fatal(err)
	}
	assertEmptyDir(t, tmp)
	id := sha(pdf)
	if s.File().ID != id {
		t.Fatalf("ID %s, want %s", s.File().ID, id)
	}
	if got := readBlob(t, blobs, id); !bytes.Equal(got, pdf) {
		t.Error("stored content differs")
	}
	if err := s.Commit(ctx, blobs); err != nil {
		t.Errorf("second commit: %v", err)
	}
	s.Discard() // after Commit: must not touch the blob
	if ok, _ := blobs.Exists(ctx, id); !ok {
		t.Error("Discard after Commit removed the blob")
	}
}

func TestCommitAfterDiscard(t *testing.T) {
	blobs, _ := attachment.NewLocal(t.TempDir())
	s, err := attachment.Stage("file", bytes.NewReader(pdfBytes()), "a.pdf", "", attachment.Limits{TempDir: t.TempDir()}, "an", uploadedAt)
	if err != nil {
		t.Fatal(err)
	}
	s.Discard()
	if err := s.Commit(context.Background(), blobs); !errors.Is(err, attachment.ErrDiscarded) {
		t.Errorf("err = %v, want ErrDiscarded", err)
	}
	if ok, _ := blobs.Exists(context.Background(), sha(pdfBytes())); ok {
		t.Error("a discarded file was stored")
	}
}

// brokenStore fails every Put after the first ok ones.
type brokenStore struct {
	attachment.Blobs
	ok int
}

func (b *brokenStore) Put(ctx context.Context, id string, r io.Reader) error {
	if b.ok == 0 {
		return errors.New("disk full")
	}
	b.ok--
	return b.Blobs.Put(ctx, id, r)
}

func TestBatch(t *testing.T) {
	ctx := context.Background()
	contents := [][]byte{pdfBytes(), pngBytes(t), jpegBytes(t)}
	stage := func(t *testing.T, tmp string) attachment.Batch {
		var b attachment.Batch
		for i, c := range contents {
			s, err := attachment.Stage("files", bytes.NewReader(c), "f", "", attachment.Limits{TempDir: tmp}, "an", uploadedAt)
			if err != nil {
				t.Fatal(i, err)
			}
			b = append(b, s)
		}
		return b
	}

	t.Run("commit", func(t *testing.T) {
		tmp := t.TempDir()
		local, _ := attachment.NewLocal(t.TempDir())
		b := stage(t, tmp)
		defer b.Discard()
		files := b.Files()
		if len(files) != 3 || files[1].Type != "image/png" || files[2].ID != sha(contents[2]) {
			t.Errorf("Files() = %+v", files)
		}
		if err := b.Commit(ctx, local); err != nil {
			t.Fatal(err)
		}
		assertEmptyDir(t, tmp)
		for _, c := range contents {
			if !bytes.Equal(readBlob(t, local, sha(c)), c) {
				t.Error("stored content differs")
			}
		}
	})

	t.Run("failing store", func(t *testing.T) {
		tmp := t.TempDir()
		local, _ := attachment.NewLocal(t.TempDir())
		b := stage(t, tmp)
		err := b.Commit(ctx, &brokenStore{Blobs: local, ok: 1})
		if fault.KindOf(err) != fault.Internal || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("err = %v", err)
		}
		if ok, _ := local.Exists(ctx, sha(contents[1])); ok {
			t.Error("the failed file was stored")
		}
		b.Discard()
		b.Discard()
		assertEmptyDir(t, tmp)
	})
}
