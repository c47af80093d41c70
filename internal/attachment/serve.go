package attachment

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Serve sends the content of f from b as a download: Content-Type f.Type, Content-Length f.Size,
// Content-Disposition attachment with the name f.Name (see [ContentDisposition]),
// X-Content-Type-Options nosniff, Cache-Control "private, no-cache" (the browser keeps it but asks
// again, so that access is checked each time) and ETag "<id>"; a GET or HEAD whose If-None-Match
// names that ETag gets 304 Not Modified without a body. The caller checks access first.
//
// A missing blob (or an invalid ID) is answered 404 and any other store failure 500, as plain
// text by http.Error; the latter is logged. An error while streaming cannot change the status any
// more and is only logged.
func Serve(w http.ResponseWriter, r *http.Request, b Blobs, f File) {
	ctx := r.Context()
	if !ValidID(f.ID) {
		http.Error(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)
		return
	}
	rc, err := b.Open(ctx, f.ID)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			http.Error(w, http.StatusText(http.StatusNotFound), http.StatusNotFound)
			return
		}
		slog.ErrorContext(ctx, "attachment: open blob", "id", f.ID, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	defer rc.Close()

	h := w.Header()
	h.Set("ETag", `"`+f.ID+`"`)
	h.Set("Cache-Control", "private, no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && etagMatches(r.Header.Values("If-None-Match"), f.ID) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	typ := f.Type
	if typ == "" {
		typ = "application/octet-stream"
	}
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", ContentDisposition(f.Name))
	if f.Size > 0 {
		h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	}
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if f.Size > 0 {
		_, err = io.CopyN(w, rc, f.Size)
	} else {
		_, err = io.Copy(w, rc)
	}
	if err != nil {
		slog.WarnContext(ctx, "attachment: send blob", "id", f.ID, "err", err)
	}
}

// etagMatches reports whether the If-None-Match header values name the ETag of id, or "*".
// Weak tags match too: the comparison for If-None-Match is the weak one.
func etagMatches(values []string, id string) bool {
	want := `"` + id + `"`
	for _, v := range values {
		for _, tag := range strings.Split(v, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
				return true
			}
		}
	}
	return false
}

// ContentDisposition returns an "attachment" Content-Disposition for a file name (cleaned by
// [CleanName]) per RFC 6266: a filename parameter in ASCII with the Vietnamese diacritics removed
// ("Giấy khai sinh.pdf" gives "Giay khai sinh.pdf"), for old browsers, then a filename* parameter
// with the UTF-8 name percent-encoded per RFC 5987, which current browsers prefer.
func ContentDisposition(name string) string {
	name = CleanName(name)
	return `attachment; filename="` + asciiName(name) + `"; filename*=UTF-8''` + encodeRFC5987(name)
}

// asciiName folds name to printable ASCII for a quoted-string: diacritics removed, đ to d, and
// any other rune, quote, backslash or percent sign replaced by "_".
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining mark: dropped
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return DefaultName
	}
	return b.String()
}

// encodeRFC5987 percent-encodes the UTF-8 bytes of s that are not attr-char (RFC 5987, 3.2.1).
func encodeRFC5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0x0f])
	}
	return b.String()
}

// isAttrChar reports whether c may appear unencoded in an RFC 5987 value.
func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
