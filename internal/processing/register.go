package processing

import (
	"context"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// Register returns the dossiers received by a unit's desk, and by the desks of the units below it,
// from the first to the last day given (inclusive, business time), in order of receipt: the rows of
// the register. Errors: Invalid ("unit", "to" before "from"), Forbidden, NotFound.
func (s *Service) Register(ctx context.Context, p account.Principal, unitCode string, from, to time.Time) (account.Unit, []dossier.Dossier, error) {
	if err := account.Authorize(p, account.ViewDossiers, p.UnitPath); err != nil {
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
	if !worksOn(p, unit) {
		return account.Unit{}, nil, fault.New(fault.Forbidden, "error.forbidden")
	}
	start := startOfDay(from)
	end := startOfDay(to).AddDate(0, 0, 1)
	if !end.After(start) {
		var f fault.Fields
		f.Add("to", "register.period_invalid")
		return account.Unit{}, nil, f.Err()
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return account.Unit{}, nil, err
	}
	var codes []string
	for _, u := range units {
		if strings.HasPrefix(u.Path, unit.Path) {
			codes = append(codes, u.Code)
		}
	}
	rows, err := s.Store.RegisterDossiers(ctx, codes, start, end)
	return unit, rows, err
}

// startOfDay is midnight of t's day in business time.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(calendar.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, calendar.Location)
}
