// Package report computes the settlement reports and indicators of domain.md §8 from counts the
// store aggregates: the store only compares and groups stored columns (received_at, finished_at,
// original_due_at, channel, timeliness), while the definitions, the merging of fields, the order of
// rows, the totals and the rates are decided here, the same on both engines.
package report

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// OtherField is the name of the row of dossiers whose field (lĩnh vực) is empty.
const OtherField = "Khác"

// Row is one line of report II.06a: the counts of one field, or the total. The column numbers of the
// official sheet are given beside each count.
type Row struct {
	Field          string  `json:"field"`            // (2) lĩnh vực
	Received       int64   `json:"received"`         // (3) = (4) + (5) + (6)
	ReceivedOnline int64   `json:"received_online"`  // (4) received online in the period
	ReceivedDirect int64   `json:"received_direct"`  // (5) received in person or by post in the period
	CarriedOver    int64   `json:"carried_over"`     // (6) received earlier, unfinished at the period start
	Resolved       int64   `json:"resolved"`         // (7) finished in the period = (8) + (9) + (10)
	ResolvedEarly  int64   `json:"resolved_early"`   // (8) trước hạn
	ResolvedOnTime int64   `json:"resolved_on_time"` // (9) đúng hạn
	ResolvedLate   int64   `json:"resolved_late"`    // (10) quá hạn
	Pending        int64   `json:"pending"`          // (11) unfinished at the period end = (12) + (13)
	PendingWithin  int64   `json:"pending_within"`   // (12) its original appointment not passed at the period end
	PendingOverdue int64   `json:"pending_overdue"`  // (13) the others
	OnTimeRate     float64 `json:"on_time_rate"`     // ((8) + (9)) / (7) × 100, two decimals, 0 when (7) is 0
	// Code is the procedure code or the unit's identifier of a by-procedure or by-unit row.
	Code string `json:"code,omitempty"`
	// Mark sets a by-unit row apart: the chosen unit's own desk, or a closed or later unit.
	Mark Mark `json:"mark,omitempty"`
}

// add adds the counts of r to the row (not the field nor the rate).
func (x *Row) add(r Row) {
	x.Received += r.Received
	x.ReceivedOnline += r.ReceivedOnline
	x.ReceivedDirect += r.ReceivedDirect
	x.CarriedOver += r.CarriedOver
	x.Resolved += r.Resolved
	x.ResolvedEarly += r.ResolvedEarly
	x.ResolvedOnTime += r.ResolvedOnTime
	x.ResolvedLate += r.ResolvedLate
	x.Pending += r.Pending
	x.PendingWithin += r.PendingWithin
	x.PendingOverdue += r.PendingOverdue
}

// OnTimeRate returns (early + onTime) / resolved × 100 rounded half up to two decimals, computed in
// integers so that the result is the true arithmetic (12,200 of 12,450 is 97.99); 0 when resolved is
// not positive.
func OnTimeRate(early, onTime, resolved int64) float64 {
	if resolved <= 0 {
		return 0
	}
	// Hundredths of a percent: round(n × 10000 / resolved), half up.
	n := (early + onTime) * 10000
	hundredths := (2*n + resolved) / (2 * resolved)
	return float64(hundredths) / 100
}

// Settlement is report II.06a (Circular 01/2020/TT-VPCP, "Tình hình, kết quả giải quyết TTHC") of a
// unit, or of a unit and its subtree, over the days From to To (both included).
type Settlement struct {
	Unit    account.Unit
	Subtree bool
	From    time.Time // the first day, midnight in business time
	To      time.Time // the last day, midnight in business time
	Rows    []Row     // one per field, in Vietnamese alphabetical order (or per procedure or unit, see By)
	Total   Row
	// By is the grouping of the rows; empty means by field, on the current unit structure.
	By Grouping
	// AsOf is the day (YYYY-MM-DD) whose unit structure the report follows, when By is set.
	AsOf string
	// Merge says whether closed units' history was counted under their successors.
	Merge bool
	// Period is the period as chosen (month, quarter, year or custom), when By is set.
	Period Period
}

