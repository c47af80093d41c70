package calendar

import (
	"errors"
	"strings"
	"testing"
)

func TestOverridesAreValidated(t *testing.T) {
	cases := []struct {
		name     string
		ovr      []Override
		want     error
		mentions string // the error names the date (and why)
	}{
		{"closure on a public holiday", []Override{{Date: Date{2026, 4, 30}, Kind: Closure}}, ErrInvalid, "2026-04-30"},
		{"closure on a compensatory day", []Override{{Date: Date{2026, 4, 27}, Kind: Closure}}, ErrInvalid, "Nghỉ bù"},
		{"closure on a Sunday", []Override{{Date: Date{2026, 3, 8}, Kind: Closure}}, ErrInvalid, "2026-03-08"},
		{"closure on a working Saturday", []Override{{Date: Date{2026, 1, 10}, Kind: Closure}}, ErrInvalid, "Saturday"},
		{"working Saturday on a Monday", []Override{{Date: Date{2026, 3, 9}, Kind: WorkingSaturday}}, ErrInvalid, "2026-03-09"},
		{"working Saturday that already is one", []Override{{Date: Date{2026, 8, 22}, Kind: WorkingSaturday}}, ErrInvalid, "already"},
		{"working Saturday on National Day (Saturday 2 September 2028)", []Override{{Date: Date{2028, 9, 2}, Kind: WorkingSaturday}}, ErrInvalid, "public holiday"},
		{"closure and working Saturday on one date", []Override{
			{Date: Date{2026, 3, 14}, Kind: WorkingSaturday}, {Date: Date{2026, 3, 14}, Kind: Closure}}, ErrInvalid, "2026-03-14"},
		{"unknown kind", []Override{{Date: Date{2026, 3, 9}, Kind: "HOLIDAY"}}, ErrInvalid, "2026-03-09"},
		{"impossible date", []Override{{Date: Date{2026, 2, 30}, Kind: Closure}}, ErrInvalid, "2026-02-30"},
		{"outside the range", []Override{{Date: Date{2101, 1, 3}, Kind: Closure}}, ErrOutOfRange, "2101-01-03"},
	}
	for _, c := range cases {
		_, err := New(Options{Overrides: c.ovr})
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.mentions) {
			t.Errorf("%s: error %v, want %v mentioning %q", c.name, err, c.want, c.mentions)
		}
	}
}

func TestOverridesApply(t *testing.T) {
	c, err := New(Options{Overrides: []Override{
		{Date: Date{2026, 3, 9}, Kind: Closure, NameVI: "Bầu cử đại biểu Quốc hội", NameEN: "Election day"},
		{Date: Date{2026, 3, 9}, Kind: Closure}, // repeated: harmless
		{Date: Date{2026, 3, 14}, Kind: WorkingSaturday},
	}})
	if err != nil {
		t.Fatal(err)
	}
	closed := c.DayInfo(Date{2026, 3, 9})
	if closed.Working || closed.Kind != KindClosure || closed.NameVI() != "Bầu cử đại biểu Quốc hội" || closed.NameEN() != "Election day" {
		t.Errorf("closure: %+v", closed)
	}
	sat := c.DayInfo(Date{2026, 3, 14})
	if !sat.Working || sat.Kind != KindWorkingSaturday || sat.NameVI() != "Làm việc thứ Bảy" {
		t.Errorf("working Saturday: %+v", sat)
	}
	off, sats := daysOff(t, c, 2026)
	if !strings.Contains(strings.Join(off, " "), "2026-03-09") || strings.Join(sats, " ") != "2026-01-10 2026-03-14 2026-08-22" {
		t.Errorf("2026 with overrides: %v / %v", off, sats)
	}
	// The default calendar is untouched.
	if !Default().IsWorkingDay(Date{2026, 3, 9}) || Default().IsWorkingDay(Date{2026, 3, 14}) {
		t.Error("overrides leaked into Default()")
	}
	if len(c.Overrides()) != 3 {
		t.Error("Overrides() should return what was given")
	}
	// Deadlines see the overrides: Friday 13 March 09:00 + 1 working day lands on the working Saturday.
	d, err := c.Due(DueRequest{Received: Date{2026, 3, 13}.At(9, 0), Amount: 1, Unit: WorkingDay})
	if err != nil || !d.At.Equal(Date{2026, 3, 14}.At(9, 0)) {
		t.Errorf("due with a working Saturday: %v, %v", d.At, err)
	}
}

func TestParseOverrideKind(t *testing.T) {
	for in, want := range map[string]OverrideKind{"CLOSURE": Closure, "closure": Closure, " Working_Saturday ": WorkingSaturday} {
		if got, err := ParseOverrideKind(in); err != nil || got != want {
			t.Errorf("ParseOverrideKind(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseOverrideKind("HOLIDAY"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseOverrideKind(HOLIDAY) error = %v", err)
	}
}
