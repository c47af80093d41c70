package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"motcua/internal/attachment"
)

// readBlob returns the content stored under id, failing the test when it cannot.
func readBlob(t *testing.T, b attachment.Blobs, id string) []byte {
	t.Helper()
	rc, err := b.Open(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// panicReader fails the test if it is read at all.
type panicReader struct{ t *testing.T }

func (p panicReader) Read([]byte) (int, error) {
	p.t.Error("Put of a stored id read its input")
	return 0, io.EOF
}

func TestLocal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := attachment.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	content := pdfBytes()
	id := sha(content)

	if ok, err := l.Exists(ctx, id); ok || err != nil {
		t.Fatalf("Exists before Put = %v, %v", ok, err)
	}
	if _, err := l.Open(ctx, id); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open missing: %v, want fs.ErrNotExist", err)
	}
	if err := l.Put(ctx, id, bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, id[:2], id[2:4], id)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("not stored at dir/ab/cd/id: %v", err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("file mode %v, want 0640", st.Mode().Perm())
	}
	for _, d := range []string{filepath.Dir(path), filepath.Dir(filepath.Dir(path))} {
		if st, err := os.Stat(d); err != nil || st.Mode().Perm()&^0o750 != 0 {
			t.Errorf("dir %s mode %v, want at most 0750", d, st.Mode().Perm())
		}
	}
	if ok, err := l.Exists(ctx, id); !ok || err != nil {
		t.Errorf("Exists after Put = %v, %v", ok, err)
	}
	if got := readBlob(t, l, id); !bytes.Equal(got, content) {
		t.Error("content differs")
	}
	// Put again: a no-op that does not even read.
	if err := l.Put(ctx, id, panicReader{t}); err != nil {
		t.Errorf("second Put: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d entries beside the blob, want only it", len(entries))
	}
	if err := l.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if ok, _ := l.Exists(ctx, id); ok {
		t.Error("Exists after Delete")
	}
	if _, err := l.Open(ctx, id); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open deleted: %v, want fs.ErrNotExist", err)
	}
	if err := l.Delete(ctx, id); err != nil {
		t.Errorf("Delete missing: %v", err)
	}
}

func TestLocalPutChecksContent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, _ := attachment.NewLocal(dir)
	id := sha(pdfBytes())
	err := l.Put(ctx, id, strings.NewReader("something else"))
	if !errors.Is(err, attachment.ErrHashMismatch) {
		t.Errorf("err = %v, want ErrHashMismatch", err)
	}
	if ok, _ := l.Exists(ctx, id); ok {
		t.Error("mismatching content stored")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, id[:2], id[2:4]))
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

func TestLocalBadIDs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, _ := attachment.NewLocal(dir)
	good := sha(pdfBytes())
	for _, id := range []string{
		"",
		"../x",
		"../../../../etc/passwd",
		strings.ToUpper(good),
		good[:63],
		good + "0",
		good[:62] + "/x",
		good[:63] + "g",
		"ab/cd/" + good[6:],
	} {
		if attachment.ValidID(id) {
			t.Errorf("ValidID(%q)", id)
		}
		if err := l.Put(ctx, id, bytes.NewReader(pdfBytes())); !errors.Is(err, attachment.ErrInvalidID) {
			t.Errorf("Put(%q): %v", id, err)
		}
		if _, err := l.Open(ctx, id); !errors.Is(err, attachment.ErrInvalidID) {
			t.Errorf("Open(%q): %v", id, err)
		}
		if _, err := l.Exists(ctx, id); !errors.Is(err, attachment.ErrInvalidID) {
			t.Errorf("Exists(%q): %v", id, err)
		}
		if err := l.Delete(ctx, id); !errors.Is(err, attachment.ErrInvalidID) {
			t.Errorf("Delete(%q): %v", id, err)
		}
	}
	if !attachment.ValidID(good) {
		t.Errorf("ValidID(%q) = false", good)
	}
	assertEmptyDir(t, dir)
}

func TestLocalCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	l, _ := attachment.NewLocal(dir)
	id := sha(pdfBytes())
	if err := l.Put(ctx, id, bytes.NewReader(pdfBytes())); !errors.Is(err, context.Canceled) {
		t.Errorf("Put: %v", err)
	}
	assertEmptyDir(t, dir)
}

func TestNewLocal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	if _, err := attachment.NewLocal(dir); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("dir not created: %v", err)
	}
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := attachment.NewLocal(file); err == nil {
		t.Error("NewLocal on a file succeeded")
	}
	if _, err := attachment.NewLocal(""); err == nil {
		t.Error(`NewLocal("") succeeded`)
	}
}