// settlementJSON is the JSON form of a Settlement.
type settlementJSON struct {
	Unit    unitJSON `json:"unit"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Subtree bool     `json:"subtree"`
	Rows    []Row    `json:"rows"`
	Total   Row      `json:"total"`
	By      Grouping `json:"by,omitempty"`
	AsOf    string   `json:"as_of,omitempty"`
	Merge   bool     `json:"merge,omitempty"`
}

// unitJSON names the unit of a report in its JSON form.
type unitJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// MarshalJSON writes {"unit":{"code","name"},"from":"YYYY-MM-DD","to":"YYYY-MM-DD","subtree",
// "rows":[...],"total":{...}}, rows as [] when empty. It fails only if encoding/json does.
func (s Settlement) MarshalJSON() ([]byte, error) {
	rows := s.Rows
	if rows == nil {
		rows = []Row{}
	}
	return json.Marshal(settlementJSON{Unit: unitJSON{Code: s.Unit.Code, Name: s.Unit.Name},
		From: day(s.From), To: day(s.To), Subtree: s.Subtree, Rows: rows, Total: s.Total, By: s.By, AsOf: s.AsOf, Merge: s.Merge})
}

// day writes the business day of t as YYYY-MM-DD.
func day(t time.Time) string { return t.In(calendar.Location).Format("2006-01-02") }

// Store is what the reports need from storage.
type Store interface {
	// UnitByCode returns the unit with the identifier, or a NotFound error.
	UnitByCode(ctx context.Context, code string) (account.Unit, error)
	// Units returns every unit.
	Units(ctx context.Context) ([]account.Unit, error)
	// SettlementCounts returns, per stored field name (possibly empty), the counts (3) to (13) of
	// II.06a for the dossiers received by the desks of the given units, over [from, before): rows
	// without rates, in any order.
	SettlementCounts(ctx context.Context, units []string, from, before time.Time) ([]Row, error)
	// SettlementCountsBy is SettlementCounts with the rows keyed by the grouping: Row.Field holds
	// the field name, the procedure code or the receiving unit's identifier.
	SettlementCountsBy(ctx context.Context, units []string, from, before time.Time, by Grouping) ([]Row, error)
	// UnitHistory returns every recorded (name, parent) version of every unit.
	UnitHistory(ctx context.Context) ([]account.UnitVersion, error)
	// ProcedureNames returns the name of each of the procedure codes known to the catalog (of its
	// latest version); unknown codes are left out.
	ProcedureNames(ctx context.Context, codes []string) (map[string]string, error)
}

// Grouping says what one row of report II.06a stands for.
type Grouping string

// The groupings of report II.06a: the official one by field (lĩnh vực), and the control team's
// views by procedure and by receiving unit.
const (
	ByField     Grouping = "field"
	ByProcedure Grouping = "procedure"
	ByUnit      Grouping = "unit"
)

// Service computes reports over a Store.
type Service struct {
	Store Store
}

// Settlement returns report II.06a of the unit with the given identifier (with its subtree when
// subtree is set) for the days from to to, both included, in business time. Errors: Forbidden when
// p may not view reports over the unit (Unauthorized for an anonymous principal); Invalid on the
// field "to" (report.period_invalid) when to is before from, and on the field "unit" (unit.not_found)
// for an unknown unit; the store's errors otherwise.
func (s *Service) Settlement(ctx context.Context, p account.Principal, unitCode string, from, to time.Time, subtree bool) (Settlement, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return Settlement{}, err
	}
	start, last := startOfDay(from), startOfDay(to)
	var f fault.Fields
	if last.Before(start) {
		f.Add("to", "report.period_invalid")
	}
	code := strings.ToUpper(strings.TrimSpace(unitCode))
	unit, err := s.Store.UnitByCode(ctx, code)
	switch {
	case fault.Is(err, fault.NotFound):
		f.Add("unit", "unit.not_found", unitCode)
	case err != nil:
		return Settlement{}, err
	}
	if err := f.Err(); err != nil {
		return Settlement{}, err
	}
	if err := account.Authorize(p, account.ViewReports, unit.Path); err != nil {
		return Settlement{}, err
	}
	codes := []string{unit.Code}
	if subtree {
		units, err := s.Store.Units(ctx)
		if err != nil {
			return Settlement{}, err
		}
		codes = codes[:0]
		for _, u := range units {
			if strings.HasPrefix(u.Path, unit.Path) {
				codes = append(codes, u.Code)
			}
		}
	}
	counts, err := s.Store.SettlementCounts(ctx, codes, start, last.AddDate(0, 0, 1))
	if err != nil {
		return Settlement{}, err
	}
	out := Settlement{Unit: unit, Subtree: subtree, From: start, To: last}
	out.Rows, out.Total = Tabulate(counts)
	return out, nil
}

// Tabulate merges the counts by field (an empty name becomes OtherField), sorts the rows by their
// Vietnamese name, and returns them with their total, every rate computed.
func Tabulate(counts []Row) (rows []Row, total Row) {
	byField := map[string]*Row{}
	for _, c := range counts {
		name := strings.TrimSpace(c.Field)
		if name == "" {
			name = OtherField
		}
		r, ok := byField[name]
		if !ok {
			r = &Row{Field: name}
			byField[name] = r
		}
		r.add(c)
	}
	rows = make([]Row, 0, len(byField))
	for _, r := range byField {
		r.OnTimeRate = OnTimeRate(r.ResolvedEarly, r.ResolvedOnTime, r.Resolved)
		rows = append(rows, *r)
		total.add(*r)
	}
	col := collate.New(language.Vietnamese)
	sort.Slice(rows, func(i, j int) bool {
		if c := col.CompareString(rows[i].Field, rows[j].Field); c != 0 {
			return c < 0
		}
		return rows[i].Field < rows[j].Field
	})
	total.Field = "Tổng cộng"
	total.OnTimeRate = OnTimeRate(total.ResolvedEarly, total.ResolvedOnTime, total.Resolved)
	return rows, total
}

// startOfDay is midnight of t's day in business time.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(calendar.Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, calendar.Location)
}
