package workcal

import (
	"context"
	"errors"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// OverrideInput is an override as a form, the API or a file gives it.
type OverrideInput struct {
	UnitCode string // "" for every unit
	Date     string // YYYY-MM-DD
	Kind     string // CLOSURE or WORKING_SATURDAY (any case)
	NameVI   string
	NameEN   string
}

// scopePath returns the path the principal must cover to change the calendar of a scope: the whole
// installation for "" and the unit's path otherwise.
func (snap *snapshot) scopePath(unitCode string) (string, error) {
	if unitCode == "" {
		return "/", nil
	}
	u, ok := snap.units[unitCode]
	if !ok {
		var f fault.Fields
		f.Add("unit", "unit.not_found", unitCode)
		return "", f.Err()
	}
	return u.Path, nil
}

// parse validates an input alone and returns the override. Errors name the field.
func (in OverrideInput) parse() (Override, error) {
	var f fault.Fields
	o := Override{UnitCode: strings.ToUpper(strings.TrimSpace(in.UnitCode))}
	d, err := calendar.ParseDate(strings.TrimSpace(in.Date))
	switch {
	case errors.Is(err, calendar.ErrOutOfRange) || (err == nil && (d.Year < calendar.MinYear || d.Year > calendar.MaxYear)):
		f.Add("date", "calendar.out_of_range", calendar.MinYear, calendar.MaxYear)
	case err != nil:
		f.Add("date", "field.date.invalid")
	}
	kind, err := calendar.ParseOverrideKind(in.Kind)
	if err != nil {
		f.Add("kind", "calendar.kind.invalid", in.Kind)
	}
	o.Override = calendar.Override{Date: d, Kind: kind, NameVI: strings.TrimSpace(in.NameVI), NameEN: strings.TrimSpace(in.NameEN)}
	if len([]rune(o.NameVI)) > 200 {
		f.Add("name_vi", "field.too_long", 200)
	}
	if len([]rune(o.NameEN)) > 200 {
		f.Add("name_en", "field.too_long", 200)
	}
	if err := f.Err(); err != nil {
		return o, err
	}
	if o.NameVI == "" {
		o.NameVI = map[calendar.OverrideKind]string{calendar.Closure: "Nghỉ theo quyết định của cơ quan", calendar.WorkingSaturday: "Làm bù"}[kind]
	}
	if o.NameEN == "" {
		o.NameEN = map[calendar.OverrideKind]string{calendar.Closure: "Closure decided by the agency", calendar.WorkingSaturday: "Working Saturday"}[kind]
	}
	return o, nil
}

// check tells whether the override makes sense on the calendar it would change (the calendar of its
// scope without it) and whether it fits with every calendar it affects below that scope.
func (snap *snapshot) check(o Override) error {
	base, err := snap.options(o.UnitCode)
	if err != nil {
		return err
	}
	var f fault.Fields
	for _, x := range snap.overrides {
		if x.UnitCode == o.UnitCode && x.Date == o.Date {
			return fault.New(fault.Conflict, "calendar.override.exists", o.Date.String())
		}
	}
	c, err := calendar.New(base)
	if err != nil {
		return fault.Wrap(err, "calendar")
	}
	info := c.DayInfo(o.Date)
	wd := o.Date.Weekday()
	switch o.Kind {
	case calendar.Closure:
		if wd == time.Saturday || wd == time.Sunday {
			f.Add("date", "calendar.closure.weekend", o.Date.String())
		} else if !info.Working {
			f.Add("date", "calendar.closure.day_off", o.Date.String(), info.NameVI())
		}
	case calendar.WorkingSaturday:
		if wd != time.Saturday {
			f.Add("date", "calendar.saturday.not_saturday", o.Date.String())
		} else if info.Working {
			f.Add("date", "calendar.saturday.already", o.Date.String())
		} else if len(info.Holidays) > 0 {
			f.Add("date", "calendar.saturday.holiday", o.Date.String(), info.NameVI())
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	// Every unit at or below the scope must still have a consistent calendar.
	scope, _ := snap.scopePath(o.UnitCode)
	trial := &snapshot{units: snap.units, byID: snap.byID, hours: snap.hours, overrides: append(append([]Override(nil), snap.overrides...), o)}
	for code, u := range snap.units {
		if !strings.HasPrefix(u.Path, scope) {
			continue
		}
		opts, err := trial.options(code)
		if err != nil {
			return err
		}
		if _, err := calendar.New(opts); err != nil {
			f.Add("date", "calendar.override.clash", code, err.Error())
			return f.Err()
		}
	}
	return nil
}

// AddOverride records a closure or a working Saturday for every unit or one unit's subtree. Only
// administrators change calendars, within their scope; changing the calendar of every unit needs the
// whole installation in scope. Errors: Invalid naming the field, Conflict when the day already has an
// override in that scope, Forbidden.
func (s *Service) AddOverride(ctx context.Context, p account.Principal, in OverrideInput) (Override, error) {
	o, err := in.parse()
	if err != nil {
		return o, err
	}
	snap, err := s.load(ctx)
	if err != nil {
		return o, err
	}
	scope, err := snap.scopePath(o.UnitCode)
	if err != nil {
		return o, err
	}
	if err := account.Authorize(p, account.ManageCalendar, scope); err != nil {
		return o, err
	}
	if err := snap.check(o); err != nil {
		return o, err
	}
	o.CreatedBy = p.Username
	if err := s.Store.AddCalendarOverride(ctx, p, o); err != nil {
		return o, err
	}
	s.invalidate()
	return o, nil
}

// RemoveOverride deletes the override of a day in a scope. Errors: NotFound, Forbidden, Invalid.
func (s *Service) RemoveOverride(ctx context.Context, p account.Principal, unitCode, day string) error {
	unitCode = strings.ToUpper(strings.TrimSpace(unitCode))
	d, err := calendar.ParseDate(strings.TrimSpace(day))
	if err != nil {
		var f fault.Fields
		f.Add("date", "field.date.invalid")
		return f.Err()
	}
	snap, err := s.load(ctx)
	if err != nil {
		return err
	}
	scope, err := snap.scopePath(unitCode)
	if err != nil {
		return err
	}
	if err := account.Authorize(p, account.ManageCalendar, scope); err != nil {
		return err
	}
	if err := s.Store.DeleteCalendarOverride(ctx, p, unitCode, d); err != nil {
		return err
	}
	s.invalidate()
	return nil
}

// Overrides lists the overrides of a scope ("" for those of every unit), in date order, optionally of
// one year (0 for all). Anyone who may see the unit may see its calendar.
func (s *Service) Overrides(ctx context.Context, p account.Principal, unitCode string, year int) ([]Override, error) {
	unitCode = strings.ToUpper(strings.TrimSpace(unitCode))
	snap, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	if unitCode != "" {
		scope, err := snap.scopePath(unitCode)
		if err != nil {
			return nil, err
		}
		if err := account.Authorize(p, account.ViewUnits, scope); err != nil {
			return nil, err
		}
	}
	var out []Override
	for _, o := range snap.overrides {
		if o.UnitCode == unitCode && (year == 0 || o.Date.Year == year) {
			out = append(out, o)
		}
	}
	return out, nil
}

// Import adds several overrides to a scope, each checked as AddOverride does; it stops at the first
// bad one and reports its position (1-based) with the error. Overrides already present with the same
// kind are skipped, so importing a file twice changes nothing. It returns how many were added.
func (s *Service) Import(ctx context.Context, p account.Principal, unitCode string, items []OverrideInput) (int, int, error) {
	added := 0
	for i, in := range items {
		in.UnitCode = unitCode
		o, err := in.parse()
		if err == nil {
			existing, lerr := s.Overrides(ctx, p, o.UnitCode, o.Date.Year)
			if lerr != nil {
				return added, i + 1, lerr
			}
			dup := false
			for _, x := range existing {
				if x.Date == o.Date && x.Kind == o.Kind {
					dup = true
				}
			}
			if dup {
				continue
			}
		}
		if _, err := s.AddOverride(ctx, p, in); err != nil {
			return added, i + 1, err
		}
		added++
	}
	return added, 0, nil
}

// SetHours sets a unit's desk hours ("07:00-11:30,13:30-17:00"); an empty value returns the unit to
// its parent's hours. Errors: Invalid on the field "hours", Forbidden, NotFound.
func (s *Service) SetHours(ctx context.Context, p account.Principal, unitCode, hours string) error {
	unitCode = strings.ToUpper(strings.TrimSpace(unitCode))
	snap, err := s.load(ctx)
	if err != nil {
		return err
	}
	scope, err := snap.scopePath(unitCode)
	if err != nil || unitCode == "" {
		var f fault.Fields
		f.Add("unit", "unit.not_found", unitCode)
		return f.Err()
	}
	if err := account.Authorize(p, account.ManageCalendar, scope); err != nil {
		return err
	}
	hours = strings.TrimSpace(hours)
	if hours != "" {
		h, err := calendar.ParseHours(hours)
		if err != nil {
			var f fault.Fields
			f.Add("hours", "calendar.hours.invalid", hours)
			return f.Err()
		}
		hours = h.String()
	}
	if err := s.Store.SetUnitHours(ctx, p, unitCode, hours); err != nil {
		return err
	}
	s.invalidate()
	return nil
}

// Hours returns the desk hours in force for a unit and whether the unit sets them itself.
func (s *Service) Hours(ctx context.Context, unitCode string) (calendar.Hours, bool, error) {
	snap, err := s.load(ctx)
	if err != nil {
		return calendar.Hours{}, false, err
	}
	c, err := s.For(ctx, unitCode)
	if err != nil {
		return calendar.Hours{}, false, err
	}
	_, own := snap.hours[strings.ToUpper(unitCode)]
	return c.Hours(), own, nil
}
