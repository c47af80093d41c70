package main

import (
	"context"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/workcal"
)

const reportAnalysisUsage = "usage: motcua report indicators|bottlenecks --unit ID --from YYYY-MM-DD --to YYYY-MM-DD [--subtree] [--json]"

// reportAnalysisCmd runs "report indicators" (the Decision 766 index) and "report bottlenecks" (time
// per workflow step, office and officer, and the steps that made dossiers late) for a unit over a
// period, printed as text in Vietnamese or as JSON with --json.
func (a *app) reportAnalysisCmd(ctx context.Context, args []string) error {
	kind := args[0]
	var c commonFlags
	fs := a.flags("report "+kind, &c)
	unit := fs.String("unit", "", "the unit's identifier")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	subtree := fs.Bool("subtree", false, "include the units below the unit")
	asJSON := fs.Bool("json", false, "print as JSON")
	if err := fs.Parse(reorder(args[1:])); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("report %s: unexpected argument %q\n%s", kind, fs.Arg(0), reportAnalysisUsage)
	}
	var f fault.Fields
	day := func(field, v string) time.Time {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), calendar.Location)
		if err != nil {
			f.Add(field, "report.date_invalid", v)
		}
		return t
	}
	if strings.TrimSpace(*unit) == "" {
		f.Add("unit", "field.required")
	}
	q := analysis.Query{Unit: *unit, From: day("from", *from), To: day("to", *to), Subtree: *subtree}
	if err := f.Err(); err != nil {
		return err
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	reader := account.Principal{Username: a.cli().Username, UnitPath: "/", Roles: []account.Role{account.Inspector}}
	svc := &analysis.Service{Store: db, Calendars: &workcal.Service{Store: db, Now: a.now}}
	vi := i18n.For(i18n.VI)
	w := tabwriter.NewWriter(a.stdout, 2, 4, 2, ' ', 0)
	defer w.Flush()
	if kind == "indicators" {
		x, err := svc.Indicators(ctx, reader, q)
		if err != nil {
			return err
		}
		if *asJSON {
			return a.printJSON(indicatorsJSON(x))
		}
		fmt.Fprintf(w, "%s — %s (%s), %s – %s\n", vi.T("analysis.indicators.title"), x.Unit.Name, x.Unit.Code, vi.Date(x.From), vi.Date(x.To))
		fmt.Fprintln(w, vi.T("analysis.indicators.total", vi.Decimal(x.Card.Earned, 2), vi.Decimal(x.Card.Assessed, 0)))
		for _, g := range x.Card.Groups {
			fmt.Fprintf(w, "\n%s\t%s / %s\n", vi.T("analysis.group."+string(g.Group)), vi.Decimal(g.Earned, 2), vi.Decimal(g.Points, 0))
			for _, s := range g.Scores {
				value, score := vi.T("analysis.no_data"), vi.T("analysis.not_assessed")
				if s.Known {
					value, score = vi.Percent(s.Rate), vi.Decimal(s.Earned, 2)+" / "+vi.Decimal(s.Points, 0)
					if !s.Given {
						value = figure(vi, s.Num) + " / " + figure(vi, s.Den) + " = " + value
					}
				}
				fmt.Fprintf(w, "  %s\t%s = %s\t%s\n", vi.T(s.Name), vi.T(s.Formula), value, score)
			}
		}
		return nil
	}
	x, err := svc.Bottlenecks(ctx, reader, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return a.printJSON(x)
	}
	fmt.Fprintf(w, "%s — %s (%s), %s – %s\n", vi.T("analysis.bottlenecks.title"), x.Unit.Name, x.Unit.Code, vi.Date(x.From), vi.Date(x.To))
	fmt.Fprintln(w, vi.T("analysis.bottlenecks.summary", vi.Int(x.Dossiers), vi.Int(x.Late)))
	fmt.Fprintf(w, "\n%s\n", vi.T("analysis.causes.title"))
	for _, c := range x.LateCauses {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", c.Procedure, vi.T("analysis.step_label", c.Number, c.Step), vi.Int(c.Count), vi.Decimal(c.Overrun, 2))
	}
	fmt.Fprintf(w, "\n%s\t%s\t%s\t%s\t%s\t%s\n", vi.T("analysis.by_step"), vi.T("analysis.col.budget"), vi.T("analysis.col.handled"),
		vi.T("analysis.col.median"), vi.T("analysis.col.p90"), vi.T("analysis.col.over_rate"))
	for _, s := range x.Steps {
		fmt.Fprintf(w, "  %s %s\t%d\t%s\t%s\t%s\t%s\n", s.Key, s.Label, s.Budget, vi.Int(s.Handled), vi.Decimal(s.Median, 2), vi.Decimal(s.P90, 2), vi.Percent(s.OverRate.Rate))
	}
	return nil
}

// figure writes a whole number without decimals, another with one.
func figure(p i18n.Printer, x float64) string {
	if x == math.Trunc(x) {
		return p.Int(int64(x))
	}
	return p.Decimal(x, 1)
}

// indicatorJSON is one indicator in the JSON output.
type indicatorJSON struct {
	Key         string   `json:"key"`
	Group       string   `json:"group"`
	Points      float64  `json:"points"`
	FullAt      float64  `json:"full_at"`
	Known       bool     `json:"known"`
	Numerator   *float64 `json:"numerator,omitempty"`
	Denominator *float64 `json:"denominator,omitempty"`
	Rate        *float64 `json:"rate"`
	Score       *float64 `json:"score"`
}

// indicatorsJSON is the JSON form of the index: rate and score are null for an indicator without data.
func indicatorsJSON(x analysis.Indicators) map[string]any {
	var list []indicatorJSON
	for _, g := range x.Card.Groups {
		for _, s := range g.Scores {
			v := indicatorJSON{Key: string(s.Key), Group: string(s.Group), Points: s.Points, FullAt: s.FullAt, Known: s.Known}
			if s.Known {
				rate, score := s.Rate, s.Earned
				v.Rate, v.Score = &rate, &score
				if !s.Given {
					num, den := s.Num, s.Den
					v.Numerator, v.Denominator = &num, &den
				}
			}
			list = append(list, v)
		}
	}
	return map[string]any{"unit": map[string]string{"code": x.Unit.Code, "name": x.Unit.Name},
		"from": x.From.Format("2006-01-02"), "to": x.To.Format("2006-01-02"), "subtree": x.Subtree,
		"earned": x.Card.Earned, "assessed": x.Card.Assessed, "indicators": list}
}
