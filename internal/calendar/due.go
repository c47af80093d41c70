package calendar

import (
	"fmt"
	"strings"
	"time"
)

// TimeUnit is the unit of a procedure's processing time.
type TimeUnit string

// Time units of processing times, as the national database names them.
const (
	WorkingDay  TimeUnit = "WORKING_DAY"  // ngày làm việc: × the day's working length (8h)
	WorkingHour TimeUnit = "WORKING_HOUR" // giờ làm việc
	Day         TimeUnit = "DAY"          // ngày (calendar days)
	Month       TimeUnit = "MONTH"        // tháng (calendar months)
)

// ParseTimeUnit parses a time unit (any case, e.g. "working_day"). It returns
// an error wrapping ErrInvalid for anything but the four units.
func ParseTimeUnit(s string) (TimeUnit, error) {
	switch u := TimeUnit(strings.ToUpper(strings.TrimSpace(s))); u {
	case WorkingDay, WorkingHour, Day, Month:
		return u, nil
	}
	return "", fmt.Errorf("%w: time unit %q (want WORKING_DAY, WORKING_HOUR, DAY or MONTH)", ErrInvalid, s)
}

// maxAmount bounds DueRequest.Amount (far beyond any legal time limit).
const maxAmount = 100000

// DueRequest asks for the appointment (hẹn trả) of a dossier.
type DueRequest struct {
	Received time.Time // the valid receipt (any zone; business time is Location)
	Amount   int       // the procedure's processing time, ≥ 0
	Unit     TimeUnit
	Cutoff   *Clock // optional cut-off hour, e.g. 15:00; nil for none
}

// Skip is a rest day passed over while computing a due time, for the
// deadline calculator's explanation.
type Skip struct {
	Date   Date    `json:"date"`
	Kind   DayKind `json:"kind"`
	NameVI string  `json:"name_vi"`
	NameEN string  `json:"name_en"`
}

// Due is a computed appointment.
type Due struct {
	// At is the appointment: the due instant, in Location.
	At time.Time `json:"at"`
	// Start is when the clock started: the receipt itself if it was working
	// time, else the next working period's start; the next working day's
	// opening after the cut-off.
	Start time.Time `json:"start"`
	// AfterCutoff is true when the receipt came after the cut-off hour of a
	// working day and the clock was moved to the next working day.
	AfterCutoff bool `json:"after_cutoff"`
	// Skipped lists the rest days that did not count: for working units, those
	// from the receipt day to the due day; for DAY and MONTH, those the due
	// date was moved over.
	Skipped []Skip `json:"skipped"`
}

