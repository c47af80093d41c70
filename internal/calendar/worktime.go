package calendar

import "time"

// Working time is measured along the working periods of working days. Think of
// a counter W(t): the working time from 1900-01-01 00:00 to the instant t. It
// only rises inside a working period and stays flat outside (nights, lunch
// breaks, rest days). Periods are [start, end): 17:00 itself is not working
// time, but W at 17:00 already counts the whole day. With the per-day prefix
// sums of the schedule, W is O(1), and adding working time is O(1) too.

// split returns the day index of t in Location and the time since that day's
// midnight; ok is false if t is outside 1900–2100.
func split(t time.Time) (idx int, off time.Duration, ok bool) {
	s := t.Unix() + offsetSeconds
	day := floorDiv(s, secondsPerDay)
	i := day - firstDay
	if i < 0 || i >= int64(numDays) {
		return 0, 0, false
	}
	return int(i), time.Duration(s-day*secondsPerDay)*time.Second + time.Duration(t.Nanosecond()), true
}

// instant is the inverse of split.
func instant(idx int, off time.Duration) time.Time {
	sec := (int64(idx)+firstDay)*secondsPerDay - offsetSeconds + int64(off/time.Second)
	return time.Unix(sec, int64(off%time.Second)).In(Location)
}

// workedIn returns the working time from midnight to off on a working day.
func (c *Calendar) workedIn(off time.Duration) time.Duration {
	var w time.Duration
	for _, p := range c.spans {
		if off <= p.start {
			break
		}
		if off >= p.end {
			w += p.end - p.start
			continue
		}
		w += off - p.start
		break
	}
	return w
}

// counter returns W at (idx, off).
func (c *Calendar) counter(idx int, off time.Duration) time.Duration {
	w := time.Duration(c.sched.cum[idx]) * c.daily
	if c.sched.working[idx] {
		w += c.workedIn(off)
	}
	return w
}

// at returns the earliest instant where W reaches target (> 0), or false if
// that is after 2100.
func (c *Calendar) at(target time.Duration) (time.Time, bool) {
	k := int(target / c.daily)
	rem := target % c.daily
	if rem == 0 {
		// Exactly k whole days: the end of the k-th working day.
		k--
		rem = c.daily
	}
	if k < 0 || k >= len(c.sched.workDays) {
		return time.Time{}, false
	}
	idx := int(c.sched.workDays[k])
	for _, p := range c.spans {
		if n := p.end - p.start; rem > n {
			rem -= n
			continue
		}
		return instant(idx, p.start+rem), true
	}
	return time.Time{}, false // unreachable: rem <= c.daily
}

// IsWorkingTime reports whether t falls inside a working period of a working
// day (start inclusive, end exclusive: 07:00 is working time, 17:00 is not).
// It returns false outside 1900–2100.
func (c *Calendar) IsWorkingTime(t time.Time) bool {
	idx, off, ok := split(t)
	if !ok || !c.sched.working[idx] {
		return false
	}
	for _, p := range c.spans {
		if off >= p.start && off < p.end {
			return true
		}
	}
	return false
}

// NextWorkingInstant returns t (in Location) if it is working time, else the start of the
// next working period (after lunch the same day, or the opening of the next
// working day). It returns the zero Time if t or the result is outside
// 1900–2100.
func (c *Calendar) NextWorkingInstant(t time.Time) time.Time {
	idx, off, ok := split(t)
	if !ok {
		return time.Time{}
	}
	if c.sched.working[idx] {
		for _, p := range c.spans {
			if off < p.end {
				if off >= p.start {
					return t.In(Location)
				}
				return instant(idx, p.start)
			}
		}
	}
	return c.openingAfter(idx)
}

// openingAfter returns the opening of the first working day after day idx, or
// the zero Time if there is none before 2101.
func (c *Calendar) openingAfter(idx int) time.Time {
	k := int(c.sched.cum[idx+1])
	if k >= len(c.sched.workDays) {
		return time.Time{}
	}
	return instant(int(c.sched.workDays[k]), c.spans[0].start)
}

// closingOnOrAfter returns the closing time of the first working day on or
// after day idx, and that day's index; ok is false if there is none.
func (c *Calendar) closingOnOrAfter(idx int) (time.Time, int, bool) {
	k := int(c.sched.cum[idx])
	if k >= len(c.sched.workDays) {
		return time.Time{}, 0, false
	}
	day := int(c.sched.workDays[k])
	return instant(day, c.spans[len(c.spans)-1].end), day, true
}

// AddWorkingHours returns the earliest instant at which d of working time has
// passed since t. Consequences: when the time runs out exactly at the end of
// a period, the result is that end (11:30, or 17:00 of the same day, never the
// next opening); a t outside working hours effectively starts at the next
// working period; d == 0 returns t unchanged (in Location). It is O(1) whatever d. It
// returns the zero Time if d < 0 or if t or the result is outside 1900–2100.
func (c *Calendar) AddWorkingHours(t time.Time, d time.Duration) time.Time {
	if d < 0 {
		return time.Time{}
	}
	idx, off, ok := split(t)
	if !ok {
		return time.Time{}
	}
	if d == 0 {
		return t.In(Location)
	}
	total := time.Duration(len(c.sched.workDays)) * c.daily
	if d > total {
		return time.Time{}
	}
	r, ok := c.at(c.counter(idx, off) + d)
	if !ok {
		return time.Time{}
	}
	return r
}

// AddWorkingDays adds n working days of working time: n × the working length of
// a day (8 hours with DefaultHours), along working periods, as AddWorkingHours
// does. So Monday 09:00 + 3 = Thursday 09:00 and Friday 16:00 + 1 = Monday
// 16:00 (with no holiday between). It returns the zero Time if n < 0 or if t or
// the result is outside 1900–2100.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if n < 0 || n > len(c.sched.workDays) {
		return time.Time{}
	}
	return c.AddWorkingHours(t, time.Duration(n)*c.daily)
}

// WorkingTimeBetween returns the working time in [a, b): negative if b is
// before a. It returns 0 if a or b is outside 1900–2100.
func (c *Calendar) WorkingTimeBetween(a, b time.Time) time.Duration {
	ia, oa, ok1 := split(a)
	ib, ob, ok2 := split(b)
	if !ok1 || !ok2 {
		return 0
	}
	return c.counter(ib, ob) - c.counter(ia, oa)
}

// Pause returns due moved later by the working time in [from, to): the rule
// for a `pause` supplement policy and for waiting for fees. It returns due
// unchanged if to is not after from or no working time passed, and the zero
// Time if any instant or the result is outside 1900–2100.
func (c *Calendar) Pause(due, from, to time.Time) time.Time {
	if _, _, ok := split(due); !ok {
		return time.Time{}
	}
	if _, _, ok := split(from); !ok {
		return time.Time{}
	}
	if _, _, ok := split(to); !ok {
		return time.Time{}
	}
	w := c.WorkingTimeBetween(from, to)
	if w <= 0 {
		return due
	}
	return c.AddWorkingHours(due, w)
}
