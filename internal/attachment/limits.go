package attachment

import (
	"math"
	"os"
)

// MiB is one mebibyte, the unit of [Limits.MaxBytes] in messages.
const MiB = 1 << 20

// DefaultMaxBytes is the largest file [DefaultLimits] accepts: 20 MiB.
const DefaultMaxBytes = 20 * MiB

// Message keys of the validation errors of [Stage]; see [MessageKeys].
const (
	// KeyTooLarge: the file is larger than the limit; argument: the limit in MB (int).
	KeyTooLarge = "attachment.too_large"
	// KeyTypeNotAllowed: the detected type is not allowed; argument: the detected type.
	KeyTypeNotAllowed = "attachment.type_not_allowed"
	// KeyTypeMismatch: the browser's claimed type is not the detected one; arguments: claimed, detected.
	KeyTypeMismatch = "attachment.type_mismatch"
	// KeyEmpty: the file has no content; no argument.
	KeyEmpty = "attachment.empty"
)

// MessageKeys returns every message key the package's errors carry, for the i18n catalog test.
func MessageKeys() []string {
	return []string{KeyTooLarge, KeyTypeNotAllowed, KeyTypeMismatch, KeyEmpty}
}

// Limits says which files [Stage] accepts and where it keeps them meanwhile. A zero field takes
// the value of [DefaultLimits]: a zero Limits is the default.
type Limits struct {
	// MaxBytes is the largest size accepted, in bytes.
	MaxBytes int64
	// Allowed lists the MIME types accepted, as detected from the content ("application/pdf").
	Allowed []string
	// TempDir is the directory of the staged files; empty means os.TempDir().
	TempDir string
}

// DefaultLimits returns the limits for scanned papers: 20 MiB, and PDF, JPEG, PNG, WebP or TIFF.
//
// HEIC is left out on purpose: the staff's browsers cannot show it, and phones convert it to JPEG
// when a photo is picked in a browser. Executables, scripts, archives, HTML and SVG are never
// allowed, nor is anything that is not a scan.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes: DefaultMaxBytes,
		Allowed:  []string{"application/pdf", "image/jpeg", "image/png", "image/webp", "image/tiff"},
	}
}

// withDefaults returns l with its zero fields filled in.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	l.MaxBytes = min(l.MaxBytes, math.MaxInt64-1) // Stage reads one byte more
	if len(l.Allowed) == 0 {
		l.Allowed = d.Allowed
	}
	if l.TempDir == "" {
		l.TempDir = os.TempDir()
	}
	return l
}

// maxMB returns MaxBytes in whole MB, rounded up so that a small limit never reads "0 MB".
func (l Limits) maxMB() int {
	return int((l.MaxBytes + MiB - 1) / MiB)
}
