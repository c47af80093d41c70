package catalog

import (
	"context"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// CreateDraft adds a new procedure as draft version 1. Errors: Invalid naming the fields, Conflict
// when the code exists, Forbidden.
func (s *Service) CreateDraft(ctx context.Context, p account.Principal, proc procedure.Procedure) (procedure.Procedure, error) {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return proc, err
	}
	proc.Version, proc.Status = 1, procedure.Draft
	proc.ApplyDefaults()
	if err := proc.Validate(); err != nil {
		return proc, invalid(err)
	}
	if _, err := s.Store.ProcedureVersions(ctx, proc.Code); err == nil {
		return proc, fault.New(fault.Conflict, "catalog.code.taken", proc.Code)
	}
	return proc, s.Store.SaveProcedureVersion(ctx, p, proc, nil)
}

// latest returns every version and the last one.
func (s *Service) latest(ctx context.Context, code string) ([]procedure.Procedure, procedure.Procedure, error) {
	vs, err := s.Store.ProcedureVersions(ctx, strings.TrimSpace(code))
	if err != nil {
		return nil, procedure.Procedure{}, err
	}
	return vs, vs[len(vs)-1], nil
}

// UpdateDraft replaces the content of the procedure's draft version (code and version are kept).
// Errors: Invalid, Conflict when the latest version is not a draft, NotFound, Forbidden.
func (s *Service) UpdateDraft(ctx context.Context, p account.Principal, code string, proc procedure.Procedure) (procedure.Procedure, error) {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return proc, err
	}
	_, last, err := s.latest(ctx, code)
	if err != nil {
		return proc, err
	}
	if last.Status != procedure.Draft {
		return proc, fault.New(fault.Conflict, "catalog.not_draft", code, last.Version)
	}
	proc.Code, proc.Version, proc.Status = last.Code, last.Version, procedure.Draft
	proc.ApplyDefaults()
	if err := proc.Validate(); err != nil {
		return proc, invalid(err)
	}
	return proc, s.Store.UpdateProcedureVersion(ctx, p, proc, nil)
}

// OpenDraft starts a new draft version of a published procedure, a copy of the current version with
// the given effective date. Errors: Conflict when a draft is already open, NotFound, Forbidden.
func (s *Service) OpenDraft(ctx context.Context, p account.Principal, code string, effective time.Time) (procedure.Procedure, error) {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return procedure.Procedure{}, err
	}
	_, last, err := s.latest(ctx, code)
	if err != nil {
		return last, err
	}
	if last.Status == procedure.Draft {
		return last, fault.New(fault.Conflict, "catalog.draft.open", code, last.Version)
	}
	next := last.NextVersion(effective)
	next.AbolishedFrom = time.Time{}
	return next, s.Store.SaveProcedureVersion(ctx, p, next, nil)
}

// Publish makes the draft the current version from its effective date (today when unset); the
// version published before becomes amended. Errors: Conflict when there is no draft, Invalid.
func (s *Service) Publish(ctx context.Context, p account.Principal, code string, now time.Time) (procedure.Procedure, error) {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return procedure.Procedure{}, err
	}
	vs, last, err := s.latest(ctx, code)
	if err != nil {
		return last, err
	}
	if last.Status != procedure.Draft {
		return last, fault.New(fault.Conflict, "catalog.not_draft", code, last.Version)
	}
	if last.EffectiveFrom.IsZero() {
		last.EffectiveFrom = day(now)
	}
	if err := last.Validate(); err != nil {
		return last, invalid(err)
	}
	if err := last.Transition(procedure.Published); err != nil {
		return last, invalid(err)
	}
	var prev *procedure.Procedure
	for i := len(vs) - 2; i >= 0; i-- {
		if vs[i].Status == procedure.Published {
			q := vs[i]
			if err := q.Transition(procedure.Amended); err != nil {
				return last, invalid(err)
			}
			prev = &q
			break
		}
	}
	return last, s.Store.UpdateProcedureVersion(ctx, p, last, prev)
}

// Abolish ends the current published version from a day on. Errors: Conflict when nothing is
// published, Invalid for a day before the version took effect.
func (s *Service) Abolish(ctx context.Context, p account.Principal, code string, from time.Time) (procedure.Procedure, error) {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return procedure.Procedure{}, err
	}
	vs, _, err := s.latest(ctx, code)
	if err != nil {
		return procedure.Procedure{}, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Status != procedure.Published {
			continue
		}
		v := vs[i]
		v.AbolishedFrom = day(from)
		if err := v.Transition(procedure.Abolished); err != nil {
			return v, invalid(err)
		}
		if err := v.Validate(); err != nil {
			return v, invalid(err)
		}
		return v, s.Store.UpdateProcedureVersion(ctx, p, v, nil)
	}
	return procedure.Procedure{}, fault.New(fault.Conflict, "catalog.not_published", code)
}

// ApplyTo records that units apply the procedure. Unknown or closed units are an Invalid error
// naming them; the principal must have each unit in scope.
func (s *Service) ApplyTo(ctx context.Context, p account.Principal, code string, unitCodes []string, now time.Time) error {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return err
	}
	if _, err := s.Store.ProcedureVersions(ctx, code); err != nil {
		return err
	}
	units, err := s.unitsByCode(ctx)
	if err != nil {
		return err
	}
	today := account.Today(now)
	var f fault.Fields
	var codes []string
	for _, c := range unitCodes {
		c = strings.ToUpper(strings.TrimSpace(c))
		u, ok := units[c]
		switch {
		case !ok:
			f.Add("units", "unit.not_found", c)
		case !u.ActiveOn(today):
			f.Add("units", "unit.closed", c, u.ValidTo)
		case !p.InScope(u.Path):
			return fault.New(fault.Forbidden, "error.forbidden")
		default:
			codes = append(codes, c)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.Store.AddProcedureUnits(ctx, p, code, codes)
}

// Unapply records that a unit stops applying the procedure.
func (s *Service) Unapply(ctx context.Context, p account.Principal, code, unitCode string) error {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return err
	}
	unitCode = strings.ToUpper(strings.TrimSpace(unitCode))
	units, err := s.unitsByCode(ctx)
	if err != nil {
		return err
	}
	u, ok := units[unitCode]
	if !ok {
		var f fault.Fields
		f.Add("unit", "unit.not_found", unitCode)
		return f.Err()
	}
	if !p.InScope(u.Path) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	return s.Store.RemoveProcedureUnit(ctx, p, code, unitCode)
}

func (s *Service) unitsByCode(ctx context.Context) (map[string]account.Unit, error) {
	all, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]account.Unit, len(all))
	for _, u := range all {
		m[u.Code] = u
	}
	return m, nil
}

// day returns the business day of t as midnight in Vietnam time.
func day(t time.Time) time.Time {
	t = t.In(procedure.Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, procedure.Location)
}
