package account

import (
	"context"
	"strings"
	"time"

	"motcua/internal/fault"
)

// CreateUnit validates and creates a unit. A root unit may be created only by a principal whose
// scope is the whole installation. Errors: Invalid (naming the field), Forbidden, Conflict (code taken).
func (s *Service) CreateUnit(ctx context.Context, p Principal, in UnitInput, now time.Time) (Unit, error) {
	in.Normalize()
	if in.ValidFrom == "" {
		in.ValidFrom = Today(now)
	}
	if err := in.Validate(); err != nil {
		return Unit{}, err
	}
	kind, _ := ParseUnitKind(in.Kind)
	u := Unit{Code: in.Code, Name: in.Name, Kind: kind, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}
	if in.ParentCode == "" {
		if err := Authorize(p, ManageUnits, "/"); err != nil {
			return Unit{}, err
		}
		return s.Store.CreateUnit(ctx, p, u, nil)
	}
	parent, err := s.Store.UnitByCode(ctx, in.ParentCode)
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("parent", "unit.not_found", in.ParentCode)
		return Unit{}, f.Err()
	}
	if err != nil {
		return Unit{}, err
	}
	if err := Authorize(p, ManageUnits, parent.Path); err != nil {
		return Unit{}, err
	}
	var f fault.Fields
	if !parent.ActiveOn(in.ValidFrom) {
		f.Add("parent", "unit.parent.inactive", parent.Code, in.ValidFrom)
	}
	if !CanContain(parent.Kind, kind) {
		f.Add("kind", "unit.kind.not_under", string(kind), string(parent.Kind))
	}
	if err := f.Err(); err != nil {
		return Unit{}, err
	}
	return s.Store.CreateUnit(ctx, p, u, &parent)
}

// unitInScope loads a unit and checks that p may manage it. Errors: NotFound, Forbidden.
func (s *Service) unitInScope(ctx context.Context, p Principal, code string, a Action) (Unit, error) {
	u, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return u, err
	}
	return u, Authorize(p, a, u.Path)
}

// effectiveDay returns day, or today when day is empty, checking its format, that the unit is still
// current, and that the day is not before the unit began (for a closing day, strictly after it). The
// error names the field.
func effectiveDay(field, day string, u Unit, now time.Time) (string, error) {
	day = strings.TrimSpace(day)
	if day == "" {
		day = Today(now)
	}
	closing := field == "on"
	var f fault.Fields
	switch {
	case !ValidDay(day):
		f.Add(field, "field.date.invalid")
	case u.ValidTo != "":
		f.Add("code", "unit.closed", u.Code, u.ValidTo)
	case day < u.ValidFrom || (closing && day == u.ValidFrom):
		f.Add(field, "unit.day.before_start", u.ValidFrom)
	}
	return day, f.Err()
}

// RenameUnit gives a current unit a new name from a day on (today when from is empty).
func (s *Service) RenameUnit(ctx context.Context, p Principal, code, name, from string, now time.Time) error {
	u, err := s.unitInScope(ctx, p, code, ManageUnits)
	if err != nil {
		return err
	}
	name = strings.Join(strings.Fields(name), " ")
	var f fault.Fields
	if name == "" {
		f.Add("name", "field.required")
	} else if len([]rune(name)) > 200 {
		f.Add("name", "field.too_long", 200)
	}
	if err := f.Err(); err != nil {
		return err
	}
	day, err := effectiveDay("from", from, u, now)
	if err != nil {
		return err
	}
	return s.Store.RenameUnit(ctx, p, u, name, day)
}

// MoveUnit places a current unit under another parent from a day on. The new parent must be in the
// principal's scope, current, not inside the unit itself, and of a kind that may contain it.
func (s *Service) MoveUnit(ctx context.Context, p Principal, code, parentCode, from string, now time.Time) error {
	u, err := s.unitInScope(ctx, p, code, ManageUnits)
	if err != nil {
		return err
	}
	parent, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(parentCode)))
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("parent", "unit.not_found", parentCode)
		return f.Err()
	}
	if err != nil {
		return err
	}
	if err := Authorize(p, ManageUnits, parent.Path); err != nil {
		return err
	}
	day, err := effectiveDay("from", from, u, now)
	if err != nil {
		return err
	}
	var f fault.Fields
	switch {
	case strings.HasPrefix(parent.Path, u.Path):
		f.Add("parent", "unit.parent.inside")
	case parent.ID == u.ParentID:
		f.Add("parent", "unit.parent.same")
	case !parent.ActiveOn(day):
		f.Add("parent", "unit.parent.inactive", parent.Code, day)
	case !CanContain(parent.Kind, u.Kind):
		f.Add("parent", "unit.kind.not_under", string(u.Kind), string(parent.Kind))
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.Store.MoveUnit(ctx, p, u, parent, day)
}

// CloseUnit ends a current unit (and the units below it) on a day: the unit exists until the day
// before. With successorCode, the unit is merged into that unit, which must be current on that day
// and outside the closed subtree.
func (s *Service) CloseUnit(ctx context.Context, p Principal, code, on, successorCode string, now time.Time) error {
	u, err := s.unitInScope(ctx, p, code, ManageUnits)
	if err != nil {
		return err
	}
	day, err := effectiveDay("on", on, u, now)
	if err != nil {
		return err
	}
	if strings.TrimSpace(successorCode) == "" {
		return s.Store.CloseUnit(ctx, p, u, day, nil)
	}
	succ, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(successorCode)))
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("successor", "unit.not_found", successorCode)
		return f.Err()
	}
	if err != nil {
		return err
	}
	if err := Authorize(p, ManageUnits, succ.Path); err != nil {
		return err
	}
	var f fault.Fields
	if strings.HasPrefix(succ.Path, u.Path) {
		f.Add("successor", "unit.successor.inside")
	} else if !succ.ActiveOn(day) {
		f.Add("successor", "unit.parent.inactive", succ.Code, day)
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.Store.CloseUnit(ctx, p, u, day, &succ)
}

// Tree returns the units within the principal's scope as they stood on day (YYYY-MM-DD, today when
// empty), arranged as trees. Errors: Invalid day, Forbidden.
func (s *Service) Tree(ctx context.Context, p Principal, day string, now time.Time) ([]*TreeNode, error) {
	if err := Authorize(p, ViewUnits, p.UnitPath); err != nil {
		return nil, err
	}
	if day == "" {
		day = Today(now)
	}
	if !ValidDay(day) {
		var f fault.Fields
		f.Add("date", "field.date.invalid")
		return nil, f.Err()
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	hist, err := s.Store.UnitHistory(ctx)
	if err != nil {
		return nil, err
	}
	var scoped []Unit
	for _, u := range AsOf(units, hist, day) {
		if p.InScope(u.Path) {
			scoped = append(scoped, u)
		}
	}
	return BuildTree(scoped), nil
}

// Units returns every unit (current and closed) within the principal's scope, parents first.
func (s *Service) Units(ctx context.Context, p Principal) ([]Unit, error) {
	if err := Authorize(p, ViewUnits, p.UnitPath); err != nil {
		return nil, err
	}
	all, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	var out []Unit
	for _, u := range all {
		if p.InScope(u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}

// Unit returns one unit in the principal's scope. Errors: NotFound, Forbidden.
func (s *Service) Unit(ctx context.Context, p Principal, code string) (Unit, error) {
	return s.unitInScope(ctx, p, code, ViewUnits)
}
