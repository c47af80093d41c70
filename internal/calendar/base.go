package calendar

import (
	"fmt"
	"sync"
	"time"
)

// Days are indexed from 1900-01-01 (index 0, a Monday) to 2100-12-31.
var (
	firstDay = Date{MinYear, time.January, 1}.days()
	numDays  = int(Date{MaxYear, time.December, 31}.days()-firstDay) + 1
)

// dayIndex returns the index of d, or false if d is outside 1900–2100.
func dayIndex(d Date) (int, bool) {
	i := d.days() - firstDay
	return int(i), i >= 0 && i < int64(numDays)
}

func dateAt(idx int) Date { return fromDays(firstDay + int64(idx)) }

// weekdayAt returns the weekday of day index idx (1900-01-01 was a Monday).
func weekdayAt(idx int) time.Weekday { return time.Weekday((idx + 1) % 7) }

// base is the calendar of all years before any override: holiday entries from
// the rules and the official schedule, and the working days they leave.
type base struct {
	entries map[int32][]Holiday // by day index
	sched   *schedule
}

// schedule is which days are worked, with the indexes that make the
// arithmetic O(1): cum[i] is the number of working days before day i
// (len numDays+1) and workDays lists the working days in order.
type schedule struct {
	working  []bool
	cum      []int32
	workDays []int32
}

func newSchedule(working []bool) *schedule {
	s := &schedule{working: working, cum: make([]int32, len(working)+1)}
	n := int32(0)
	for i, w := range working {
		s.cum[i] = n
		if w {
			n++
		}
	}
	s.cum[len(working)] = n
	s.workDays = make([]int32, 0, n)
	for i, w := range working {
		if w {
			s.workDays = append(s.workDays, int32(i))
		}
	}
	return s
}

var (
	defaultBaseOnce sync.Once
	defaultBase     *base
)

// embeddedBase returns the base built from the embedded official file. It
// panics if that file is invalid, which the tests rule out.
func embeddedBase() *base {
	defaultBaseOnce.Do(func() {
		b, err := buildBase(officialJSON)
		if err != nil {
			panic(fmt.Sprintf("calendar: embedded official schedule: %v", err))
		}
		defaultBase = b
	})
	return defaultBase
}

// buildBase generates every year 1900–2100: a year the official file covers
// fully takes its days off and working Saturdays (plus, for display, the
// rules' holidays that fall on a weekend); other years take the rules, plus
// the working Saturdays of a partial official year. It returns parseOfficial's
// errors.
func buildBase(officialData []byte) (*base, error) {
	off, err := parseOfficial(officialData)
	if err != nil {
		return nil, err
	}
	b := &base{entries: make(map[int32][]Holiday, 4096)}
	add := func(h Holiday) {
		i, ok := dayIndex(h.Date)
		if ok {
			b.entries[int32(i)] = append(b.entries[int32(i)], h)
		}
	}
	for y := MinYear; y <= MaxYear; y++ {
		rules := ruleHolidays(y)
		oy := off[y]
		working := map[Date]bool{}
		if oy != nil {
			for _, h := range oy.workSaturdays {
				working[h.Date] = true
			}
		}
		if oy != nil && oy.full {
			for _, h := range oy.daysOff {
				add(h)
			}
			for _, h := range rules {
				if h.Kind == KindHoliday && isWeekend(h.Date) && !working[h.Date] {
					add(h)
				}
			}
		} else {
			for _, h := range rules {
				if !working[h.Date] {
					add(h)
				}
			}
		}
		if oy != nil {
			for _, h := range oy.workSaturdays {
				add(h)
			}
		}
	}
	working := make([]bool, numDays)
	for i := range working {
		wd := weekdayAt(i)
		working[i] = wd != time.Saturday && wd != time.Sunday
	}
	for i, hs := range b.entries {
		for _, h := range hs {
			switch {
			case h.Kind == KindWorkingSaturday:
				working[i] = true
			case h.Kind.rest():
				working[i] = false
			}
		}
	}
	b.sched = newSchedule(working)
	return b, nil
}
