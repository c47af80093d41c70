package form

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

func TestApplies(t *testing.T) {
	ok := func(kinds ...Kind) map[Kind]bool {
		m := map[Kind]bool{}
		for _, k := range kinds {
			m[k] = true
		}
		return m
	}
	tests := []struct {
		state string
		build fixture
		ok    map[Kind]bool
	}{
		{"received", received, ok(Receipt, Control, Register)},
		{"processing", processing, ok(Receipt, Control, Register)},
		{"awaiting supplement", supplementing, ok(Receipt, Control, Register, Supplement)},
		{"rescheduled", rescheduled, ok(Receipt, Control, Register, Apology)},
		{"returned after reschedule", returned, ok(Receipt, Control, Register, Apology)},
		{"withdrawal requested", withdrawing, ok(Receipt, Control, Register)},
		{"stopped", stopped, ok(Receipt, Control, Register, Stop)},
		{"refused at reception", refused, ok(Refusal)},
		{"refused after appraisal", refusedAfterAppraisal, ok(Receipt, Control, Register, Refusal)},
		{"not recorded", func(time.Time, string) (dossier.Dossier, []dossier.Event) { return dossier.Dossier{}, nil }, ok()},
	}
	for _, tc := range tests {
		d, _ := tc.build(now2026, codeFor(Set2025))
		for _, k := range Kinds() {
			err := Applies(k, d)
			switch {
			case tc.ok[k] && err != nil:
				t.Errorf("%s, %s: %v", tc.state, k, err)
			case !tc.ok[k] && !fault.Is(err, fault.Conflict):
				t.Errorf("%s, %s: %v, want a conflict", tc.state, k, err)
			case !tc.ok[k]:
				fe := fault.As(err)
				if fe.Message.Key != "form.not_applicable" || len(fe.Message.Args) != 4 || fe.Message.Args[1] != string(k) ||
					fe.Message.Args[2] != d.Status.NameVI() {
					t.Errorf("%s, %s: message %+v", tc.state, k, fe.Message)
				}
			}
		}
	}
	err := Applies("letter", dossier.Dossier{})
	if fe := fault.As(err); fe.Kind != fault.Invalid || fe.Fields["form"].Key != "form.unknown" {
		t.Errorf("unknown kind: %v", err)
	}
}

