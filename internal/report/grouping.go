package report

import (
	"context"
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"motcua/internal/account"
	"motcua/internal/fault"
)

// ParseGrouping reads "field", "procedure" or "unit" (empty means field). Errors: Invalid on the
// field "by" (report.grouping_invalid).
func ParseGrouping(s string) (Grouping, error) {
	switch g := Grouping(strings.TrimSpace(s)); g {
	case "":
		return ByField, nil
	case ByField, ByProcedure, ByUnit:
		return g, nil
	}
	var f fault.Fields
	f.Add("by", "report.grouping_invalid")
	return "", f.Err()
}

// Request is what a report II.06a is asked for.
type Request struct {
	Unit    string // the unit's identifier
	Period  Period
	Subtree bool     // with the units below (always, for a by-unit report)
	By      Grouping // empty means ByField
	AsOf    string   // YYYY-MM-DD: the unit structure to follow; empty means the period's last day
	Merge   bool     // count closed units' history under their successors
}

// Report returns report II.06a as asked: the period's counts grouped by field, procedure or unit,
// over the unit (and the units below it) in the unit structure of the day AsOf. By unit, there is one
// row per unit directly below the chosen one (each counting its whole subtree), a row for the chosen
// unit's own desk when it received dossiers itself, and a row of its own for each closed (or later)
// unit with dossiers that no existing unit holds; with Merge, closed units count under their
// successors. Errors: Forbidden (Unauthorized for an anonymous principal); Invalid naming "unit"
// (unit.not_found), "as_of" (report.date_invalid) or "by"; the store's errors otherwise.
func (s *Service) Report(ctx context.Context, p account.Principal, req Request) (Settlement, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return Settlement{}, err
	}
	var f fault.Fields
	by, err := ParseGrouping(string(req.By))
	if err != nil {
		f.Add("by", "report.grouping_invalid")
	}
	start, last := startOfDay(req.Period.From), startOfDay(req.Period.To)
	if req.Period.From.IsZero() || req.Period.To.IsZero() {
		f.Add("from", "report.period_invalid")
	} else if last.Before(start) {
		f.Add("to", "report.period_invalid")
	}
	asOf := strings.TrimSpace(req.AsOf)
	if asOf == "" {
		asOf = day(last)
	} else if !account.ValidDay(asOf) {
		f.Add("as_of", "report.date_invalid", asOf)
	}
	code := strings.ToUpper(strings.TrimSpace(req.Unit))
	unit, err := s.Store.UnitByCode(ctx, code)
	switch {
	case fault.Is(err, fault.NotFound):
		f.Add("unit", "unit.not_found", req.Unit)
	case err != nil:
		return Settlement{}, err
	}
	if err := f.Err(); err != nil {
		return Settlement{}, err
	}
	if err := account.Authorize(p, account.ViewReports, unit.Path); err != nil {
		return Settlement{}, err
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return Settlement{}, err
	}
	hist, err := s.Store.UnitHistory(ctx)
	if err != nil {
		return Settlement{}, err
	}
	st := NewStructure(units, hist, asOf)
	if u, ok := st.Unit(unit.Code); ok {
		unit = u // its name as of the day
	}
	scope := st.Scope(unit.Code, req.Subtree || by == ByUnit, req.Merge)
	counts, err := s.Store.SettlementCountsBy(ctx, scope.Codes, start, last.AddDate(0, 0, 1), by)
	if err != nil {
		return Settlement{}, err
	}
	out := Settlement{Unit: unit, Subtree: req.Subtree || by == ByUnit, From: start, To: last, By: by, AsOf: asOf,
		Merge: req.Merge, Period: req.Period}
	switch by {
	case ByField:
		out.Rows, out.Total = Tabulate(counts)
	case ByProcedure:
		out.Rows, out.Total, err = s.byProcedure(ctx, counts)
	case ByUnit:
		out.Rows, out.Total = byUnit(st, unit.Code, scope, counts)
	}
	return out, err
}

