package form

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// Kind names a form by what it is, whatever its number in a circular.
type Kind string

// The forms.
const (
	Receipt    Kind = "receipt"    // giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)
	Supplement Kind = "supplement" // phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)
	Refusal    Kind = "refusal"    // phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)
	Apology    Kind = "apology"    // văn bản xin lỗi và đề nghị gia hạn (Mẫu 04)
	Stop       Kind = "stop"       // thông báo dừng giải quyết hồ sơ (Mẫu 05 of 2025 only)
	Control    Kind = "control"    // phiếu kiểm soát quá trình giải quyết hồ sơ (06 of 2025, 05 of 2018)
	Register   Kind = "register"   // sổ theo dõi hồ sơ (07 of 2025, 06 of 2018)
)

// Kinds returns every form kind, in the order of the 2025 numbering.
func Kinds() []Kind {
	return []Kind{Receipt, Supplement, Refusal, Apology, Stop, Control, Register}
}

// The circulars' sets.
const (
	Set2018 = "2018" // Circular 01/2018/TT-VPCP
	Set2025 = "2025" // Circular 03/2025/TT-VPCP
)

// Switch is the instant from which Circular 03/2025/TT-VPCP applies.
var Switch = time.Date(2025, 9, 15, 0, 0, 0, 0, calendar.Location)

// circular is one set of forms as read from sets/<id>.json.
type circular struct {
	ID       string            `json:"id"`
	Circular string            `json:"circular"`
	Basis    string            `json:"basis"`  // legal basis line printed under the form number
	Common   map[string]string `json:"common"` // wording shared by the forms
	Forms    map[Kind]spec     `json:"forms"`
}

// spec is one form of a set.
type spec struct {
	Number      string            `json:"number"` // "Mẫu số 01"
	Title       string            `json:"title"`
	Page        string            `json:"page"`        // "A5" or "A4"
	Orientation string            `json:"orientation"` // "P" or "L"
	Text        map[string]string `json:"text"`
}

//go:embed sets/*.json
var setFiles embed.FS

// sets are the circulars' sets, loaded once at start.
var sets = mustLoadSets()

func mustLoadSets() map[string]*circular {
	out := map[string]*circular{}
	entries, err := setFiles.ReadDir("sets")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := setFiles.ReadFile("sets/" + e.Name())
		if err != nil {
			panic(err)
		}
		var c circular
		if err := json.Unmarshal(b, &c); err != nil {
			panic(fmt.Sprintf("form: set %s: %v", e.Name(), err))
		}
		if c.ID+".json" != e.Name() {
			panic(fmt.Sprintf("form: set %s has id %q", e.Name(), c.ID))
		}
		out[c.ID] = &c
	}
	return out
}

// Sets returns the identifiers of the circulars' sets, oldest first:
// "2018", "2025".
func Sets() []string {
	out := make([]string, 0, len(sets))
	for id := range sets {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// SetFor returns the set a dossier's forms follow: "2018" when it was
// received before 15 September 2025 00:00 (Asia/Ho_Chi_Minh) or, if it was
// never received, submitted or refused before then; "2025" otherwise,
// including a dossier with no date at all. It never fails.
func SetFor(d dossier.Dossier) string {
	at := d.ReceivedAt
	if at.IsZero() {
		at = d.SubmittedAt
	}
	if at.IsZero() {
		at = d.Refusal.At
	}
	if !at.IsZero() && at.Before(Switch) {
		return Set2018
	}
	return Set2025
}

// Title returns the title of form k in set ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ
// KẾT QUẢ") and its number ("Mẫu số 01"). Errors as lookup: Invalid naming
// "set" or "form", Conflict (form.set.lacks) when the set has no such form.
func Title(k Kind, set string) (title, number string, err error) {
	_, s, err := lookup(k, set)
	if err != nil {
		return "", "", err
	}
	return s.Title, s.Number, nil
}

// lookup returns the set and the form's spec. Errors: Invalid naming "set"
// (form.set.unknown) for an unknown set, naming "form" (form.unknown) for an
// unknown kind; Conflict (form.set.lacks) when the set has no such form
// (the stop notice in 2018).
func lookup(k Kind, set string) (*circular, spec, error) {
	var f fault.Fields
	c, ok := sets[set]
	if !ok {
		f.Add("set", "form.set.unknown", set)
	}
	if !slices.Contains(Kinds(), k) {
		f.Add("form", "form.unknown", string(k))
	}
	if err := f.Err(); err != nil {
		return nil, spec{}, err
	}
	s, ok := c.Forms[k]
	if !ok {
		return nil, spec{}, fault.New(fault.Conflict, "form.set.lacks", c.ID, string(k))
	}
	return c, s, nil
}

// text returns the wording of key for the form (its own, else the set's
// common wording) with {name} placeholders replaced by the pairs; ok is false
// when neither holds the key.
func (c *circular) text(s spec, key string, pairs ...string) (string, bool) {
	t, ok := s.Text[key]
	if !ok {
		t, ok = c.Common[key]
	}
	if !ok {
		return "", false
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		t = strings.ReplaceAll(t, "{"+pairs[i]+"}", pairs[i+1])
	}
	return t, true
}
