package calendar

import (
	"math/rand"
	"testing"
	"time"
)

func TestIsWorkingTime(t *testing.T) {
	cases := []struct {
		name string
		at   string
		want bool
	}{
		{"07:00 opening is working time", "2026-03-09 07:00", true},
		{"06:59 is not", "2026-03-09 06:59", false},
		{"11:29 is", "2026-03-09 11:29", true},
		{"11:30, lunch, is not", "2026-03-09 11:30", false},
		{"13:30 is", "2026-03-09 13:30", true},
		{"17:00 closing is not", "2026-03-09 17:00", false},
		{"a normal Saturday is not", "2026-03-14 09:00", false},
		{"a working Saturday is", "2026-01-10 09:00", true},
		{"Tết is not", "2026-02-17 09:00", false},
	}
	for _, c := range cases {
		if got := Default().IsWorkingTime(ict(t, c.at)); got != c.want {
			t.Errorf("%s: IsWorkingTime(%s) = %v", c.name, c.at, got)
		}
	}
	if Default().IsWorkingTime(time.Time{}) {
		t.Error("the zero time is not working time")
	}
}

func TestNextWorkingInstant(t *testing.T) {
	cases := []struct{ name, at, want string }{
		{"working time is itself", "2026-03-09 09:15", "2026-03-09 09:15"},
		{"lunch goes to 13:30", "2026-03-09 12:00", "2026-03-09 13:30"},
		{"11:30 goes to 13:30", "2026-03-09 11:30", "2026-03-09 13:30"},
		{"evening goes to next morning", "2026-03-09 19:00", "2026-03-10 07:00"},
		{"17:00 goes to next morning", "2026-03-09 17:00", "2026-03-10 07:00"},
		{"Friday evening before Tết goes to the Monday after it", "2026-02-13 18:00", "2026-02-23 07:00"},
		{"Friday 9 Jan 2026 evening goes to the working Saturday", "2026-01-09 18:00", "2026-01-10 07:00"},
	}
	for _, c := range cases {
		if got := Default().NextWorkingInstant(ict(t, c.at)); !got.Equal(ict(t, c.want)) || got.Location() != Location {
			t.Errorf("%s: NextWorkingInstant(%s) = %v", c.name, c.at, got)
		}
	}
	if !Default().NextWorkingInstant(ict(t, "2100-12-31 18:00")).IsZero() {
		t.Error("no working instant after 2100-12-31 17:00")
	}
}

func TestAddWorkingHoursEdges(t *testing.T) {
	c := Default()
	cases := []struct {
		name string
		at   string
		d    time.Duration
		want string
	}{
		{"zero duration returns t, even at night", "2026-03-09 20:00", 0, "2026-03-09 20:00"},
		{"from the night: starts at the next opening", "2026-03-09 20:00", time.Hour, "2026-03-10 08:00"},
		{"exactly to 11:30", "2026-03-09 07:00", 4*time.Hour + 30*time.Minute, "2026-03-09 11:30"},
		{"one minute past 11:30 of working time is 13:31", "2026-03-09 07:00", 4*time.Hour + 31*time.Minute, "2026-03-09 13:31"},
		{"seconds are kept", "2026-03-09 07:00", 90 * time.Second, "2026-03-09 07:01"},
	}
	for _, tc := range cases {
		got := c.AddWorkingHours(ict(t, tc.at), tc.d)
		want := ict(t, tc.want)
		if tc.name == "seconds are kept" {
			want = want.Add(30 * time.Second)
		}
		if !got.Equal(want) {
			t.Errorf("%s: got %v", tc.name, got)
		}
	}
	if !c.AddWorkingHours(ict(t, "2026-03-09 09:00"), -time.Hour).IsZero() {
		t.Error("negative duration must give the zero Time")
	}
	if !c.AddWorkingDays(ict(t, "2026-03-09 09:00"), -1).IsZero() {
		t.Error("negative days must give the zero Time")
	}
	if !c.AddWorkingDays(ict(t, "2100-12-01 09:00"), 100).IsZero() {
		t.Error("a result after 2100 must give the zero Time")
	}
	if !c.AddWorkingHours(ict(t, "2026-03-09 09:00"), time.Duration(1<<62)).IsZero() {
		t.Error("a huge duration must give the zero Time")
	}
}

