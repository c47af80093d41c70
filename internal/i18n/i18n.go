// Package i18n holds motcua's message catalogs (Vietnamese, the default, and English) and a Printer
// that renders messages, numbers, percentages, money and dates the way each language writes them
// (12.450 and 97,99% in Vietnamese; 12,450 and 97.99% in English).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Lang is a language code.
type Lang string

// The languages motcua speaks; Vietnamese is the default.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Langs lists the languages, default first.
var Langs = []Lang{VI, EN}

// ParseLang returns the language named s, or VI when s is not one we speak.
func ParseLang(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) >= 2 && Lang(s[:2]) == EN {
		return EN
	}
	return VI
}

//go:embed catalogs/*.json
var catalogFiles embed.FS

// catalogs maps a language to its key → message table, loaded once at start.
var catalogs = mustLoad()

// mustLoad merges, for each language, catalogs/<lang>.json with any catalogs/<lang>-<area>.json, so
// that each area of the application (the portal, the reports…) keeps its messages in a file of its own.
// A key defined in two files of one language is a programming error.
func mustLoad() map[Lang]map[string]string {
	out := map[Lang]map[string]string{}
	for _, l := range Langs {
		names, err := fs.Glob(catalogFiles, "catalogs/"+string(l)+"*.json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		for _, name := range names {
			base := strings.TrimSuffix(strings.TrimPrefix(name, "catalogs/"), ".json")
			if base != string(l) && !strings.HasPrefix(base, string(l)+"-") {
				continue
			}
			b, err := catalogFiles.ReadFile(name)
			if err != nil {
				panic(err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				panic(fmt.Sprintf("i18n: catalog %s: %v", name, err))
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					panic(fmt.Sprintf("i18n: key %q defined twice (again in %s)", k, name))
				}
				m[k] = v
			}
		}
		out[l] = m
	}
	return out
}

// Keys returns the sorted keys of a language's catalog.
func Keys(l Lang) []string {
	keys := make([]string, 0, len(catalogs[l]))
	for k := range catalogs[l] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether the language's catalog holds the key.
func Has(l Lang, key string) bool {
	_, ok := catalogs[l][key]
	return ok
}

// Printer renders messages and values in one language.
type Printer struct {
	Lang Lang
}

// For returns the printer of a language.
func For(l Lang) Printer { return Printer{Lang: l} }

// T returns the message for key, formatted with args (fmt verbs in the catalog text). A missing key
// falls back to Vietnamese, then to the key itself, so a page never fails for a missing message.
func (p Printer) T(key string, args ...any) string {
	msg, ok := catalogs[p.Lang][key]
	if !ok {
		msg, ok = catalogs[VI][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}
