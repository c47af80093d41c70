package analysis

import (
	"context"
	"math"
	"sort"
	"strconv"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/indicator"
)

// StepStat is the time spent in one group of steps (a workflow step, an office or an officer), in
// working hours of the receiving unit's calendar, waits for the applicant excluded.
type StepStat struct {
	Key     string // the procedure code and step number, the office, or the officer's username
	Label   string // the step's or office's name, or the officer's full name
	Context string // the procedure's name (steps), the role (offices without a name)
	Budget  int    // working hours allowed (steps only; 0 = not timed)
	Handled int64  // steps done
	Timed   int64  // of which had a budget
	Over    int64  // of which ended after their due
	Median  float64
	P90     float64
	// OverRate is Over of Timed; unknown when no step was timed.
	OverRate indicator.Measure
}

// LateCause counts the late dossiers whose largest overrun was in one workflow step.
type LateCause struct {
	Procedure, ProcedureName string
	Number                   int // 1-based step number
	Step                     string
	Count                    int64
	Overrun                  float64 // average overrun of that step, in working hours
}

// Bottlenecks is where the time of the dossiers finished in a period went.
type Bottlenecks struct {
	Unit       account.Unit
	Subtree    bool
	From, To   time.Time
	Dossiers   int64 // finished in the period
	Steps      []StepStat
	Offices    []StepStat
	Officers   []StepStat
	Late       int64       // finished late
	LateCauses []LateCause // most first
	// LateUnexplained counts the late dossiers none of whose steps overran its budget.
	LateUnexplained int64
}

// Bottlenecks computes, over the dossiers of the unit (and its subtree) finished in the period, the
// time spent per workflow step (the return steps, started once processing ended, left out), office
// and officer (median and 90th percentile by the nearest-rank
// method, in working hours) and the share of steps over their budget, and for the dossiers finished
// late the step that overran its budget most. Rows with the highest share over budget come first,
// then the most handled. Errors as for Indicators.
func (s *Service) Bottlenecks(ctx context.Context, p account.Principal, q Query) (Bottlenecks, error) {
	sc, err := s.check(ctx, p, q)
	if err != nil {
		return Bottlenecks{}, err
	}
	facts, err := s.Store.AnalysisFacts(ctx, sc.Codes, sc.From, sc.Before, FinishedOnly)
	if err != nil {
		return Bottlenecks{}, err
	}
	out := computeBottlenecks(facts, sc.From, sc.Before, s.calendars(ctx))
	out.Unit, out.Subtree, out.From, out.To = sc.Unit, sc.Subtree, sc.From, sc.To
	return out, nil
}

// group gathers the durations of one row.
type group struct {
	stat   StepStat
	values []float64
}

type groups map[string]*group

func (g groups) add(key string, init StepStat, hours float64, timed, over bool) {
	x := g[key]
	if x == nil {
		init.Key = key
		x = &group{stat: init}
		g[key] = x
	}
	x.stat.Handled++
	if timed {
		x.stat.Timed++
	}
	if over {
		x.stat.Over++
	}
	x.values = append(x.values, hours)
}

// rows returns the statistics, the highest share over budget first, then the most handled, then by key.
func (g groups) rows() []StepStat {
	out := make([]StepStat, 0, len(g))
	for _, x := range g {
		sort.Float64s(x.values)
		x.stat.Median = percentile(x.values, 50)
		x.stat.P90 = percentile(x.values, 90)
		x.stat.OverRate = indicator.Ratio(x.stat.Over, x.stat.Timed)
		out = append(out, x.stat)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.OverRate.Rate != b.OverRate.Rate {
			return a.OverRate.Rate > b.OverRate.Rate
		}
		if a.Handled != b.Handled {
			return a.Handled > b.Handled
		}
		return a.Key < b.Key
	})
	return out
}

// percentile returns the p-th percentile of sorted values by the nearest-rank method (the smallest
// value with at least p% of the values at or below it), rounded to two decimals; 0 for none.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	i = min(max(i, 0), len(sorted)-1)
	return math.Round(sorted[i]*100) / 100
}

// computeBottlenecks is the pure part of Bottlenecks: the statistics of the facts finished in [from, before),
// working time counted with cals (nil: the default calendar). Unit and period are left empty.
func computeBottlenecks(facts []Fact, from, before time.Time, cals *calendars) Bottlenecks {
	if cals == nil {
		cals = &calendars{ctx: context.Background(), byID: map[string]*calendar.Calendar{}}
	}
	var out Bottlenecks
	steps, offices, officers := groups{}, groups{}, groups{}
	type cause struct {
		c       LateCause
		overrun float64
	}
	causes := map[string]*cause{}
	for _, f := range facts {
		if !f.finishedIn(from, before) {
			continue
		}
		out.Dossiers++
		cal := cals.of(f.ReceivingUnit)
		waits := closedWaits(f, f.FinishedAt)
		worst, worstOver := -1, time.Duration(0)
		for i, st := range f.Steps {
			// Return steps (started once processing ended) wait for the applicant to collect: not
			// processing time, so not a bottleneck of the workflow.
			if st.Skipped || st.Started.IsZero() || st.Done.IsZero() || !st.Started.Before(f.FinishedAt) {
				continue
			}
			hours := (cal.WorkingTimeBetween(st.Started, st.Done) - waitedWorking(cal, waits, st.Started, st.Done)).Hours()
			hours = math.Max(hours, 0)
			timed := st.Hours > 0 && !st.Due.IsZero()
			over := timed && st.Done.After(st.Due)
			num := strconv.Itoa(i + 1)
			steps.add(f.ProcedureCode+"#"+num, StepStat{Label: st.Name, Context: f.ProcedureName, Budget: st.Hours}, hours, timed, over)
			office := st.Office
			if office == "" {
				office = st.Role
			}
			offices.add(office, StepStat{Label: office, Context: st.Role}, hours, timed, over)
			if st.DoneBy != "" {
				name := st.DoneBy
				if st.Assignee == st.DoneBy && st.AssigneeName != "" {
					name = st.AssigneeName
				}
				officers.add(st.DoneBy, StepStat{Label: name}, hours, timed, over)
			}
			if over {
				if d := cal.WorkingTimeBetween(st.Due, st.Done); worst < 0 || d > worstOver {
					worst, worstOver = i, d
				}
			}
		}
		if f.Timeliness != dossier.Late {
			continue
		}
		out.Late++
		if worst < 0 {
			out.LateUnexplained++
			continue
		}
		key := f.ProcedureCode + "#" + strconv.Itoa(worst+1)
		c := causes[key]
		if c == nil {
			c = &cause{c: LateCause{Procedure: f.ProcedureCode, ProcedureName: f.ProcedureName, Number: worst + 1, Step: f.Steps[worst].Name}}
			causes[key] = c
		}
		c.c.Count++
		c.overrun += worstOver.Hours()
	}
	out.Steps, out.Offices, out.Officers = steps.rows(), offices.rows(), officers.rows()
	for _, c := range causes {
		c.c.Overrun = math.Round(c.overrun/float64(c.c.Count)*100) / 100
		out.LateCauses = append(out.LateCauses, c.c)
	}
	sort.Slice(out.LateCauses, func(i, j int) bool {
		a, b := out.LateCauses[i], out.LateCauses[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Procedure != b.Procedure {
			return a.Procedure < b.Procedure
		}
		return a.Number < b.Number
	})
	return out
}
