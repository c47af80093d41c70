package report

import (
	"context"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// MonthCounts are one calendar month's figures of the dashboard: the dossiers received in the month
// by channel, and those finished in it by their timeliness (the same dossiers as columns (4), (5)
// and (7)–(10) of II.06a for that month).
type MonthCounts struct {
	Month                    time.Time // the first day, midnight in business time
	Online, InPerson, Postal int64
	Early, OnTime, Late      int64
}

// Received is the month's received total.
func (m MonthCounts) Received() int64 { return m.Online + m.InPerson + m.Postal }

// Resolved is the month's finished total.
func (m MonthCounts) Resolved() int64 { return m.Early + m.OnTime + m.Late }

// Rate is the month's on-time rate (see OnTimeRate).
func (m MonthCounts) Rate() float64 { return OnTimeRate(m.Early, m.OnTime, m.Resolved()) }

// AgeCounts are the pending dossiers of one age bucket, split by whether their original appointment
// has passed.
type AgeCounts struct {
	Within, Overdue int64
}

// AgeBucket is one bar of the backlog chart: the dossiers pending at the dashboard's time that were
// received on the days First to Last (both included; a zero First means "and before").
type AgeBucket struct {
	Key         string // 0-5, 6-10, 11-20, 21+ (days since receipt)
	First, Last time.Time
	AgeCounts
}

// DashboardStore is what the dashboard needs from storage beyond Store.
type DashboardStore interface {
	// MonthlyCounts returns, for each period [bounds[i], bounds[i+1]), the dossiers received by the
	// given units' desks in it by channel and those finished in it by timeliness (of the dossiers
	// ever received); one MonthCounts per period with Month = bounds[i].
	MonthlyCounts(ctx context.Context, units []string, bounds []time.Time) ([]MonthCounts, error)
	// BacklogCounts returns the dossiers of the given units' desks pending at the instant at
	// (received before it, not finished before it), in len(edges)+1 buckets of their receipt time:
	// before edges[0], then [edges[i-1], edges[i]), then from the last edge on; each split by whether
	// the original appointment is before at (overdue) or not.
	BacklogCounts(ctx context.Context, units []string, at time.Time, edges []time.Time) ([]AgeCounts, error)
}

// Dashboard is the control team's overview of a unit: twelve months of figures and the backlog.
type Dashboard struct {
	Unit    account.Unit
	Subtree bool
	Codes   []string      // the receiving units counted
	At      time.Time     // when the backlog was measured
	Months  []MonthCounts // the last twelve months, the current one last
	Backlog []AgeBucket   // 0-5, 6-10, 11-20, 21+ days since receipt
}

// backlogAges are the upper bounds (days since receipt) of the backlog's buckets but the last.
var backlogAges = []struct {
	key      string
	min, max int
}{{"0-5", 0, 5}, {"6-10", 6, 10}, {"11-20", 11, 20}, {"21+", 21, -1}}

// Dashboard returns the dashboard of the unit (with its subtree) at the instant now, on today's unit
// structure: the twelve months up to now's month and the backlog by days since receipt. Errors:
// Forbidden (Unauthorized when anonymous); Invalid on "unit" (unit.not_found); Internal when the
// store cannot serve dashboards; the store's errors otherwise.
func (s *Service) Dashboard(ctx context.Context, p account.Principal, unitCode string, subtree bool, now time.Time) (Dashboard, error) {
	ds, ok := s.Store.(DashboardStore)
	if !ok {
		return Dashboard{}, fault.New(fault.Internal, "error.internal")
	}
	unit, codes, err := s.Scope(ctx, p, unitCode, subtree, now)
	if err != nil {
		return Dashboard{}, err
	}
	now = now.In(calendar.Location).Truncate(time.Second)
	y, m, _ := now.Date()
	first := time.Date(y, m-11, 1, 0, 0, 0, 0, calendar.Location)
	bounds := make([]time.Time, 13)
	for i := range bounds {
		bounds[i] = first.AddDate(0, i, 0)
	}
	out := Dashboard{Unit: unit, Subtree: subtree, Codes: codes, At: now}
	if out.Months, err = ds.MonthlyCounts(ctx, codes, bounds); err != nil {
		return Dashboard{}, err
	}
	today := startOfDay(now)
	// Edges ascending: received before today−20 days, before today−10, before today−5.
	edges := []time.Time{today.AddDate(0, 0, -20), today.AddDate(0, 0, -10), today.AddDate(0, 0, -5)}
	ages, err := ds.BacklogCounts(ctx, codes, now, edges)
	if err != nil {
		return Dashboard{}, err
	}
	for i, a := range backlogAges {
		b := AgeBucket{Key: a.key, Last: today.AddDate(0, 0, -a.min), AgeCounts: ages[len(ages)-1-i]}
		if a.max >= 0 {
			b.First = today.AddDate(0, 0, -a.max)
		}
		out.Backlog = append(out.Backlog, b)
	}
	return out, nil
}

// Scope returns the unit and the receiving units a dashboard (or the list of dossiers behind one of
// its figures) counts: the unit alone, or with subtree every unit below it in the structure of now's
// day (closed ones included, where they stood). Errors: Forbidden (Unauthorized when anonymous);
// Invalid on "unit" (unit.not_found); the store's errors otherwise.
func (s *Service) Scope(ctx context.Context, p account.Principal, unitCode string, subtree bool, now time.Time) (account.Unit, []string, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return account.Unit{}, nil, err
	}
	unit, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(unitCode)))
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("unit", "unit.not_found", unitCode)
		return account.Unit{}, nil, f.Err()
	}
	if err != nil {
		return account.Unit{}, nil, err
	}
	if err := account.Authorize(p, account.ViewReports, unit.Path); err != nil {
		return account.Unit{}, nil, err
	}
	if !subtree {
		return unit, []string{unit.Code}, nil
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return account.Unit{}, nil, err
	}
	hist, err := s.Store.UnitHistory(ctx)
	if err != nil {
		return account.Unit{}, nil, err
	}
	st := NewStructure(units, hist, day(now))
	if u, ok := st.Unit(unit.Code); ok {
		unit = u
	}
	return unit, st.Scope(unit.Code, true, false).Codes, nil
}