// byProcedure names each procedure's row from the catalog and orders the rows by code.
func (s *Service) byProcedure(ctx context.Context, counts []Row) ([]Row, Row, error) {
	codes := make([]string, 0, len(counts))
	for _, c := range counts {
		codes = append(codes, c.Field)
	}
	names, err := s.Store.ProcedureNames(ctx, codes)
	if err != nil {
		return nil, Row{}, err
	}
	byCode := map[string]*Row{}
	var rows []Row
	var total Row
	for _, c := range counts {
		code := strings.TrimSpace(c.Field)
		r, ok := byCode[code]
		if !ok {
			r = &Row{Code: code, Field: names[code]}
			if r.Field == "" {
				r.Field = code
			}
			byCode[code] = r
		}
		r.add(c)
	}
	for _, r := range byCode {
		r.OnTimeRate = OnTimeRate(r.ResolvedEarly, r.ResolvedOnTime, r.Resolved)
		rows = append(rows, *r)
		total.add(*r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Code < rows[j].Code })
	return rows, finishTotal(total), nil
}

// byUnit adds each receiving unit's counts to its row (see Scope): top's own desk first (when it
// received dossiers), then the existing units below top in Vietnamese name order, each shown even
// when empty unless it is an office, and last the closed or later units that have dossiers.
func byUnit(st *Structure, top string, scope Scope, counts []Row) ([]Row, Row) {
	rows := map[string]*Row{}
	for _, c := range counts {
		key := scope.RowOf[c.Field]
		if key == "" {
			key = c.Field
		}
		r, ok := rows[key]
		if !ok {
			r = &Row{}
			rows[key] = r
		}
		r.add(c)
	}
	row := func(code string, mark Mark) Row {
		r := Row{Code: code, Field: code, Mark: mark}
		if u, ok := st.Unit(code); ok {
			r.Field = u.Name
		}
		if c, ok := rows[code]; ok {
			r.add(*c)
		}
		r.OnTimeRate = OnTimeRate(r.ResolvedEarly, r.ResolvedOnTime, r.Resolved)
		return r
	}
	var out, closed []Row
	if c, ok := rows[top]; ok && c.Received > 0 {
		out = append(out, row(top, MarkOwn))
	}
	seen := map[string]bool{top: true}
	for _, code := range st.Children(top) {
		seen[code] = true
		mark := st.Mark(code)
		u, _ := st.Unit(code)
		c, has := rows[code]
		has = has && c.Received > 0
		switch {
		case mark != MarkNone && has:
			closed = append(closed, row(code, mark))
		case mark == MarkNone && (has || u.Kind != account.Office):
			out = append(out, row(code, mark))
		}
	}
	for code, c := range rows { // units outside top's children (closed units standing alone)
		if !seen[code] && c.Received > 0 {
			closed = append(closed, row(code, st.Mark(code)))
		}
	}
	byName := func(rows []Row) {
		col := collate.New(language.Vietnamese)
		sort.SliceStable(rows, func(i, j int) bool {
			if c := col.CompareString(rows[i].Field, rows[j].Field); c != 0 {
				return c < 0
			}
			return rows[i].Code < rows[j].Code
		})
	}
	own := 0
	if len(out) > 0 && out[0].Mark == MarkOwn {
		own = 1
	}
	byName(out[own:])
	byName(closed)
	out = append(out, closed...)
	var total Row
	for _, r := range out {
		total.add(r)
	}
	return out, finishTotal(total)
}

// finishTotal names the total row and computes its rate.
func finishTotal(total Row) Row {
	total.Field = "Tổng cộng"
	total.OnTimeRate = OnTimeRate(total.ResolvedEarly, total.ResolvedOnTime, total.Resolved)
	return total
}

// UnitsOn returns the units a report may be run on as they stood on day (YYYY-MM-DD): the units
// (not offices) that existed that day, with the names they had, within the principal's scope,
// parents first. Errors: Forbidden (Unauthorized when anonymous); Invalid on "as_of" for a bad day;
// the store's errors otherwise.
func (s *Service) UnitsOn(ctx context.Context, p account.Principal, day string) ([]account.Unit, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return nil, err
	}
	if !account.ValidDay(day) {
		var f fault.Fields
		f.Add("as_of", "report.date_invalid", day)
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
	var out []account.Unit
	for _, u := range NewStructure(units, hist, day).ActiveUnits() {
		if u.Kind != account.Office && p.InScope(u.Path) {
			out = append(out, u)
		}
	}
	return out, nil
}