func TestWorkingTimeBetweenAndPause(t *testing.T) {
	c := Default()
	between := []struct {
		name string
		a, b string
		want time.Duration
	}{
		{"a working day", "2026-03-09 07:00", "2026-03-09 17:00", 8 * time.Hour},
		{"over lunch", "2026-03-09 11:00", "2026-03-09 14:00", time.Hour},
		{"over a weekend", "2026-03-13 16:00", "2026-03-16 08:00", 2 * time.Hour},
		{"over Tết 2026", "2026-02-13 07:00", "2026-02-23 17:00", 16 * time.Hour},
		{"reversed is negative", "2026-03-09 17:00", "2026-03-09 07:00", -8 * time.Hour},
		{"a night", "2026-03-09 17:00", "2026-03-10 07:00", 0},
	}
	for _, tc := range between {
		if got := c.WorkingTimeBetween(ict(t, tc.a), ict(t, tc.b)); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	pause := []struct {
		name          string
		due, from, to string
		want          string
	}{
		{"one working day waiting for fees moves the due by a day", "2026-03-12 09:00", "2026-03-09 10:00", "2026-03-10 10:00", "2026-03-13 09:00"},
		{"waiting over a weekend counts 2 working hours", "2026-03-18 10:00", "2026-03-13 16:00", "2026-03-16 08:00", "2026-03-18 14:00"},
		{"a pause with no working time changes nothing", "2026-03-12 09:00", "2026-03-14 09:00", "2026-03-15 09:00", "2026-03-12 09:00"},
		{"a reversed pause changes nothing", "2026-03-12 09:00", "2026-03-10 09:00", "2026-03-09 09:00", "2026-03-12 09:00"},
		{"a due at 17:00 moved by 1 hour is 08:00 the next working day", "2026-03-13 17:00", "2026-03-09 09:00", "2026-03-09 10:00", "2026-03-16 08:00"},
	}
	for _, tc := range pause {
		if got := c.Pause(ict(t, tc.due), ict(t, tc.from), ict(t, tc.to)); !got.Equal(ict(t, tc.want)) {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
	if !c.Pause(time.Time{}, ict(t, "2026-03-09 09:00"), ict(t, "2026-03-09 10:00")).IsZero() {
		t.Error("Pause of an out-of-range due must give the zero Time")
	}
}

// naiveAdd walks the calendar day by day with the time package: an
// independent reference for AddWorkingHours.
func naiveAdd(c *Calendar, t time.Time, d time.Duration) time.Time {
	t = t.In(Location)
	if d == 0 {
		return t
	}
	for day := DateOf(t); ; day = day.AddDays(1) {
		if !c.IsWorkingDay(day) {
			continue
		}
		for _, p := range c.Hours().Periods() {
			ps, pe := day.At(p.Start.Hour, p.Start.Minute), day.At(p.End.Hour, p.End.Minute)
			if !pe.After(t) {
				continue
			}
			from := ps
			if t.After(ps) {
				from = t
			}
			if avail := pe.Sub(from); d <= avail {
				return from.Add(d)
			} else {
				d -= avail
			}
		}
	}
}

// naiveBetween sums, day by day, the overlap of [a, b) with working periods.
func naiveBetween(c *Calendar, a, b time.Time) time.Duration {
	var w time.Duration
	for day := DateOf(a); !day.After(DateOf(b)); day = day.AddDays(1) {
		if !c.IsWorkingDay(day) {
			continue
		}
		for _, p := range c.Hours().Periods() {
			ps, pe := day.At(p.Start.Hour, p.Start.Minute), day.At(p.End.Hour, p.End.Minute)
			if a.After(ps) {
				ps = a
			}
			if b.Before(pe) {
				pe = b
			}
			if pe.After(ps) {
				w += pe.Sub(ps)
			}
		}
	}
	return w
}

// Random instants and durations over 2014–2027 agree with the day-by-day
// reference, for the default hours and for three-period hours with overrides.
func TestWorkingTimeAgainstReference(t *testing.T) {
	h, _ := ParseHours("06:45-09:00,09:15-11:45,13:00-16:10")
	other, err := New(Options{Hours: h, Overrides: []Override{
		{Date: Date{2025, 6, 2}, Kind: Closure}, {Date: Date{2025, 6, 7}, Kind: WorkingSaturday},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(7))
	from := time.Date(2014, 1, 1, 0, 0, 0, 0, Location).Unix()
	span := time.Date(2027, 1, 1, 0, 0, 0, 0, Location).Unix() - from
	for _, c := range []*Calendar{Default(), other} {
		for i := 0; i < 3000; i++ {
			t0 := time.Unix(from+rng.Int63n(span), 0).In(Location)
			if i%3 == 0 { // land on interesting minutes: openings, closings, lunch
				t0 = DateOf(t0).At([]int{6, 7, 11, 13, 16, 17}[rng.Intn(6)], []int{0, 30, 45, 59}[rng.Intn(4)])
			}
			d := time.Duration(rng.Int63n(int64(60*8*time.Hour))) / time.Minute * time.Minute
			got, want := c.AddWorkingHours(t0, d), naiveAdd(c, t0, d)
			if !got.Equal(want) {
				t.Fatalf("AddWorkingHours(%v, %v) = %v, reference %v", t0, d, got, want)
			}
			if d > 0 && c.WorkingTimeBetween(t0, got) != d {
				t.Fatalf("WorkingTimeBetween(%v, %v) = %v, want %v", t0, got, c.WorkingTimeBetween(t0, got), d)
			}
			t1 := time.Unix(t0.Unix()+rng.Int63n(90*86400), 0)
			if got, want := c.WorkingTimeBetween(t0, t1), naiveBetween(c, t0, t1); got != want {
				t.Fatalf("WorkingTimeBetween(%v, %v) = %v, reference %v", t0, t1, got, want)
			}
			next := c.NextWorkingInstant(t0)
			if !c.IsWorkingTime(next) || next.Before(t0) || c.WorkingTimeBetween(t0, next) != 0 {
				t.Fatalf("NextWorkingInstant(%v) = %v", t0, next)
			}
		}
	}
}

// AddWorkingDays is n × the day's working length, so it keeps the time of day
// when that is working time.
func TestAddWorkingDaysKeepsTimeOfDay(t *testing.T) {
	c := Default()
	t0 := ict(t, "2026-03-09 09:00")
	for n := 1; n <= 300; n++ {
		got := c.AddWorkingDays(t0, n)
		if got.Hour() != 9 || got.Minute() != 0 || !c.IsWorkingDay(DateOf(got)) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v", t0, n, got)
		}
		if c.WorkingTimeBetween(t0, got) != time.Duration(n)*8*time.Hour {
			t.Fatalf("n=%d: working time %v", n, c.WorkingTimeBetween(t0, got))
		}
	}
}
