// Package workcal gives each unit its working calendar: the national calendar of package calendar
// with the administrators' overrides (closures and working Saturdays) for every unit, for the unit's
// ancestors and for the unit itself, and the desk hours of the unit or of its nearest ancestor that
// has its own. Calendars are built from storage and cached; any change made through the Service
// drops the cache, and entries also expire after a minute so that several servers sharing one
// database agree soon after a change made elsewhere.
package workcal

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// Override is an administrator's change to one day, for every unit (UnitCode "") or one unit and
// the units below it.
type Override struct {
	UnitCode string
	calendar.Override
	CreatedBy string
	CreatedAt time.Time
}

// Store is what the working calendars need from storage.
type Store interface {
	CalendarOverrides(ctx context.Context) ([]Override, error)
	AddCalendarOverride(ctx context.Context, actor account.Principal, o Override) error
	DeleteCalendarOverride(ctx context.Context, actor account.Principal, unitCode string, day calendar.Date) error
	UnitHours(ctx context.Context) (map[string]string, error)
	SetUnitHours(ctx context.Context, actor account.Principal, unitCode, hours string) error
	Units(ctx context.Context) ([]account.Unit, error)
}

// Service builds, caches and changes the units' working calendars.
type Service struct {
	Store Store
	// Now is the clock used only to expire the cache; nil means time.Now.
	Now func() time.Time

	mu       sync.Mutex
	snap     *snapshot
	loadedAt time.Time
}

// cacheTTL bounds how long a change made by another server goes unseen.
const cacheTTL = time.Minute

// snapshot is everything read from storage, with the calendars built so far.
type snapshot struct {
	units     map[string]account.Unit // by code
	byID      map[int64]account.Unit
	overrides []Override
	hours     map[string]string
	built     map[string]*calendar.Calendar
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// load returns the current snapshot, reading storage when there is none or it expired.
func (s *Service) load(ctx context.Context) (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.snap != nil && s.now().Sub(s.loadedAt) < cacheTTL {
		return s.snap, nil
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	ovs, err := s.Store.CalendarOverrides(ctx)
	if err != nil {
		return nil, err
	}
	hours, err := s.Store.UnitHours(ctx)
	if err != nil {
		return nil, err
	}
	snap := &snapshot{units: map[string]account.Unit{}, byID: map[int64]account.Unit{}, overrides: ovs, hours: hours,
		built: map[string]*calendar.Calendar{}}
	for _, u := range units {
		snap.units[u.Code] = u
		snap.byID[u.ID] = u
	}
	s.snap, s.loadedAt = snap, s.now()
	return snap, nil
}

// invalidate drops the cache after a change.
func (s *Service) invalidate() {
	s.mu.Lock()
	s.snap = nil
	s.mu.Unlock()
}

// lineage returns the codes of the unit's ancestors from the root down to the unit itself.
func (snap *snapshot) lineage(u account.Unit) []string {
	var out []string
	for _, part := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		id, err := strconv.ParseInt(part, 10, 64)
		if x, ok := snap.byID[id]; ok && err == nil {
			out = append(out, x.Code)
		}
	}
	return out
}

// options gathers the overrides and hours that apply to a unit ("" for the national calendar with
// the overrides for every unit), leaving out the override of extra for that scope and date if given.
func (snap *snapshot) options(unitCode string) (calendar.Options, error) {
	scopes := map[string]bool{"": true}
	hours := ""
	if unitCode != "" {
		u, ok := snap.units[unitCode]
		if !ok {
			return calendar.Options{}, fault.New(fault.NotFound, "unit.not_found", unitCode)
		}
		for _, code := range snap.lineage(u) {
			scopes[code] = true
			if h, ok := snap.hours[code]; ok {
				hours = h
			}
		}
	}
	opts := calendar.Options{Hours: calendar.DefaultHours()}
	if hours != "" {
		h, err := calendar.ParseHours(hours)
		if err != nil {
			return opts, fault.Wrap(err, "stored hours of "+unitCode)
		}
		opts.Hours = h
	}
	for _, o := range snap.overrides {
		if scopes[o.UnitCode] {
			opts.Overrides = append(opts.Overrides, o.Override)
		}
	}
	return opts, nil
}

// For returns the working calendar of a unit ("" for the calendar common to every unit). Errors:
// NotFound for an unknown unit; Internal if stored overrides no longer fit together.
func (s *Service) For(ctx context.Context, unitCode string) (*calendar.Calendar, error) {
	snap, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	c, ok := snap.built[unitCode]
	s.mu.Unlock()
	if ok {
		return c, nil
	}
	opts, err := snap.options(unitCode)
	if err != nil {
		return nil, err
	}
	if len(opts.Overrides) == 0 && opts.Hours.String() == calendar.DefaultHours().String() {
		c = calendar.Default()
	} else if c, err = calendar.New(opts); err != nil {
		return nil, fault.Wrap(err, "calendar of "+unitCode)
	}
	s.mu.Lock()
	snap.built[unitCode] = c
	s.mu.Unlock()
	return c, nil
}

// calendarErr translates an error of package calendar into a fault error on a field.
func calendarErr(field string, err error) error {
	var f fault.Fields
	switch {
	case errors.Is(err, calendar.ErrOutOfRange):
		f.Add(field, "calendar.out_of_range", calendar.MinYear, calendar.MaxYear)
	default:
		f.Add(field, "calendar.invalid", err.Error())
	}
	return f.Err()
}
