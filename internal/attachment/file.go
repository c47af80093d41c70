package attachment

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// File is the metadata of a stored file, kept by the caller beside the record it belongs to.
type File struct {
	// ID is the lowercase hex SHA-256 of the content: the blob's key in [Blobs].
	ID string `json:"id"`
	// Name is the original file name, cleaned by [CleanName].
	Name string `json:"name"`
	// Size is the content's length in bytes.
	Size int64 `json:"size"`
	// Type is the MIME type detected from the content, e.g. "application/pdf".
	Type string `json:"type"`
	// UploadedBy is the username of who uploaded the file.
	UploadedBy string `json:"uploaded_by"`
	// UploadedAt is when the file was uploaded, as given by the caller.
	UploadedAt time.Time `json:"uploaded_at"`
}

// DefaultName is the name given to a file whose name is empty once cleaned ("tệp" = file).
const DefaultName = "tep"

// MaxNameRunes is the longest cleaned name, in runes.
const MaxNameRunes = 200

// CleanName returns a safe display name for an uploaded file name: its base name only (after the
// last "/" or "\", as some browsers send a full Windows path), without invalid UTF-8, control
// characters or bidirectional overrides (which can disguise "exe.pdf"), with white space (tabs,
// line breaks) turned into plain spaces, trimmed of spaces, cut to
// [MaxNameRunes] runes keeping a short extension, and [DefaultName] when nothing is left.
func CleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." {
		return DefaultName
	}
	if utf8.RuneCountInString(name) > MaxNameRunes {
		name = truncate(name)
	}
	return name
}

// truncate cuts name to MaxNameRunes runes, keeping an extension of up to 10 runes.
func truncate(name string) string {
	runes := []rune(name)
	var ext []rune
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if e := []rune(name[i:]); len(e) <= 10 {
			ext = e
		}
	}
	head := runes[:MaxNameRunes-len(ext)]
	return strings.TrimSpace(string(head)) + string(ext)
}

// isBidiControl reports whether r changes the direction of text: embeddings, overrides,
// isolates and marks.
func isBidiControl(r rune) bool {
	return r == '\u200e' || r == '\u200f' || r == '\u061c' ||
		('\u202a' <= r && r <= '\u202e') || ('\u2066' <= r && r <= '\u2069')
}
