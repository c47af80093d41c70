package dossier

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestMessageKeys(t *testing.T) {
	keys := MessageKeys()
	if !slices.IsSorted(keys) || len(slices.Compact(slices.Clone(keys))) != len(keys) {
		t.Error("keys must be sorted and unique")
	}
	// Every "dossier.*" literal in the package's code is listed.
	files, _ := filepath.Glob("*.go")
	literal := regexp.MustCompile(`"(dossier\.[a-z_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			if !slices.Contains(keys, m[1]) {
				t.Errorf("%s: key %s is not in MessageKeys", f, m[1])
			}
		}
	}
	for _, k := range keys {
		if !strings.HasPrefix(k, "dossier.") {
			t.Errorf("key %s outside the dossier namespace", k)
		}
	}
}