// Due computes the appointment of a dossier (domain.md §6):
//
//   - The clock starts at Received if that is working time, else at the next
//     working period's start (after lunch, or the next working day's
//     opening). With a Cutoff, a receipt strictly after it on a working day
//     (15:00:01 with a 15:00 cut-off; 15:00:00 is in time) starts at the next
//     working day's opening.
//   - Amount 0, any unit ("trả trong ngày"): the closing time of the start
//     day.
//   - WORKING_DAY (× the day's working length, 8h by default) and
//     WORKING_HOUR: that working time is added along working periods from the
//     start (AddWorkingHours): Monday 09:00 + 3 working days = Thursday 09:00;
//     when the time runs out exactly at a period end the due is that end
//     (17:00, not the next morning).
//   - DAY and MONTH (Civil Code 2015 Arts. 147–148: the first day is not
//     counted and a period ends at the end of its last day, moved to the end
//     of the next working day if that is a rest day): the due is the closing
//     time of the start day + Amount days (or months, clamped to the end of
//     a shorter month: 31 January + 1 month = 28/29 February), or of the next
//     working day if that day is a rest day.
//
// It returns an error wrapping ErrInvalid for a negative or huge Amount, an
// unknown Unit or an invalid Cutoff, and ErrOutOfRange if Received or the due
// falls outside 1900–2100.
func (c *Calendar) Due(r DueRequest) (Due, error) {
	switch {
	case r.Amount < 0:
		return Due{}, fmt.Errorf("%w: negative processing time %d", ErrInvalid, r.Amount)
	case r.Amount > maxAmount:
		return Due{}, fmt.Errorf("%w: processing time %d is too large", ErrInvalid, r.Amount)
	}
	switch r.Unit {
	case WorkingDay, WorkingHour, Day, Month:
	default:
		return Due{}, fmt.Errorf("%w: time unit %q (want WORKING_DAY, WORKING_HOUR, DAY or MONTH)", ErrInvalid, r.Unit)
	}
	if r.Cutoff != nil && !r.Cutoff.Valid() {
		return Due{}, fmt.Errorf("%w: cut-off %s", ErrInvalid, r.Cutoff)
	}
	idx, off, ok := split(r.Received)
	if !ok {
		return Due{}, fmt.Errorf("%w: received %s", ErrOutOfRange, r.Received.Format(time.RFC3339))
	}
	var out Due
	if r.Cutoff != nil && c.sched.working[idx] && off > r.Cutoff.offset() {
		out.Start = c.openingAfter(idx)
		out.AfterCutoff = true
	} else {
		out.Start = c.NextWorkingInstant(r.Received)
	}
	if out.Start.IsZero() {
		return Due{}, fmt.Errorf("%w: no working day after %s", ErrOutOfRange, r.Received.Format(time.RFC3339))
	}
	startIdx, _, _ := split(out.Start)
	fail := func() error {
		return fmt.Errorf("%w: %d %s from %s ends after %d", ErrOutOfRange, r.Amount, r.Unit, r.Received.Format(time.RFC3339), MaxYear)
	}

	switch {
	case r.Amount == 0:
		out.At = instant(startIdx, c.spans[len(c.spans)-1].end)
	case r.Unit == WorkingDay || r.Unit == WorkingHour:
		d := time.Duration(r.Amount) * time.Hour
		if r.Unit == WorkingDay {
			d = time.Duration(r.Amount) * c.daily
		}
		if out.At = c.AddWorkingHours(out.Start, d); out.At.IsZero() {
			return Due{}, fail()
		}
	default:
		nominal := dateAt(startIdx).AddDays(r.Amount)
		if r.Unit == Month {
			nominal = dateAt(startIdx).AddMonths(r.Amount)
		}
		nIdx, ok := dayIndex(nominal)
		if !ok {
			return Due{}, fail()
		}
		at, _, ok := c.closingOnOrAfter(nIdx)
		if !ok {
			return Due{}, fail()
		}
		out.At = at
		out.Skipped = c.skips(nIdx, out.At)
		return out, nil
	}
	out.Skipped = c.skips(idx, out.At)
	return out, nil
}

// skips lists the rest days from day index from to the day of until.
func (c *Calendar) skips(from int, until time.Time) []Skip {
	to, _, _ := split(until)
	rest := (to - from + 1) - int(c.sched.cum[to+1]-c.sched.cum[from])
	out := make([]Skip, 0, rest)
	for i := from; i <= to; i++ {
		if c.sched.working[i] {
			continue
		}
		kind, hs := c.kindAt(i)
		s := Skip{Date: dateAt(i), Kind: kind, NameVI: joinNames(hs, func(h Holiday) string { return h.NameVI }),
			NameEN: joinNames(hs, func(h Holiday) string { return h.NameEN })}
		if s.NameVI == "" {
			wd := weekdayAt(i)
			s.NameVI, s.NameEN = weekdayNames[wd].vi, weekdayNames[wd].en
		}
		out = append(out, s)
	}
	return out
}

var weekdayNames = [7]names{
	{"Chủ nhật", "Sunday"}, {"Thứ Hai", "Monday"}, {"Thứ Ba", "Tuesday"}, {"Thứ Tư", "Wednesday"},
	{"Thứ Năm", "Thursday"}, {"Thứ Sáu", "Friday"}, {"Thứ Bảy", "Saturday"},
}
