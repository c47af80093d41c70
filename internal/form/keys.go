package form

import "slices"

// MessageKeys returns every message key the package puts in a fault, sorted:
// form.not_applicable (form title, kind, status name in Vietnamese, in
// English), form.unknown (kind), form.set.unknown (set), form.set.lacks
// (set, kind).
func MessageKeys() []string {
	keys := []string{"form.not_applicable", "form.unknown", "form.set.unknown", "form.set.lacks"}
	slices.Sort(keys)
	return keys
}
