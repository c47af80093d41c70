package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Clock is a time of day, to the minute, in Location.
type Clock struct {
	Hour, Minute int
}

// ParseClock parses "HH:MM" (or "H:MM"), 00:00–23:59. It returns an error
// wrapping ErrInvalid for anything else.
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, ok1 := atoi(h)
	mm, ok2 := atoi(m)
	if !ok || !ok1 || !ok2 || len(h) > 2 || len(m) != 2 {
		return Clock{}, fmt.Errorf("%w: time of day %q is not HH:MM", ErrInvalid, s)
	}
	c := Clock{hh, mm}
	if !c.Valid() {
		return Clock{}, fmt.Errorf("%w: time of day %q out of range 00:00-23:59", ErrInvalid, s)
	}
	return c, nil
}

// Valid reports whether c is within 00:00–23:59.
func (c Clock) Valid() bool { return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60 }

// String returns c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// offset returns the time from midnight to c.
func (c Clock) offset() time.Duration {
	return time.Duration(c.Hour)*time.Hour + time.Duration(c.Minute)*time.Minute
}

// Period is a working period of a day, from Start (inclusive) to End (exclusive).
type Period struct {
	Start, End Clock
}

// String returns the period as HH:MM-HH:MM.
func (p Period) String() string { return p.Start.String() + "-" + p.End.String() }

// Hours are the desk hours of a working day: ordered, separated periods. The
// same hours apply Monday–Friday and on working Saturdays. The zero Hours means
// DefaultHours wherever Hours are taken.
type Hours struct {
	periods []Period
}

// DefaultHours returns 07:00–11:30 and 13:30–17:00: 8 working hours a day.
func DefaultHours() Hours {
	return Hours{periods: []Period{{Clock{7, 0}, Clock{11, 30}}, {Clock{13, 30}, Clock{17, 0}}}}
}

// NewHours returns Hours made of periods. It returns an error wrapping
// ErrInvalid if there is no period, a clock is invalid, a period is empty or
// reversed, or periods are out of order, overlap or touch (write one period).
func NewHours(periods ...Period) (Hours, error) {
	if len(periods) == 0 {
		return Hours{}, fmt.Errorf("%w: desk hours need at least one period", ErrInvalid)
	}
	for i, p := range periods {
		if !p.Start.Valid() || !p.End.Valid() {
			return Hours{}, fmt.Errorf("%w: desk hours: invalid time in period %s", ErrInvalid, p)
		}
		if p.End.offset() <= p.Start.offset() {
			return Hours{}, fmt.Errorf("%w: desk hours: period %s must end after it starts", ErrInvalid, p)
		}
		if i > 0 && p.Start.offset() <= periods[i-1].End.offset() {
			return Hours{}, fmt.Errorf("%w: desk hours: period %s must start after %s ends", ErrInvalid, p, periods[i-1])
		}
	}
	return Hours{periods: append([]Period(nil), periods...)}, nil
}

// ParseHours parses comma-separated periods, e.g. "07:00-11:30,13:30-17:00".
// It returns an error wrapping ErrInvalid for a malformed list or the periods
// NewHours refuses.
func ParseHours(s string) (Hours, error) {
	var ps []Period
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(part), "-")
		if !ok {
			return Hours{}, fmt.Errorf("%w: desk hours: period %q is not HH:MM-HH:MM", ErrInvalid, part)
		}
		start, err := ParseClock(a)
		if err != nil {
			return Hours{}, err
		}
		end, err := ParseClock(b)
		if err != nil {
			return Hours{}, err
		}
		ps = append(ps, Period{start, end})
	}
	return NewHours(ps...)
}

// IsZero reports whether h is the zero Hours (which stands for DefaultHours).
func (h Hours) IsZero() bool { return len(h.periods) == 0 }

// orDefault returns h, or DefaultHours if h is zero.
func (h Hours) orDefault() Hours {
	if h.IsZero() {
		return DefaultHours()
	}
	return h
}

// Periods returns a copy of the periods (those of DefaultHours if h is zero).
func (h Hours) Periods() []Period { return append([]Period(nil), h.orDefault().periods...) }

// Daily returns the working time of one working day (8h for DefaultHours).
func (h Hours) Daily() time.Duration {
	var d time.Duration
	for _, p := range h.orDefault().periods {
		d += p.End.offset() - p.Start.offset()
	}
	return d
}

// Opening returns the start of the first period.
func (h Hours) Opening() Clock { return h.orDefault().periods[0].Start }

// Closing returns the end of the last period.
func (h Hours) Closing() Clock {
	ps := h.orDefault().periods
	return ps[len(ps)-1].End
}

// String returns the periods as ParseHours reads them, e.g.
// "07:00-11:30,13:30-17:00".
func (h Hours) String() string {
	var parts []string
	for _, p := range h.orDefault().periods {
		parts = append(parts, p.String())
	}
	return strings.Join(parts, ",")
}

// MarshalText encodes h as String does; it never fails.
func (h Hours) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText parses h as ParseHours does and returns its errors.
func (h *Hours) UnmarshalText(b []byte) error {
	v, err := ParseHours(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// span is a period as offsets from midnight, for the arithmetic.
type span struct{ start, end time.Duration }

func (h Hours) spans() []span {
	ps := h.orDefault().periods
	out := make([]span, len(ps))
	for i, p := range ps {
		out[i] = span{p.Start.offset(), p.End.offset()}
	}
	return out
}
