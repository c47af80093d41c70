package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// ict parses "2026-02-13 16:00" in Vietnam time.
func ict(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, Location)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func clock(h, m int) *Clock { return &Clock{h, m} }

// Golden deadlines with the default calendar (07:00–11:30, 13:30–17:00, the
// official schedule). Each case says in words why the answer is what it is.
func TestDueGolden(t *testing.T) {
	cases := []struct {
		name     string
		received string
		amount   int
		unit     TimeUnit
		cutoff   *Clock
		start    string
		due      string
		skipped  string // dates of the rest days listed, space-separated
	}{
		// The command-line contract.
		{"contract: Friday 16:00 before Tết 2026, 3 working days: 1h Friday, Tết week skipped, 8h Mon 23 and Tue 24, 7h Wed 25",
			"2026-02-13 16:00", 3, WorkingDay, nil, "2026-02-13 16:00", "2026-02-25 16:00",
			"2026-02-14 2026-02-15 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22"},
		{"spec: Monday 09:00 + 3 working days = Thursday 09:00",
			"2026-03-09 09:00", 3, WorkingDay, nil, "2026-03-09 09:00", "2026-03-12 09:00", ""},

		// Cut-off hour.
		{"after the 15:00 cut-off, same-day procedure: next working day's closing",
			"2026-03-09 15:30", 0, WorkingDay, clock(15, 0), "2026-03-10 07:00", "2026-03-10 17:00", ""},
		{"at 15:00 exactly is not after the cut-off: closing today",
			"2026-03-09 15:00", 0, WorkingDay, clock(15, 0), "2026-03-09 15:00", "2026-03-09 17:00", ""},
		{"after the cut-off, 1 working day: the whole next day, due at its 17:00 (not the morning after)",
			"2026-03-09 15:30", 1, WorkingDay, clock(15, 0), "2026-03-10 07:00", "2026-03-10 17:00", ""},
		{"after the cut-off on Friday: starts Monday",
			"2026-03-13 16:00", 1, WorkingDay, clock(15, 0), "2026-03-16 07:00", "2026-03-16 17:00", "2026-03-14 2026-03-15"},
		{"no cut-off: Monday 15:30 + 1 working day = Tuesday 15:30",
			"2026-03-09 15:30", 1, WorkingDay, nil, "2026-03-09 15:30", "2026-03-10 15:30", ""},
		{"cut-off on a Sunday does not matter: the clock starts Monday 07:00 anyway",
			"2026-03-08 16:00", 0, WorkingDay, clock(15, 0), "2026-03-09 07:00", "2026-03-09 17:00", "2026-03-08"},

		// Lunch break and period ends.
		{"received in the lunch break: the clock starts at 13:30",
			"2026-03-09 12:00", 1, WorkingHour, nil, "2026-03-09 13:30", "2026-03-09 14:30", ""},
		{"morning time that runs out at 11:30 is due at 11:30, not 13:30",
			"2026-03-09 10:30", 1, WorkingHour, nil, "2026-03-09 10:30", "2026-03-09 11:30", ""},
		{"2 working hours from 10:30 cross the lunch break",
			"2026-03-09 10:30", 2, WorkingHour, nil, "2026-03-09 10:30", "2026-03-09 14:30", ""},
		{"8 working hours from 07:00 end at 17:00 the same day",
			"2026-03-09 07:00", 8, WorkingHour, nil, "2026-03-09 07:00", "2026-03-09 17:00", ""},

		// Ends of the week and odd hours.
		{"Friday 16:59 + 1 working hour: 1 minute Friday, 59 Monday morning",
			"2026-03-13 16:59", 1, WorkingHour, nil, "2026-03-13 16:59", "2026-03-16 07:59", "2026-03-14 2026-03-15"},
		{"Friday 16:59, same-day procedure: Friday 17:00",
			"2026-03-13 16:59", 0, WorkingDay, nil, "2026-03-13 16:59", "2026-03-13 17:00", ""},
		{"received at 17:00 sharp: the desk is closed, the clock starts next morning",
			"2026-03-10 17:00", 1, WorkingHour, nil, "2026-03-11 07:00", "2026-03-11 08:00", ""},
		{"received at 06:00: the clock starts at the 07:00 opening",
			"2026-03-10 06:00", 2, WorkingHour, nil, "2026-03-10 07:00", "2026-03-10 09:00", ""},
		{"received on Sunday, same-day procedure: Monday 17:00",
			"2026-03-08 10:00", 0, WorkingDay, nil, "2026-03-09 07:00", "2026-03-09 17:00", "2026-03-08"},
		{"received on Sunday, 2 working days: Monday 07:00 + 16h = Tuesday 17:00",
			"2026-03-08 10:00", 2, WorkingDay, nil, "2026-03-09 07:00", "2026-03-10 17:00", "2026-03-08"},
		{"same-day procedure counted in hours too",
			"2026-03-09 09:00", 0, WorkingHour, nil, "2026-03-09 09:00", "2026-03-09 17:00", ""},

		// Tết, working Saturdays, year ends, the reform year.
		{"eve of Tết: Friday 13 Feb 2026 10:00 + 5 working days skips the Tết week",
			"2026-02-13 10:00", 5, WorkingDay, nil, "2026-02-13 10:00", "2026-02-27 10:00",
			"2026-02-14 2026-02-15 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22"},
		{"received during Tết: the clock starts when the desk reopens",
			"2026-02-18 09:00", 1, WorkingDay, nil, "2026-02-23 07:00", "2026-02-23 17:00",
			"2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22"},
		{"a working Saturday counts: Friday 9 Jan 2026 09:00 + 1 working day = Saturday 10 Jan 09:00",
			"2026-01-09 09:00", 1, WorkingDay, nil, "2026-01-09 09:00", "2026-01-10 09:00", ""},
		{"received on a working Saturday: it is working time",
			"2026-01-10 09:00", 1, WorkingDay, nil, "2026-01-10 09:00", "2026-01-12 09:00", "2026-01-11"},
		{"across the year end: 31 Dec 2025 14:00 + 2 working days; 1 Jan holiday, 2 Jan swapped",
			"2025-12-31 14:00", 2, WorkingDay, nil, "2025-12-31 14:00", "2026-01-06 14:00",
			"2026-01-01 2026-01-02 2026-01-03 2026-01-04"},
		{"reform year 2020: only 2/9 off, Tue 1 Sep + 2 working days = Fri 4 Sep",
			"2020-09-01 09:00", 2, WorkingDay, nil, "2020-09-01 09:00", "2020-09-04 09:00", "2020-09-02"},
		{"2021, Labour Code 2019: 2/9 and 3/9 off, Wed 1 Sep + 2 working days = Tue 7 Sep",
			"2021-09-01 09:00", 2, WorkingDay, nil, "2021-09-01 09:00", "2021-09-07 09:00",
			"2021-09-02 2021-09-03 2021-09-04 2021-09-05"},
		{"rule-generated year 2030: Tết week (1–7 Feb off) skipped",
			"2030-01-31 09:00", 2, WorkingDay, nil, "2030-01-31 09:00", "2030-02-11 09:00",
			"2030-02-01 2030-02-02 2030-02-03 2030-02-04 2030-02-05 2030-02-06 2030-02-07 2030-02-09 2030-02-10"},
		{"big N: 200 working days from Monday 5 Jan 2026 08:00",
			"2026-01-05 08:00", 200, WorkingDay, nil, "2026-01-05 08:00", "2026-10-23 08:00", "*"},

		// Calendar units.
		{"15 days: the closing time of the 15th day after the start day",
			"2026-03-09 10:00", 15, Day, nil, "2026-03-09 10:00", "2026-03-24 17:00", ""},
		{"5 days landing on a Saturday: Monday's closing",
			"2026-03-09 10:00", 5, Day, nil, "2026-03-09 10:00", "2026-03-16 17:00", "2026-03-14 2026-03-15"},
		{"10 days landing in Tết: the first working day after it",
			"2026-02-06 09:00", 10, Day, nil, "2026-02-06 09:00", "2026-02-23 17:00",
			"2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22"},
		{"days counted from the start day: received Saturday, 3 days from Monday",
			"2026-03-07 10:00", 3, Day, nil, "2026-03-09 07:00", "2026-03-12 17:00", ""},
		{"days after the cut-off count from the next working day",
			"2026-03-09 16:00", 1, Day, clock(15, 0), "2026-03-10 07:00", "2026-03-11 17:00", ""},
		{"2 months from 31 July is 30 September (clamped to the month's end)",
			"2026-07-31 09:00", 2, Month, nil, "2026-07-31 09:00", "2026-09-30 17:00", ""},
		{"31 January 2025 was in Tết: the clock starts Monday 3 February, 1 month later is 3 March",
			"2025-01-31 09:00", 1, Month, nil, "2025-02-03 07:00", "2025-03-03 17:00", ""},
		{"1 month from 31 January 2024 is 29 February (leap year)",
			"2024-01-31 09:00", 1, Month, nil, "2024-01-31 09:00", "2024-02-29 17:00", ""},
		{"1 month landing on 30 April: past 30/4, 1/5 and the weekend to Monday 4 May",
			"2026-03-30 09:00", 1, Month, nil, "2026-03-30 09:00", "2026-05-04 17:00",
			"2026-04-30 2026-05-01 2026-05-02 2026-05-03"},
		{"3 months across the year end",
			"2025-11-14 09:00", 3, Month, nil, "2025-11-14 09:00", "2026-02-23 17:00",
			"2026-02-14 2026-02-15 2026-02-16 2026-02-17 2026-02-18 2026-02-19 2026-02-20 2026-02-21 2026-02-22"},
		{"0 days: closing time of the start day",
			"2026-03-09 09:00", 0, Day, nil, "2026-03-09 09:00", "2026-03-09 17:00", ""},
	}
	c := Default()
	for _, tc := range cases {
		got, err := c.Due(DueRequest{Received: ict(t, tc.received), Amount: tc.amount, Unit: tc.unit, Cutoff: tc.cutoff})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !got.At.Equal(ict(t, tc.due)) || !got.Start.Equal(ict(t, tc.start)) {
			t.Errorf("%s:\n got  start %s due %s\n want start %s due %s", tc.name,
				got.Start.Format("2006-01-02 15:04"), got.At.Format("2006-01-02 15:04"), tc.start, tc.due)
		}
		if got.At.Location() != Location {
			t.Errorf("%s: due not in Location", tc.name)
		}
		if got.AfterCutoff != (tc.cutoff != nil && tc.start[:10] != tc.received[:10] && c.IsWorkingDay(mustDate(t, tc.received[:10]))) {
			t.Errorf("%s: AfterCutoff = %v", tc.name, got.AfterCutoff)
		}
		if tc.skipped == "*" {
			continue
		}
		var skipped []string
		for _, s := range got.Skipped {
			skipped = append(skipped, s.Date.String())
			if s.NameVI == "" || s.NameEN == "" {
				t.Errorf("%s: unnamed skip %+v", tc.name, s)
			}
		}
		if strings.Join(skipped, " ") != tc.skipped {
			t.Errorf("%s: skipped %v, want %s", tc.name, skipped, tc.skipped)
		}
	}
}

