package analysis

import (
	"context"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// Service computes the analyses over a Store.
type Service struct {
	Store Store
	// Calendars gives each unit's working calendar; nil uses calendar.Default for every unit.
	Calendars Calendars
	// Inputs, when set, supplies the indicator figures kept outside the dossiers.
	Inputs InputSource
}

// scope is a checked query: the unit, the codes of the units it covers, the period as [From, Before).
type scope struct {
	Unit     account.Unit
	Subtree  bool
	Codes    []string
	Units    []account.Unit // every unit, for subtrees and names
	From, To time.Time      // first and last day, midnight in business time
	Before   time.Time      // the day after To
}

// check authorises and validates a query. Errors: Forbidden when p may not view reports over the
// unit (Unauthorized for an anonymous principal); Invalid on "to" (analysis.period_invalid) for a
// period ending before it starts, and on "unit" (unit.not_found) for an unknown unit.
func (s *Service) check(ctx context.Context, p account.Principal, q Query) (scope, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return scope{}, err
	}
	start, last := startOfDay(q.From), startOfDay(q.To)
	var f fault.Fields
	if last.Before(start) {
		f.Add("to", "analysis.period_invalid")
	}
	unit, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(q.Unit)))
	switch {
	case fault.Is(err, fault.NotFound):
		f.Add("unit", "unit.not_found", q.Unit)
	case err != nil:
		return scope{}, err
	}
	if err := f.Err(); err != nil {
		return scope{}, err
	}
	if err := account.Authorize(p, account.ViewReports, unit.Path); err != nil {
		return scope{}, err
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return scope{}, err
	}
	sc := scope{Unit: unit, Subtree: q.Subtree, Units: units, From: start, To: last, Before: last.AddDate(0, 0, 1)}
	sc.Codes = []string{unit.Code}
	if q.Subtree {
		sc.Codes = subtreeCodes(units, unit)
	}
	return sc, nil
}

// subtreeCodes returns the codes of the unit and of every unit under it.
func subtreeCodes(units []account.Unit, root account.Unit) []string {
	var out []string
	for _, u := range units {
		if strings.HasPrefix(u.Path, root.Path) {
			out = append(out, u.Code)
		}
	}
	return out
}

// calendars caches the working calendar of each receiving unit for one computation.
type calendars struct {
	ctx  context.Context
	src  Calendars
	byID map[string]*calendar.Calendar
}

func (s *Service) calendars(ctx context.Context) *calendars {
	return &calendars{ctx: ctx, src: s.Calendars, byID: map[string]*calendar.Calendar{}}
}

// of returns the calendar of a unit; the default calendar when none is configured or it fails.
func (c *calendars) of(unit string) *calendar.Calendar {
	if cal, ok := c.byID[unit]; ok {
		return cal
	}
	cal := calendar.Default()
	if c.src != nil {
		if got, err := c.src.For(c.ctx, unit); err == nil && got != nil {
			cal = got
		}
	}
	c.byID[unit] = cal
	return cal
}

// startOfDay is midnight of t's day in business time.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(calendar.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, calendar.Location)
}

// waitedWorking returns the working time of the waits of a dossier that fall inside [a, b).
func waitedWorking(cal *calendar.Calendar, waits []wait, a, b time.Time) time.Duration {
	var sum time.Duration
	for _, w := range waits {
		from, to := later(w.from, a), earlier(w.to, b)
		if to.After(from) {
			sum += cal.WorkingTimeBetween(from, to)
		}
	}
	return sum
}

// wait is an interval the clock did not run, closed at the end of processing if still open.
type wait struct{ from, to time.Time }

// closedWaits returns the waits of a fact, an open one ending at end.
func closedWaits(f Fact, end time.Time) []wait {
	out := make([]wait, 0, len(f.Waits))
	for _, w := range f.Waits {
		to := w.To
		if to.IsZero() {
			to = end
		}
		out = append(out, wait{from: w.From, to: to})
	}
	return out
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
