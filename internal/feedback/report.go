package feedback

import (
	"context"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/report"
)

// Step is how many times one kind of step was taken in a period, on time and late.
type Step struct {
	Total, OnTime, Late int64
}

// Counts are the on-time figures of feedback of a list of units over a period.
type Counts struct {
	// Received is the number of items received in the period.
	Received int64
	// The steps taken in the period, each against its own deadline.
	Rejected, InfoRequested, Answered, Published Step
	// Pending is the number of items received before the period end and neither rejected nor
	// answered by then; PendingWithin those whose answer deadline had not passed at the end,
	// PendingOverdue the others.
	Pending, PendingWithin, PendingOverdue int64
	// OnTimeRate is (rejected on time + answered on time) / (rejected + answered) × 100, two decimals.
	OnTimeRate float64
}

// Report is the on-time figures of a unit (and its subtree) over the days From to To, both included.
type Report struct {
	Unit    account.Unit
	Subtree bool
	From    time.Time
	To      time.Time
	Counts  Counts
}

// Figures returns the on-time figures of the feedback received by the unit with the given identifier
// (with its subtree when subtree is set) over the days from to to, both included, in business time.
// Errors: Unauthorized, Forbidden (report.view needed over the unit); Invalid on the field "to" when
// to is before from and on the field "unit" for an unknown unit; the store's errors otherwise.
func (s *Service) Figures(ctx context.Context, p account.Principal, unitCode string, from, to time.Time, subtree bool) (Report, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return Report{}, err
	}
	start, last := day(from), day(to)
	var fs fault.Fields
	if last.Before(start) {
		fs.Add("to", "report.period_invalid")
	}
	unit, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(unitCode)))
	switch {
	case fault.Is(err, fault.NotFound):
		fs.Add("unit", "unit.not_found", unitCode)
	case err != nil:
		return Report{}, err
	}
	if err := fs.Err(); err != nil {
		return Report{}, err
	}
	if err := account.Authorize(p, account.ViewReports, unit.Path); err != nil {
		return Report{}, err
	}
	codes, err := UnitCodes(ctx, s.Store, unit, subtree)
	if err != nil {
		return Report{}, err
	}
	c, err := s.Store.FeedbackCounts(ctx, codes, start, last.AddDate(0, 0, 1))
	if err != nil {
		return Report{}, err
	}
	return Report{Unit: unit, Subtree: subtree, From: start, To: last, Counts: c}, nil
}

// Rate fills the on-time rate of counts read from storage and returns them.
func (c Counts) Rate() Counts {
	c.PendingOverdue = c.Pending - c.PendingWithin
	c.OnTimeRate = report.OnTimeRate(0, c.Rejected.OnTime+c.Answered.OnTime, c.Rejected.Total+c.Answered.Total)
	return c
}

// UnitCodes returns the unit's code, or the codes of the unit and every unit below it.
func UnitCodes(ctx context.Context, st interface {
	Units(ctx context.Context) ([]account.Unit, error)
}, unit account.Unit, subtree bool) ([]string, error) {
	if !subtree {
		return []string{unit.Code}, nil
	}
	units, err := st.Units(ctx)
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, u := range units {
		if strings.HasPrefix(u.Path, unit.Path) {
			codes = append(codes, u.Code)
		}
	}
	return codes, nil
}

// day is midnight of t's day in business time.
func day(t time.Time) time.Time {
	y, m, d := t.In(calendar.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, calendar.Location)
}
