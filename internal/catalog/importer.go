package catalog

import (
	"context"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// Import outcomes of one row.
const (
	Created   = "created"
	Updated   = "updated"
	Unchanged = "unchanged"
	Rejected  = "rejected"
)

// ImportResult says what happened to one row of an imported file.
type ImportResult struct {
	Row     int
	Code    string
	Name    string
	Action  string
	Version int
	// Problems name the sheet, row, column or field and carry a translatable message.
	Problems []Problem
	Warnings []Problem
}

// Problem is one problem of an imported row.
type Problem struct {
	Where   string // e.g. "channels[0].fees[1].amount_vnd" or "Kênh và phí!D7"
	Message fault.Message
}

// Import reads a catalog file (the sample JSON shape, the national JSON shape or an .xlsx workbook)
// and publishes each good row: new codes are created, codes whose current version differs get a
// new version, identical ones are left alone, so importing the same file twice changes nothing. Bad
// rows are reported and do not stop the good ones. The procedures are applied by the units named in
// applyTo, or by default by every current unit whose kind is among the procedure's levels. It
// returns the detected format and one result per row; err is set only when the file cannot be read
// at all.
func (s *Service) Import(ctx context.Context, p account.Principal, filename string, data []byte, applyTo []string, now time.Time) (procedure.Format, []ImportResult, error) {
	defer s.invalidate() // the public index must show the change
	if err := canEdit(p); err != nil {
		return "", nil, err
	}
	format, rows, err := procedure.Import(filename, data)
	if err != nil {
		return format, nil, fault.New(fault.Invalid, "catalog.import.unreadable", err.Error())
	}
	units, err := s.unitsByCode(ctx)
	if err != nil {
		return format, nil, err
	}
	var f fault.Fields
	for i, c := range applyTo {
		c = strings.ToUpper(strings.TrimSpace(c))
		applyTo[i] = c
		u, ok := units[c]
		switch {
		case !ok:
			f.Add("apply_to", "unit.not_found", c)
		case !u.ActiveOn(account.Today(now)):
			f.Add("apply_to", "unit.closed", c, u.ValidTo)
		case !p.InScope(u.Path):
			return format, nil, fault.New(fault.Forbidden, "error.forbidden")
		}
	}
	if err := f.Err(); err != nil {
		return format, nil, err
	}
	var results []ImportResult
	for _, row := range rows {
		r := ImportResult{Row: row.Row, Code: row.Code, Action: Rejected}
		for _, w := range row.Warnings {
			r.Warnings = append(r.Warnings, problem(w))
		}
		if !row.OK() {
			for _, e := range row.Errors {
				r.Problems = append(r.Problems, problem(e))
			}
			results = append(results, r)
			continue
		}
		proc := *row.Procedure
		r.Name = proc.Name
		action, version, err := s.publishImported(ctx, p, proc, now)
		if err != nil {
			fe := fault.As(err)
			if fe.Kind == fault.Internal || fe.Kind == fault.Forbidden {
				return format, results, err
			}
			r.Problems = append(r.Problems, Problem{Where: "code", Message: fe.Message})
			for field, m := range fe.Fields {
				r.Problems = append(r.Problems, Problem{Where: field, Message: m})
			}
			results = append(results, r)
			continue
		}
		r.Action, r.Version = action, version
		if err := s.Store.AddProcedureUnits(ctx, p, proc.Code, applyingUnits(proc, units, applyTo, now)); err != nil {
			return format, results, err
		}
		results = append(results, r)
	}
	return format, results, nil
}

func problem(e procedure.ImportError) Problem {
	where := e.Field
	if e.Sheet != "" {
		where = e.Sheet + "!" + e.Column
		if e.Row > 0 {
			where += itoa(e.Row)
		}
		if e.Field != "" {
			where += " (" + e.Field + ")"
		}
	}
	return Problem{Where: where, Message: fault.Message{Key: e.Key, Args: e.Args}}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// publishImported stores an imported procedure as a published version unless the current one is the same.
func (s *Service) publishImported(ctx context.Context, p account.Principal, proc procedure.Procedure, now time.Time) (string, int, error) {
	proc.ApplyDefaults()
	proc.Status = procedure.Published
	proc.AbolishedFrom = time.Time{}
	if proc.EffectiveFrom.IsZero() {
		proc.EffectiveFrom = proc.PublishEffective
	}
	if proc.EffectiveFrom.IsZero() {
		proc.EffectiveFrom = day(now)
	}
	vs, err := s.Store.ProcedureVersions(ctx, proc.Code)
	if fault.Is(err, fault.NotFound) {
		proc.Version = 1
		if err := proc.Validate(); err != nil {
			return "", 0, invalid(err)
		}
		return Created, 1, s.Store.SaveProcedureVersion(ctx, p, proc, nil)
	}
	if err != nil {
		return "", 0, err
	}
	last := vs[len(vs)-1]
	if last.Status == procedure.Draft {
		return "", 0, fault.New(fault.Conflict, "catalog.draft.open", proc.Code, last.Version)
	}
	var current *procedure.Procedure
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Status == procedure.Published {
			current = &vs[i]
			break
		}
	}
	if current != nil && len(procedure.Diff(*current, proc)) == 0 {
		return Unchanged, current.Version, nil
	}
	proc.Version = last.Version + 1
	if current != nil && !proc.EffectiveFrom.After(current.EffectiveFrom) {
		// A changed row whose date is not later than the current version's takes effect today.
		proc.EffectiveFrom = day(now)
	}
	if err := proc.Validate(); err != nil {
		return "", 0, invalid(err)
	}
	var supersede *procedure.Procedure
	if current != nil {
		q := *current
		q.Status = procedure.Amended
		supersede = &q
	}
	return Updated, proc.Version, s.Store.SaveProcedureVersion(ctx, p, proc, supersede)
}

// applyingUnits returns the units named, or else the current units whose kind is one of the
// procedure's levels.
func applyingUnits(proc procedure.Procedure, units map[string]account.Unit, named []string, now time.Time) []string {
	if len(named) > 0 {
		return named
	}
	today := account.Today(now)
	var out []string
	for code, u := range units {
		if u.ActiveOn(today) && slices.Contains(proc.Levels, procedure.Level(u.Kind)) {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// Export returns the current version of every procedure that is published, for ExportJSON and
// ExportXLSX.
func (s *Service) Export(ctx context.Context) ([]procedure.Procedure, error) {
	var all []procedure.Procedure
	for offset := 0; ; offset += 1000 {
		page, total, err := s.Store.SearchProcedures(ctx, Query{Statuses: []procedure.Status{procedure.Published}, Limit: 1000, Offset: offset, Full: true})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(all) >= total || len(page) == 0 {
			return all, nil
		}
	}
}
