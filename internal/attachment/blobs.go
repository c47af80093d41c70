package attachment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Blobs stores file contents under their ID (see [File.ID]). Implementations must be safe for
// concurrent use.
type Blobs interface {
	// Put stores the content read from r under id; it does nothing when id is already stored.
	// It fails on an invalid id, on a read or write error, or when the content does not hash to id.
	Put(ctx context.Context, id string, r io.Reader) error
	// Open returns the content stored under id; the caller closes it. When id is not stored the
	// error satisfies errors.Is(err, fs.ErrNotExist).
	Open(ctx context.Context, id string) (io.ReadCloser, error)
	// Exists reports whether id is stored; the error is for an invalid id or a failing store.
	Exists(ctx context.Context, id string) (bool, error)
	// Delete removes the content stored under id; deleting a missing id is not an error.
	Delete(ctx context.Context, id string) error
}

// ErrInvalidID is returned (wrapped) for an ID that is not 64 lowercase hexadecimal digits.
var ErrInvalidID = errors.New("attachment: invalid id")

// ErrHashMismatch is returned (wrapped) by Put when the content does not hash to the ID given.
var ErrHashMismatch = errors.New("attachment: content does not match its id")

// ValidID reports whether id is a blob ID: 64 lowercase hexadecimal digits, as made by [Stage].
func ValidID(id string) bool {
	if len(id) != sha256.Size*2 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func checkID(id string) error {
	if !ValidID(id) {
		return fmt.Errorf("%w: %q", ErrInvalidID, id)
	}
	return nil
}

// Local is a [Blobs] store in a directory of the local file system: the blob ab cd ef... is the
// file dir/ab/cd/abcdef.... Files are written atomically (a temporary file in the same directory,
// synced, then renamed), with mode 0640 in directories of mode 0750.
type Local struct {
	dir string
}

var _ Blobs = (*Local)(nil)

// NewLocal returns a store in dir, creating dir (mode 0750) when missing; it fails when dir
// cannot be created or is not a directory.
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("attachment: empty blob directory")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("attachment: blob directory: %w", err)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("attachment: blob directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("attachment: blob directory %s is not a directory", dir)
	}
	return &Local{dir: dir}, nil
}

// path returns the file of a valid id.
func (l *Local) path(id string) string {
	return filepath.Join(l.dir, id[:2], id[2:4], id)
}

// Put stores the content of r under id, atomically; see [Blobs.Put]. The content is checked
// against id while it is written, and nothing is stored when it does not match.
func (l *Local) Put(ctx context.Context, id string, r io.Reader) (err error) {
	if err := checkID(id); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	final := l.path(id)
	if _, err := os.Stat(final); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	tmp, err := os.CreateTemp(dir, ".put-*")
	if err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), ctxReader{ctx, r}); err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != id {
		return fmt.Errorf("%w: put %s: content hashes to %s", ErrHashMismatch, id, got)
	}
	if err := tmp.Chmod(0o640); err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("attachment: put %s: %w", id, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable; failures are ignored, as some systems cannot sync a
// directory and the file itself is already synced.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Open returns the content stored under id; see [Blobs.Open].
func (l *Local) Open(ctx context.Context, id string) (io.ReadCloser, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(l.path(id))
	if err != nil {
		return nil, fmt.Errorf("attachment: open %s: %w", id, err)
	}
	return f, nil
}

// Exists reports whether id is stored; see [Blobs.Exists].
func (l *Local) Exists(ctx context.Context, id string) (bool, error) {
	if err := checkID(id); err != nil {
		return false, err
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	_, err := os.Stat(l.path(id))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("attachment: exists %s: %w", id, err)
	}
}

// Delete removes the content stored under id; see [Blobs.Delete]. The directories are kept, so
// that a concurrent Put into them cannot fail.
func (l *Local) Delete(ctx context.Context, id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Remove(l.path(id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("attachment: delete %s: %w", id, err)
	}
	return nil
}

// ctxReader stops reading once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
