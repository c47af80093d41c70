package attachment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gabriel-vasile/mimetype"

	"motcua/internal/fault"
)

// headSize is how many leading bytes are kept for type detection (mimetype's default limit).
const headSize = 4096

// ErrDiscarded is returned (wrapped) by [Staged.Commit] after [Staged.Discard].
var ErrDiscarded = errors.New("attachment: staged file already discarded")

// Staged is an upload copied to a temporary file and checked, not yet stored: [Staged.Commit]
// stores it, [Staged.Discard] forgets it. Its methods are safe for concurrent use.
type Staged struct {
	file File

	mu        sync.Mutex
	path      string // the temporary file; "" once committed or discarded
	committed bool
}

// Stage reads an upload into a temporary file in lim.TempDir, hashing and counting it on the way,
// and checks it against lim. field names the upload in the form or API ("files[2]"), name is the
// file name the client sent, claimedType its Content-Type ("" or "application/octet-stream" claim
// nothing), by the uploader's username and at the upload time.
//
// The type is detected from the first bytes of the content. Stage fails with an Invalid
// *fault.Error naming field when the upload is empty (attachment.empty), longer than lim.MaxBytes
// (attachment.too_large, reading stops right after the limit), of a type not in lim.Allowed
// (attachment.type_not_allowed) or of another type than claimed (attachment.type_mismatch); it
// fails with an Internal one when the upload or the temporary file cannot be read or written.
// On failure nothing is left in lim.TempDir. On success the caller must call Commit or Discard.
func Stage(field string, r io.Reader, name, claimedType string, lim Limits, by string, at time.Time) (*Staged, error) {
	lim = lim.withDefaults()
	tmp, err := os.CreateTemp(lim.TempDir, "attachment-*")
	if err != nil {
		return nil, fault.Wrap(err, "attachment: stage")
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	h := sha256.New()
	head := &headWriter{}
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, invalid(field, KeyTooLarge, lim.maxMB())
		}
		return nil, fault.Wrap(err, "attachment: stage: read upload")
	}
	if n > lim.MaxBytes {
		return nil, invalid(field, KeyTooLarge, lim.maxMB())
	}
	if n == 0 {
		return nil, invalid(field, KeyEmpty)
	}

	detected := mimetype.Detect(head.buf)
	typ := baseType(detected.String())
	if !isAllowed(detected, lim.Allowed) {
		return nil, invalid(field, KeyTypeNotAllowed, typ)
	}
	if claim := normalizeClaim(claimedType); claim != "" && !claimMatches(detected, claim) {
		return nil, invalid(field, KeyTypeMismatch, claim, typ)
	}
	if err := tmp.Close(); err != nil {
		return nil, fault.Wrap(err, "attachment: stage: write temporary file")
	}
	ok = true
	return &Staged{
		path: tmp.Name(),
		file: File{
			ID:         hex.EncodeToString(h.Sum(nil)),
			Name:       CleanName(name),
			Size:       n,
			Type:       typ,
			UploadedBy: by,
			UploadedAt: at,
		},
	}, nil
}

// invalid returns an Invalid fault with one message for field.
func invalid(field, key string, args ...any) error {
	var f fault.Fields
	f.Add(field, key, args...)
	return f.Err()
}

// headWriter keeps the first headSize bytes written to it.
type headWriter struct{ buf []byte }

func (w *headWriter) Write(p []byte) (int, error) {
	if room := headSize - len(w.buf); room > 0 {
		w.buf = append(w.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// baseType returns the lowercase type/subtype of a media type, without parameters.
func baseType(t string) string {
	if b, _, err := mime.ParseMediaType(t); err == nil {
		return b
	}
	return strings.ToLower(strings.TrimSpace(t))
}

// isAllowed reports whether the detected type, or one of its aliases, is in allowed. Parents do
// not count: text/plain must not let HTML in, nor application/zip an Office file.
func isAllowed(detected *mimetype.MIME, allowed []string) bool {
	for _, a := range allowed {
		if detected.Is(a) {
			return true
		}
	}
	return false
}

// claimAliases maps types browsers and old systems send to the type mimetype detects.
var claimAliases = map[string]string{
	"image/jpg":   "image/jpeg",
	"image/pjpeg": "image/jpeg",
	"image/x-png": "image/png",
}

// normalizeClaim returns the base type of a claimed Content-Type, "" when it claims nothing.
// A claim that does not parse is returned trimmed and cut to 100 bytes, so that it mismatches.
func normalizeClaim(claim string) string {
	claim = strings.TrimSpace(claim)
	if claim == "" {
		return ""
	}
	b, _, err := mime.ParseMediaType(claim)
	if err != nil {
		b = strings.ToValidUTF8(strings.ToLower(claim), "")
		if len(b) > 100 {
			b = strings.ToValidUTF8(b[:100], "")
		}
		return b
	}
	if b == "application/octet-stream" {
		return ""
	}
	if a, ok := claimAliases[b]; ok {
		return a
	}
	return b
}

// claimMatches reports whether claim is the detected type, one of its aliases or one of its
// parents (the root, application/octet-stream, never gets here).
func claimMatches(detected *mimetype.MIME, claim string) bool {
	for m := detected; m != nil; m = m.Parent() {
		if m.Is(claim) {
			return true
		}
	}
	return false
}

// File returns the metadata of the staged file; its ID is the key it is committed under.
func (s *Staged) File() File { return s.file }

// Commit stores the staged file in b under its ID, then removes the temporary file. Committing
// again is a no-op. It fails with an Internal *fault.Error, wrapping [ErrDiscarded] after Discard
// or the store's error; after a store error the staged file is kept, to retry or Discard.
func (s *Staged) Commit(ctx context.Context, b Blobs) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.committed {
		return nil
	}
	if s.path == "" {
		return fault.Wrap(ErrDiscarded, "attachment: commit "+s.file.ID)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return fault.Wrap(err, "attachment: commit "+s.file.ID)
	}
	err = b.Put(ctx, s.file.ID, f)
	f.Close()
	if err != nil {
		return fault.Wrap(err, "attachment: commit "+s.file.ID)
	}
	os.Remove(s.path)
	s.path, s.committed = "", true
	return nil
}

// Discard removes the temporary file. It is safe to call more than once and after Commit, so
// that it can be deferred right after Stage; it never removes a committed blob.
func (s *Staged) Discard() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.path != "" {
		os.Remove(s.path)
		s.path = ""
	}
}

// Batch is the staged files of one operation, committed or discarded together.
type Batch []*Staged

// Files returns the metadata of the staged files, in order.
func (b Batch) Files() []File {
	files := make([]File, 0, len(b))
	for _, s := range b {
		if s != nil {
			files = append(files, s.File())
		}
	}
	return files
}

// Commit commits every staged file to blobs, in order, and stops at the first failure, returning
// it (see [Staged.Commit]). Blobs already committed then stay: they are content-addressed and may
// be shared with other records, so removing them is left to a sweep that checks the database.
func (b Batch) Commit(ctx context.Context, blobs Blobs) error {
	for _, s := range b {
		if s == nil {
			continue
		}
		if err := s.Commit(ctx, blobs); err != nil {
			return err
		}
	}
	return nil
}

// Discard discards every staged file; like [Staged.Discard] it is safe to defer.
func (b Batch) Discard() {
	for _, s := range b {
		if s != nil {
			s.Discard()
		}
	}
}
