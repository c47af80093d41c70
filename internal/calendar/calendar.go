package calendar

import (
	"fmt"
	"sync"
	"time"
)

// Calendar is the working calendar of one unit: which days are worked in
// 1900–2100 and the desk hours of a working day. It is immutable and safe for
// concurrent use.
type Calendar struct {
	hours   Hours
	spans   []span
	daily   time.Duration
	base    *base
	sched   *schedule
	extra   map[int32]Holiday // overrides, by day index
	overrid []Override
}

// Options configure a Calendar.
type Options struct {
	// Hours are the desk hours; the zero Hours means DefaultHours.
	Hours Hours
	// Overrides are the administrators' closures and working Saturdays that
	// apply to the unit (those for all units and those for it).
	Overrides []Override
	// Official, if not nil, replaces the embedded official schedule: a JSON
	// document of the same shape as holidays-official-2015-2026.json.
	Official []byte
}

// New builds a Calendar. The first call builds the shared tables of all years
// (about 10 ms, once); after that a calendar without overrides shares them,
// and one with overrides copies them (about 0.6 ms and 0.6 MB): cache
// calendars per unit rather than building one per request. Options.Official
// builds private tables (about 10 ms).
// It returns an error wrapping ErrInvalid for invalid hours, an invalid
// official document or an override refused by the rules of Override (the
// message names the date), and ErrOutOfRange for an override outside
// 1900–2100.
func New(opts Options) (*Calendar, error) {
	b := embeddedBase()
	if opts.Official != nil {
		var err error
		if b, err = buildBase(opts.Official); err != nil {
			return nil, err
		}
	}
	hours := opts.Hours.orDefault()
	if _, err := NewHours(hours.periods...); err != nil {
		return nil, err
	}
	sched, extra, err := applyOverrides(b, opts.Overrides)
	if err != nil {
		return nil, err
	}
	return &Calendar{
		hours:   hours,
		spans:   hours.spans(),
		daily:   hours.Daily(),
		base:    b,
		sched:   sched,
		extra:   extra,
		overrid: append([]Override(nil), opts.Overrides...),
	}, nil
}

var (
	defaultOnce sync.Once
	defaultCal  *Calendar
)

// Default returns the shared calendar with DefaultHours, the rules and the
// embedded official schedule, and no overrides. It is built once, on first use.
func Default() *Calendar {
	defaultOnce.Do(func() {
		c, err := New(Options{})
		if err != nil {
			panic(err) // unreachable: the embedded data is checked by the tests
		}
		defaultCal = c
	})
	return defaultCal
}

// Hours returns the desk hours of the calendar.
func (c *Calendar) Hours() Hours { return c.hours }

// Overrides returns a copy of the overrides the calendar was built with.
func (c *Calendar) Overrides() []Override { return append([]Override(nil), c.overrid...) }

// IsWorkingDay reports whether d is a working day (Monday–Friday not off, or a
// working Saturday). It returns false for a date outside 1900–2100.
func (c *Calendar) IsWorkingDay(d Date) bool {
	i, ok := dayIndex(d)
	return ok && c.sched.working[i]
}

// DayInfo describes one day of the calendar: whether it is worked, why, the
// names of its holidays, and its lunar date.
type DayInfo struct {
	Date    Date         `json:"date"`
	Weekday time.Weekday `json:"weekday"`
	Working bool         `json:"working"`
	// Kind is the main reason: WORKDAY, WEEKEND, HOLIDAY, COMPENSATORY,
	// SWAPPED, CLOSURE or WORKING_SATURDAY.
	Kind DayKind `json:"kind"`
	// Holidays are the named entries of the day (a public holiday on a
	// weekend is listed even though the day is off anyway).
	Holidays []Holiday `json:"holidays,omitempty"`
	Lunar    LunarDate `json:"lunar"`
}

// NameVI returns the Vietnamese names of the day's entries joined by "; ", or
// "" if it has none.
func (d DayInfo) NameVI() string {
	return joinNames(d.Holidays, func(h Holiday) string { return h.NameVI })
}

// NameEN returns the English names of the day's entries joined by "; ", or ""
// if it has none.
func (d DayInfo) NameEN() string {
	return joinNames(d.Holidays, func(h Holiday) string { return h.NameEN })
}

func joinNames(hs []Holiday, f func(Holiday) string) string {
	s := ""
	for i, h := range hs {
		if i > 0 {
			s += "; "
		}
		s += f(h)
	}
	return s
}

// DayInfo returns the description of d. For a date outside 1900–2100 it
// returns a DayInfo with only Date and Weekday set (Working false, Kind "").
func (c *Calendar) DayInfo(d Date) DayInfo {
	info := DayInfo{Date: d, Weekday: d.Weekday()}
	idx, ok := dayIndex(d)
	if !ok || !d.Valid() {
		return info
	}
	return c.dayInfoAt(idx)
}

