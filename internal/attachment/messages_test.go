package attachment_test

import (
	"strings"
	"testing"

	"motcua/internal/attachment"
	"motcua/internal/i18n"
)

// TestMessagesFormat formats every message key with the arguments Stage passes, in both
// languages, and fails on a missing key or a fmt error ("%!d(string=...)", "%!(EXTRA ...)").
func TestMessagesFormat(t *testing.T) {
	samples := map[string][]any{
		attachment.KeyTooLarge:       {20},
		attachment.KeyTypeNotAllowed: {"application/zip"},
		attachment.KeyTypeMismatch:   {"application/pdf", "image/png"},
		attachment.KeyEmpty:          nil,
	}
	keys := attachment.MessageKeys()
	if len(keys) != len(samples) {
		t.Errorf("%d keys, %d samples", len(keys), len(samples))
	}
	for _, k := range keys {
		args, ok := samples[k]
		if !ok {
			t.Errorf("no sample for %s", k)
			continue
		}
		for _, l := range i18n.Langs {
			got := i18n.For(l).T(k, args...)
			if got == k || strings.Contains(got, "%") {
				t.Errorf("%s %s: %q", l, k, got)
			}
			for _, a := range args {
				if s, ok := a.(string); ok && !strings.Contains(got, s) {
					t.Errorf("%s %s: %q does not show %q", l, k, got, s)
				}
			}
		}
	}
	if got := i18n.For(i18n.VI).T(attachment.KeyTooLarge, 20); got != "Tệp vượt quá dung lượng cho phép (20 MB)." {
		t.Errorf("vi too_large: %q", got)
	}
}
