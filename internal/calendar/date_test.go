package calendar

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	good := []string{"1900-01-01", "2026-02-28", "2024-02-29", "2000-02-29", "2100-12-31"}
	for _, s := range good {
		d, err := ParseDate(s)
		if err != nil || d.String() != s {
			t.Errorf("ParseDate(%q) = %v, %v; want it back", s, d, err)
		}
	}
	bad := []struct {
		in   string
		want error
	}{
		{"2026-02-30", ErrInvalid},    // no such day
		{"2100-02-29", ErrInvalid},    // 2100 is not a leap year
		{"2026-13-01", ErrInvalid},    // no such month
		{"2026-00-10", ErrInvalid},    // no month 0
		{"2026-1-5", ErrInvalid},      // not zero-padded
		{"2026/01/05", ErrInvalid},    // wrong separator
		{"2026-01-05 ", ErrInvalid},   // trailing space
		{"+026-01-05", ErrInvalid},    // sign
		{"", ErrInvalid},              // empty
		{"1899-12-31", ErrOutOfRange}, // before the range
		{"2101-01-01", ErrOutOfRange}, // after the range
	}
	for _, c := range bad {
		if _, err := ParseDate(c.in); !errors.Is(err, c.want) {
			t.Errorf("ParseDate(%q) error = %v, want %v", c.in, err, c.want)
		}
	}
}

// Every day of the range agrees with the time package on weekday, day
// arithmetic and the date of an instant.
func TestDateAgreesWithTimePackage(t *testing.T) {
	tm := time.Date(1900, 1, 1, 0, 0, 0, 0, Location)
	d := Date{1900, 1, 1}
	for n := 0; n < numDays; n++ {
		want := Date{tm.Year(), tm.Month(), tm.Day()}
		if d != want {
			t.Fatalf("day %d: AddDays chain gives %v, time gives %v", n, d, want)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v: Weekday %v, want %v", d, d.Weekday(), tm.Weekday())
		}
		if got := DateOf(tm.Add(23*time.Hour + 59*time.Minute)); got != d {
			t.Fatalf("DateOf(%v 23:59) = %v", d, got)
		}
		if idx, ok := dayIndex(d); !ok || idx != n || weekdayAt(idx) != d.Weekday() || dateAt(idx) != d {
			t.Fatalf("%v: index %d/%v", d, idx, ok)
		}
		d = d.AddDays(1)
		tm = tm.AddDate(0, 0, 1)
	}
}

func TestDateOfUsesVietnamTime(t *testing.T) {
	// 17:30 UTC on 31 December is already 00:30 on 1 January in Vietnam.
	utc := time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC)
	if got := DateOf(utc); got != (Date{2026, 1, 1}) {
		t.Errorf("DateOf(%v) = %v, want 2026-01-01", utc, got)
	}
	if got := (Date{2026, 2, 25}).At(16, 0).Format(time.RFC3339); got != "2026-02-25T16:00:00+07:00" {
		t.Errorf("At = %s", got)
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	cases := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"31 January + 1 month = end of February", "2025-01-31", 1, "2025-02-28"},
		{"in a leap year, 29 February", "2024-01-31", 1, "2024-02-29"},
		{"31 March + 1 month = 30 April", "2026-03-31", 1, "2026-04-30"},
		{"across the year end", "2025-11-30", 3, "2026-02-28"},
		{"12 months", "2024-02-29", 12, "2025-02-28"},
		{"backwards", "2026-03-31", -1, "2026-02-28"},
		{"plain", "2026-03-15", 2, "2026-05-15"},
	}
	for _, c := range cases {
		if got := mustDate(t, c.from).AddMonths(c.n).String(); got != c.want {
			t.Errorf("%s: %s + %d months = %s, want %s", c.name, c.from, c.n, got, c.want)
		}
	}
}

func TestDateCompareAndJSON(t *testing.T) {
	a, b := mustDate(t, "2026-01-01"), mustDate(t, "2026-01-02")
	if !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 || b.Sub(a) != 1 {
		t.Error("comparison of 2026-01-01 and 2026-01-02 is wrong")
	}
	raw, err := json.Marshal(struct{ D Date }{a})
	if err != nil || string(raw) != `{"D":"2026-01-01"}` {
		t.Errorf("json = %s, %v", raw, err)
	}
	var back struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2026-02-30"}`), &back); !errors.Is(err, ErrInvalid) {
		t.Errorf("unmarshal of an impossible date: %v", err)
	}
	if (Date{}).Valid() || !a.Valid() {
		t.Error("Valid is wrong")
	}
}