func (c *Calendar) dayInfoAt(idx int) DayInfo {
	info := DayInfo{Date: dateAt(idx), Weekday: weekdayAt(idx), Working: c.sched.working[idx]}
	info.Kind, info.Holidays = c.kindAt(idx)
	info.Lunar = lunarOf(firstDay + int64(idx))
	return info
}

// kindAt returns the kind of day idx and its entries (base, then override).
func (c *Calendar) kindAt(idx int) (DayKind, []Holiday) {
	hs := c.base.entries[int32(idx)]
	if h, ok := c.extra[int32(idx)]; ok {
		hs = append(append([]Holiday(nil), hs...), h)
	}
	working := c.sched.working[idx]
	for _, h := range hs {
		if working == (h.Kind == KindWorkingSaturday) {
			return h.Kind, hs
		}
	}
	if wd := weekdayAt(idx); wd == time.Saturday || wd == time.Sunday {
		return KindWeekend, hs
	}
	return KindWorkday, hs
}

// Year is the calendar of one year, after every rule, official schedule and
// override is applied.
type Year struct {
	Year int `json:"year"`
	// Days are all the days of the year in order.
	Days []DayInfo `json:"days"`
	// DaysOff are the weekdays (Monday–Friday) that are not working days.
	DaysOff []Date `json:"days_off"`
	// WorkingSaturdays are the Saturdays that are working days.
	WorkingSaturdays []Date `json:"working_saturdays"`
	// Holidays are all named entries of the year in date order: days off with
	// their names, public holidays that fall on a weekend, working Saturdays.
	Holidays []Holiday `json:"holidays"`
}

// Year returns the calendar of year y. It returns an error wrapping
// ErrOutOfRange for a year outside 1900–2100.
func (c *Calendar) Year(y int) (Year, error) {
	if y < MinYear || y > MaxYear {
		return Year{}, fmt.Errorf("%w: year %d", ErrOutOfRange, y)
	}
	first, _ := dayIndex(Date{y, time.January, 1})
	last, _ := dayIndex(Date{y, time.December, 31})
	out := Year{Year: y, Days: make([]DayInfo, 0, last-first+1), DaysOff: []Date{}, WorkingSaturdays: []Date{}, Holidays: []Holiday{}}
	for i := first; i <= last; i++ {
		info := c.dayInfoAt(i)
		out.Days = append(out.Days, info)
		switch wd := info.Weekday; {
		case wd != time.Saturday && wd != time.Sunday && !info.Working:
			out.DaysOff = append(out.DaysOff, info.Date)
		case wd == time.Saturday && info.Working:
			out.WorkingSaturdays = append(out.WorkingSaturdays, info.Date)
		}
		out.Holidays = append(out.Holidays, info.Holidays...)
	}
	return out, nil
}

// YearSummary is the shape of `motcua calendar year Y --json`:
// {"year":2026,"days_off":["2026-01-01",...],"working_saturdays":["2026-01-10",...]}.
type YearSummary struct {
	Year             int    `json:"year"`
	DaysOff          []Date `json:"days_off"`
	WorkingSaturdays []Date `json:"working_saturdays"`
}

// Summary returns the year's days off and working Saturdays (never nil
// slices, so JSON shows [] rather than null).
func (y Year) Summary() YearSummary {
	s := YearSummary{Year: y.Year, DaysOff: y.DaysOff, WorkingSaturdays: y.WorkingSaturdays}
	if s.DaysOff == nil {
		s.DaysOff = []Date{}
	}
	if s.WorkingSaturdays == nil {
		s.WorkingSaturdays = []Date{}
	}
	return s
}

// YearSummary returns the summary of year y without building the day list
// (cheaper than Year). It returns an error wrapping ErrOutOfRange for a year
// outside 1900–2100.
func (c *Calendar) YearSummary(y int) (YearSummary, error) {
	if y < MinYear || y > MaxYear {
		return YearSummary{}, fmt.Errorf("%w: year %d", ErrOutOfRange, y)
	}
	first, _ := dayIndex(Date{y, time.January, 1})
	last, _ := dayIndex(Date{y, time.December, 31})
	s := YearSummary{Year: y, DaysOff: []Date{}, WorkingSaturdays: []Date{}}
	for i := first; i <= last; i++ {
		switch wd := weekdayAt(i); {
		case wd != time.Saturday && wd != time.Sunday && !c.sched.working[i]:
			s.DaysOff = append(s.DaysOff, dateAt(i))
		case wd == time.Saturday && c.sched.working[i]:
			s.WorkingSaturdays = append(s.WorkingSaturdays, dateAt(i))
		}
	}
	return s, nil
}
