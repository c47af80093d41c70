package calendar

import (
	"fmt"
	"strings"
	"time"
)

// OverrideKind is what an administrator changes about a day.
type OverrideKind string

// Override kinds.
const (
	// Closure makes an otherwise working weekday (Monday–Friday) a day off.
	Closure OverrideKind = "CLOSURE"
	// WorkingSaturday makes a Saturday a working day with the normal hours.
	WorkingSaturday OverrideKind = "WORKING_SATURDAY"
)

// ParseOverrideKind parses "CLOSURE" or "WORKING_SATURDAY" (any case). It
// returns an error wrapping ErrInvalid for anything else.
func ParseOverrideKind(s string) (OverrideKind, error) {
	switch k := OverrideKind(strings.ToUpper(strings.TrimSpace(s))); k {
	case Closure, WorkingSaturday:
		return k, nil
	}
	return "", fmt.Errorf("%w: override kind %q (want CLOSURE or WORKING_SATURDAY)", ErrInvalid, s)
}

// Override is an administrator's change to the calendar of a year: an extra
// closure or a working Saturday. The caller selects the overrides that apply
// (to all units or to one unit). Empty names get defaults.
type Override struct {
	Date   Date
	Kind   OverrideKind
	NameVI string
	NameEN string
}

// holiday returns the entry an override adds to its day.
func (o Override) holiday() Holiday {
	n := nameClosure
	kind := KindClosure
	if o.Kind == WorkingSaturday {
		n, kind = nameWorkingSat, KindWorkingSaturday
	}
	if o.NameVI != "" {
		n.vi = o.NameVI
	}
	if o.NameEN != "" {
		n.en = o.NameEN
	}
	return Holiday{Date: o.Date, Kind: kind, NameVI: n.vi, NameEN: n.en, Source: SourceOverride}
}

// applyOverrides checks overrides against b and returns the schedule and the
// entries they make. Repeating an override (same date, same kind) is
// harmless; the first one's names are kept. It returns an error wrapping
// ErrOutOfRange for a date outside 1900–2100 and ErrInvalid, naming the date,
// for an unknown kind, two kinds on one date, a closure on a Saturday, Sunday
// or day already off, or a working Saturday that is not a Saturday, is
// already worked, or is a public holiday.
func applyOverrides(b *base, overrides []Override) (*schedule, map[int32]Holiday, error) {
	if len(overrides) == 0 {
		return b.sched, nil, nil
	}
	extra := make(map[int32]Holiday, len(overrides))
	working := append([]bool(nil), b.sched.working...)
	for _, o := range overrides {
		if _, err := NewDate(o.Date.Year, o.Date.Month, o.Date.Day); err != nil {
			return nil, nil, fmt.Errorf("override %s: %w", o.Date, err)
		}
		if o.Kind != Closure && o.Kind != WorkingSaturday {
			return nil, nil, fmt.Errorf("%w: override %s: unknown kind %q", ErrInvalid, o.Date, o.Kind)
		}
		idx, _ := dayIndex(o.Date)
		i := int32(idx)
		if prev, dup := extra[i]; dup {
			if prev.Kind != o.holiday().Kind {
				return nil, nil, fmt.Errorf("%w: %s has both a closure and a working Saturday", ErrInvalid, o.Date)
			}
			continue
		}
		wd := o.Date.Weekday()
		switch o.Kind {
		case Closure:
			if wd == time.Saturday || wd == time.Sunday {
				return nil, nil, fmt.Errorf("%w: closure on %s: it is a %s, not a weekday", ErrInvalid, o.Date, wd)
			}
			if !working[idx] {
				return nil, nil, fmt.Errorf("%w: closure on %s: it is already a day off (%s)", ErrInvalid, o.Date, describe(b.entries[i]))
			}
			working[idx] = false
		case WorkingSaturday:
			if wd != time.Saturday {
				return nil, nil, fmt.Errorf("%w: working Saturday %s: it is a %s", ErrInvalid, o.Date, wd)
			}
			if working[idx] {
				return nil, nil, fmt.Errorf("%w: working Saturday %s: it is already a working day (%s)", ErrInvalid, o.Date, describe(b.entries[i]))
			}
			for _, h := range b.entries[i] {
				if h.Kind.rest() {
					return nil, nil, fmt.Errorf("%w: working Saturday %s: it is a public holiday (%s)", ErrInvalid, o.Date, h.NameVI)
				}
			}
			working[idx] = true
		}
		extra[i] = o.holiday()
	}
	return newSchedule(working), extra, nil
}

// describe names the entries of a day for an error message.
func describe(hs []Holiday) string {
	var parts []string
	for _, h := range hs {
		parts = append(parts, h.NameVI)
	}
	if len(parts) == 0 {
		return "no entry"
	}
	return strings.Join(parts, ", ")
}
