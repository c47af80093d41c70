package form

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"motcua/internal/i18n"
)

// Every key is in both catalogs and formats its sample arguments cleanly, in
// each language's own names.
func TestMessageKeys(t *testing.T) {
	keys := MessageKeys()
	if !slices.IsSorted(keys) || len(slices.Compact(slices.Clone(keys))) != len(keys) {
		t.Errorf("MessageKeys not sorted and unique: %v", keys)
	}
	samples := map[string][]any{
		"form.not_applicable": {"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "receipt", "Không được tiếp nhận", "Not accepted"},
		"form.unknown":        {"letter"},
		"form.set.unknown":    {"2030"},
		"form.set.lacks":      {"2018", "stop"},
	}
	for _, k := range keys {
		args, ok := samples[k]
		if !ok {
			t.Errorf("no sample for %s", k)
		}
		for _, l := range i18n.Langs {
			if !i18n.Has(l, k) {
				t.Errorf("%s.json lacks %s", l, k)
				continue
			}
			got := i18n.For(l).T(k, args...)
			if strings.Contains(got, "%!") || strings.Contains(got, "%") {
				t.Errorf("%s %s: %q", l, k, got)
			}
			if k == "form.not_applicable" {
				other := map[i18n.Lang]string{i18n.VI: "Not accepted", i18n.EN: "Không được tiếp nhận"}[l]
				if strings.Contains(got, other) {
					t.Errorf("%s %s shows the other language: %q", l, k, got)
				}
			}
		}
	}
	// Every key the sources name is listed.
	re := regexp.MustCompile(`"(form\.[a-z_.]+)"`)
	files, _ := os.ReadDir(".")
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(keys, m[1]) {
				t.Errorf("%s uses %s, not in MessageKeys", f.Name(), m[1])
			}
		}
	}
}