func TestSetFor(t *testing.T) {
	tests := []struct {
		name string
		d    dossier.Dossier
		want string
	}{
		{"received the minute before", dossier.Dossier{ReceivedAt: at(2025, time.September, 14, 23, 59)}, Set2018},
		{"received at the switch", dossier.Dossier{ReceivedAt: at(2025, time.September, 15, 0, 0)}, Set2025},
		{"received before, in UTC", dossier.Dossier{ReceivedAt: time.Date(2025, time.September, 14, 16, 59, 0, 0, time.UTC)}, Set2018},
		{"received at the switch, in UTC", dossier.Dossier{ReceivedAt: time.Date(2025, time.September, 14, 17, 0, 0, 0, time.UTC)}, Set2025},
		{"submitted before, never received", dossier.Dossier{SubmittedAt: at(2025, time.September, 10, 8, 0)}, Set2018},
		{"submitted before, received after", dossier.Dossier{SubmittedAt: at(2025, time.September, 12, 8, 0), ReceivedAt: at(2025, time.September, 16, 8, 0)}, Set2025},
		{"refused before", dossier.Dossier{Refusal: dossier.Refusal{At: at(2024, time.March, 1, 9, 0)}}, Set2018},
		{"refused after", dossier.Dossier{Refusal: dossier.Refusal{At: at(2026, time.March, 1, 9, 0)}}, Set2025},
		{"no date at all", dossier.Dossier{}, Set2025},
	}
	for _, tc := range tests {
		if got := SetFor(tc.d); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if got := Sets(); !slices.Equal(got, []string{Set2018, Set2025}) {
		t.Errorf("Sets = %v", got)
	}
}

func TestRenderErrors(t *testing.T) {
	d, ev := stopped(now2026, codeFor(Set2025))
	tests := []struct {
		name  string
		kind  Kind
		set   string
		d     dossier.Dossier
		kind_ fault.Kind
		key   string
		field string
	}{
		{"unknown set", Receipt, "2030", d, fault.Invalid, "form.set.unknown", "set"},
		{"unknown form", "letter", Set2025, d, fault.Invalid, "form.unknown", "form"},
		{"stop in 2018", Stop, Set2018, d, fault.Conflict, "form.set.lacks", ""},
		{"apology never rescheduled", Apology, Set2025, d, fault.Conflict, "form.not_applicable", ""},
	}
	for _, tc := range tests {
		err := Render(io.Discard, tc.kind, tc.set, tc.d, ev, context())
		fe := fault.As(err)
		if fe.Kind != tc.kind_ {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		key := fe.Message.Key
		if tc.field != "" {
			key = fe.Fields[tc.field].Key
		}
		if key != tc.key {
			t.Errorf("%s: key %s, want %s (%v)", tc.name, key, tc.key, err)
		}
		if !slices.Contains(MessageKeys(), tc.key) {
			t.Errorf("%s: %s not in MessageKeys", tc.name, tc.key)
		}
	}
	// A writer that fails gives an internal error.
	if err := Render(failWriter{}, Stop, Set2025, d, ev, context()); !fault.Is(err, fault.Internal) {
		t.Errorf("failing writer: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// Both sets give every wording the layout asks for: rendering every form of
// every set with every fixture reports no missing key.
func TestSetsComplete(t *testing.T) {
	for _, set := range Sets() {
		for _, fx := range []fixture{received, supplementing, returned, stopped, refused, refusedAfterAppraisal} {
			d, ev := fx(now2026, codeFor(set))
			for _, k := range Kinds() {
				if Applies(k, d) != nil {
					continue
				}
				err := Render(io.Discard, k, set, d, ev, Context{UnitName: unitName})
				if k == Stop && set == Set2018 {
					if !fault.Is(err, fault.Conflict) {
						t.Errorf("stop in 2018: %v", err)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s %s: %v", set, k, err)
				}
			}
		}
		c := sets[set]
		for k, s := range c.Forms {
			if s.Number == "" || s.Title == "" || (s.Page != "A4" && s.Page != "A5") || (s.Orientation != "P" && s.Orientation != "L") {
				t.Errorf("%s %s: incomplete spec %+v", set, k, s)
			}
		}
	}
	if s := sets[Set2025].Forms[Control]; s.Page != "A5" || s.Number != "Mẫu số 06" {
		t.Errorf("2025 control slip: %+v", s)
	}
	// Forms print on A5 and the register on A4, in both sets (domain.md §7).
	for _, set := range []string{Set2025, Set2018} {
		for k, f := range sets[set].Forms {
			if want := map[bool]string{true: "A4", false: "A5"}[k == Register]; f.Page != want {
				t.Errorf("set %s, %s: printed on %s, want %s", set, k, f.Page, want)
			}
		}
	}
	if s := sets[Set2025].Forms[Register]; s.Page != "A4" || s.Orientation != "L" || s.Number != "Mẫu số 07" {
		t.Errorf("2025 register: %+v", s)
	}
	if s := sets[Set2018].Forms[Control]; s.Number != "Mẫu số 05" {
		t.Errorf("2018 control slip: %+v", s)
	}
	if _, ok := sets[Set2018].Forms[Stop]; ok {
		t.Error("the 2018 set has a stop notice")
	}
}

// A guidance at the desk, with no dossier, prints without a lookup address.
func TestRenderGuidance(t *testing.T) {
	g := dossier.Guidance{At: now2026, Stage: "reception", ProcedureCode: "1.001193", ProcedureName: "Đăng ký khai sinh",
		Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: applicant, IDNumber: "027190001234"},
		Items:     guidanceItems, Officer: "nhunglt", OfficerName: officer, Contact: "0222 3822 456"}
	var buf bytes.Buffer
	if err := RenderGuidance(&buf, Set2025, g, unitName, context()); err != nil {
		t.Fatal(err)
	}
	pagePNG(t, buf.Bytes(), pngDir(t), "2025_desk_guidance")
	text := squash(pdfText(t, buf.Bytes()))
	if q := qrFromPDF(t, buf.Bytes()); q["url"] != "" || q["code"] != "" || q["applicant"] != "027190001234" ||
		q["procedure"] != "1.001193" || q["document"] != "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" {
		t.Errorf("desk guidance QR = %v", q)
	}
	buf.Reset()
	for _, w := range []string{"PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", applicant, "Văn bản ủy quyền", "tẩy xóa", officer, "Số: ……………"} {
		if !bytes.Contains([]byte(text), []byte(w)) {
			t.Errorf("desk guidance lacks %q", w)
		}
	}
	g.At = old2025
	if err := RenderGuidance(&buf, "", g, "", context()); err != nil {
		t.Fatal(err)
	}
	if text := squash(pdfText(t, buf.Bytes())); !bytes.Contains([]byte(text), []byte("Thông tư số 01/2018/TT-VPCP")) {
		t.Errorf("a guidance of June 2025 does not follow the 2018 set: %s", text)
	}
	if err := RenderGuidance(io.Discard, "1999", g, unitName, context()); !fault.Is(err, fault.Invalid) {
		t.Errorf("unknown set: %v", err)
	}
}