func TestDueContractRFC3339(t *testing.T) {
	received, _ := time.Parse(time.RFC3339, "2026-02-13T16:00:00+07:00")
	d, err := Default().Due(DueRequest{Received: received, Amount: 3, Unit: WorkingDay})
	if err != nil || d.At.Format(time.RFC3339) != "2026-02-25T16:00:00+07:00" {
		t.Fatalf("contract: %v %v", d.At.Format(time.RFC3339), err)
	}
	// The same instant given in UTC gives the same answer, printed in +07:00.
	d2, _ := Default().Due(DueRequest{Received: received.UTC(), Amount: 3, Unit: WorkingDay})
	if d2.At.Format(time.RFC3339) != "2026-02-25T16:00:00+07:00" {
		t.Fatalf("from UTC: %s", d2.At.Format(time.RFC3339))
	}
	if s := d.Skipped[2]; s.Kind != KindHoliday || s.NameVI != "Tết Nguyên đán" || s.NameEN != "Lunar New Year" {
		t.Errorf("skip explanation: %+v", s)
	}
	if s := d.Skipped[0]; s.Kind != KindWeekend || s.NameVI != "Thứ Bảy" || s.NameEN != "Saturday" {
		t.Errorf("weekend explanation: %+v", s)
	}
}

func TestDueRefusesBadInput(t *testing.T) {
	ok := ict(t, "2026-03-09 09:00")
	cases := []struct {
		name string
		req  DueRequest
		want error
	}{
		{"negative time", DueRequest{Received: ok, Amount: -1, Unit: WorkingDay}, ErrInvalid},
		{"unknown unit", DueRequest{Received: ok, Amount: 1, Unit: "WEEK"}, ErrInvalid},
		{"lower-case unit (use ParseTimeUnit)", DueRequest{Received: ok, Amount: 1, Unit: "working_day"}, ErrInvalid},
		{"empty unit", DueRequest{Received: ok, Amount: 1}, ErrInvalid},
		{"invalid cut-off", DueRequest{Received: ok, Amount: 1, Unit: WorkingDay, Cutoff: clock(25, 0)}, ErrInvalid},
		{"absurd amount", DueRequest{Received: ok, Amount: 1 << 40, Unit: WorkingHour}, ErrInvalid},
		{"received before 1900", DueRequest{Received: time.Date(1899, 12, 31, 9, 0, 0, 0, Location), Amount: 1, Unit: WorkingDay}, ErrOutOfRange},
		{"zero time", DueRequest{Amount: 1, Unit: WorkingDay}, ErrOutOfRange},
		{"due after 2100", DueRequest{Received: ict(t, "2100-12-28 09:00"), Amount: 10, Unit: WorkingDay}, ErrOutOfRange},
		{"calendar due after 2100", DueRequest{Received: ict(t, "2100-12-28 09:00"), Amount: 2, Unit: Month}, ErrOutOfRange},
		{"received after the last working day", DueRequest{Received: ict(t, "2100-12-31 18:00"), Amount: 0, Unit: WorkingDay}, ErrOutOfRange},
	}
	for _, c := range cases {
		if _, err := Default().Due(c.req); !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		}
	}
}

