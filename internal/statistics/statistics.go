// Package statistics is the public statistics of settlement that one-stop centres publish per unit
// (issue 8 item 5): per month of a year, the dossiers received, those resolved, the on-time rate and
// the average processing time, for a unit or a unit with its subtree. The average is in calendar
// days from receipt to the end of processing (result ready, returned, stopped, refused or
// withdrawn), the same clock for every unit whatever its working calendar. The on-time rate is the
// one of report II.06a (report.OnTimeRate). The store counts; this package decides the months and
// the rates.
package statistics

import (
	"context"
	"strings"
	"sync"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/report"
)

// Counts are the figures of one period as the store aggregates them.
type Counts struct {
	Received int64 // received in the period
	Resolved int64 // finished in the period
	OnTime   int64 // of those, early or on time
	// DurationMS is the sum over the resolved dossiers of the time from receipt to finish, in
	// milliseconds (a time.Duration would overflow past 292 years, some 100,000 dossiers of a month).
	DurationMS int64
}

// add adds o to c.
func (c *Counts) add(o Counts) {
	c.Received += o.Received
	c.Resolved += o.Resolved
	c.OnTime += o.OnTime
	c.DurationMS += o.DurationMS
}

// Month is one row of the table: a month of the year (0 for the year's total) and its figures.
type Month struct {
	Month time.Month
	Counts
	// Rate is OnTime / Resolved × 100, two decimals; 0 when nothing was resolved.
	Rate float64
	// AverageDays is DurationMS / Resolved in calendar days; 0 when nothing was resolved.
	AverageDays float64
	// Future is set for a month that has not begun yet.
	Future bool
}

// finish computes the rate and the average.
func (m Month) finish() Month {
	m.Rate = report.OnTimeRate(0, m.OnTime, m.Resolved)
	if m.Resolved > 0 {
		m.AverageDays = float64(m.DurationMS) / float64(24*time.Hour/time.Millisecond) / float64(m.Resolved)
	}
	return m
}

// Table is the statistics of a unit over a year.
type Table struct {
	Unit    account.Unit
	Year    int
	Subtree bool
	Months  []Month // January to December
	Total   Month
}

// Store is what the statistics need from storage.
type Store interface {
	// UnitByCode returns the unit with the identifier, or NotFound.
	UnitByCode(ctx context.Context, code string) (account.Unit, error)
	// Units returns every unit.
	Units(ctx context.Context) ([]account.Unit, error)
	// ResolutionCounts returns the counts of the dossiers received by the desks of the units for
	// each of the contiguous periods [bounds[i], bounds[i+1]).
	ResolutionCounts(ctx context.Context, units []string, bounds []time.Time) ([]Counts, error)
}

// Service computes the public statistics over a Store, keeping each table it computed for CacheTTL
// (the public pages are cached as long by browsers and proxies): a province-year of two million
// dossiers takes seconds to count.
type Service struct {
	Store Store

	mu    sync.Mutex
	cache map[cacheKey]cached
}

// CacheTTL is how long a computed table is served again.
const CacheTTL = 5 * time.Minute

// maxCached bounds the cache: beyond it, the cache is emptied.
const maxCached = 1000

type cacheKey struct {
	unit    string
	year    int
	subtree bool
}

type cached struct {
	table Table
	at    time.Time
}

// MinYear is the first year the statistics can be asked for.
const MinYear = 2000

// Units returns the units the public may pick: every unit that exists today and is not an office.
func (s *Service) Units(ctx context.Context, now time.Time) ([]account.Unit, error) {
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	today := now.In(calendar.Location).Format("2006-01-02")
	var out []account.Unit
	for _, u := range units {
		if u.Kind != account.Office && u.ActiveOn(today) {
			out = append(out, u)
		}
	}
	return out, nil
}

// Year returns the statistics of the unit (with its subtree when subtree is set) for each month of
// the year, months not begun at now left empty and marked Future. Errors: NotFound
// (statistics.unit.not_found) for an unknown unit; Invalid on the field "year" outside MinYear to
// now's year; the store's errors otherwise.
func (s *Service) Year(ctx context.Context, unitCode string, year int, subtree bool, now time.Time) (Table, error) {
	unit, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(unitCode)))
	if fault.Is(err, fault.NotFound) {
		return Table{}, fault.New(fault.NotFound, "feedback.stats.unit_not_found")
	}
	if err != nil {
		return Table{}, err
	}
	now = now.In(calendar.Location)
	key := cacheKey{unit.Code, year, subtree}
	s.mu.Lock()
	c, ok := s.cache[key]
	s.mu.Unlock()
	if ok && !now.Before(c.at) && now.Sub(c.at) < CacheTTL {
		return c.table, nil
	}
	if year < MinYear || year > now.Year() {
		var f fault.Fields
		f.Add("year", "feedback.stats.year_invalid", MinYear, now.Year())
		return Table{}, f.Err()
	}
	codes := []string{unit.Code}
	if subtree {
		units, err := s.Store.Units(ctx)
		if err != nil {
			return Table{}, err
		}
		codes = codes[:0]
		for _, u := range units {
			if strings.HasPrefix(u.Path, unit.Path) {
				codes = append(codes, u.Code)
			}
		}
	}
	t := Table{Unit: unit, Year: year, Subtree: subtree}
	// The bounds of the months begun by now: one query for them all.
	var bounds []time.Time
	for m := time.January; m <= time.December; m++ {
		from := time.Date(year, m, 1, 0, 0, 0, 0, calendar.Location)
		if from.After(now) {
			break
		}
		if len(bounds) == 0 {
			bounds = append(bounds, from)
		}
		bounds = append(bounds, from.AddDate(0, 1, 0))
	}
	counts, err := s.Store.ResolutionCounts(ctx, codes, bounds)
	if err != nil {
		return Table{}, err
	}
	for m := time.January; m <= time.December; m++ {
		row := Month{Month: m, Future: int(m) > len(counts)}
		if !row.Future {
			row.Counts = counts[m-1]
			t.Total.add(row.Counts)
			row = row.finish()
		}
		t.Months = append(t.Months, row)
	}
	t.Total = t.Total.finish()
	s.mu.Lock()
	if s.cache == nil || len(s.cache) >= maxCached {
		s.cache = map[cacheKey]cached{}
	}
	s.cache[key] = cached{table: t, at: now}
	s.mu.Unlock()
	return t, nil
}