func TestParseTimeUnit(t *testing.T) {
	for in, want := range map[string]TimeUnit{"WORKING_DAY": WorkingDay, "working_hour": WorkingHour, " Day ": Day, "MONTH": Month} {
		if got, err := ParseTimeUnit(in); err != nil || got != want {
			t.Errorf("ParseTimeUnit(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseTimeUnit("WEEK"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseTimeUnit(WEEK): %v", err)
	}
}

// With other desk hours, a working day is their length (7h30 here).
func TestDueWithUnitHours(t *testing.T) {
	h, err := ParseHours("07:30-11:30,13:00-16:30")
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{Hours: h})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, received, due string }{
		{"Monday 08:00 + 1 working day = Tuesday 08:00", "2026-03-09 08:00", "2026-03-10 08:00"},
		{"received 07:00, before this unit opens: Monday 07:30 + 7h30 = 16:30", "2026-03-09 07:00", "2026-03-09 16:30"},
		{"received 12:00, in this unit's lunch: 13:00–16:30 then 07:30–11:30 = 7h30, due at 11:30", "2026-03-09 12:00", "2026-03-10 11:30"},
	}
	for _, tc := range cases {
		got, err := c.Due(DueRequest{Received: ict(t, tc.received), Amount: 1, Unit: WorkingDay})
		if err != nil || !got.At.Equal(ict(t, tc.due)) {
			t.Errorf("%s: got %s, %v", tc.name, got.At.Format("2006-01-02 15:04"), err)
		}
	}
	zero, _ := c.Due(DueRequest{Received: ict(t, "2026-03-09 09:00"), Unit: WorkingDay})
	if !zero.At.Equal(ict(t, "2026-03-09 16:30")) {
		t.Errorf("same-day with 16:30 closing: %v", zero.At)
	}
}
