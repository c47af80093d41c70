package analysis

import (
	"context"
	"math"
	"sort"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"motcua/internal/account"
	"motcua/internal/dossier"
)

// ProcedureTime is the processing time of one procedure's dossiers finished in the period. The clock
// runs from the receipt to the end of processing (result ready, refusal, stop or withdrawal), minus
// the intervals spent waiting for the applicant (supplement, fees).
type ProcedureTime struct {
	Code, Name string
	Field      string
	Count      int64   // dossiers finished in the period
	Late       int64   // of which late
	WorkingAvg float64 // average working days, at the receiving unit's daily hours
	WorkingMax float64 // the longest, in working days
	DaysAvg    float64 // average calendar days
	// LegalTime and LegalUnit are the legal limit of the pinned version most of the dossiers had
	// (the first in order of time when several tie).
	LegalTime int
	LegalUnit string
}

// Sort orders of processing times.
const (
	SortName    = "name"
	SortCount   = "count"
	SortWorking = "working"
	SortDays    = "days"
	SortLate    = "late"
)

// ProcessingTimes is the processing time of every procedure with dossiers finished in the period.
type ProcessingTimes struct {
	Unit     account.Unit
	Subtree  bool
	From, To time.Time
	Rows     []ProcedureTime
	Total    ProcedureTime // every procedure together (no legal time)
}

// ProcessingTimes computes the average processing time per procedure over the dossiers of the unit
// (and its subtree) finished in the period, sorted by sortBy (Sort* constants; by name when unknown),
// descending when desc, ties by code. Errors as for Indicators.
func (s *Service) ProcessingTimes(ctx context.Context, p account.Principal, q Query, sortBy string, desc bool) (ProcessingTimes, error) {
	sc, err := s.check(ctx, p, q)
	if err != nil {
		return ProcessingTimes{}, err
	}
	facts, err := s.Store.AnalysisFacts(ctx, sc.Codes, sc.From, sc.Before, FinishedOnly)
	if err != nil {
		return ProcessingTimes{}, err
	}
	cals := s.calendars(ctx)
	type acc struct {
		row          ProcedureTime
		working, cal float64
		limits       map[limit]int
	}
	byCode := map[string]*acc{}
	var total acc
	for _, f := range facts {
		if !f.finishedIn(sc.From, sc.Before) {
			continue
		}
		a := byCode[f.ProcedureCode]
		if a == nil {
			a = &acc{row: ProcedureTime{Code: f.ProcedureCode, Name: f.ProcedureName, Field: f.FieldName}, limits: map[limit]int{}}
			byCode[f.ProcedureCode] = a
		}
		w, d := spent(f, cals)
		for _, x := range []*acc{a, &total} {
			x.row.Count++
			if f.Timeliness == dossier.Late {
				x.row.Late++
			}
			x.working += w
			x.cal += d
			x.row.WorkingMax = math.Max(x.row.WorkingMax, w)
		}
		a.limits[limit{f.Rules.Time, string(f.Rules.Unit)}]++
	}
	out := ProcessingTimes{Unit: sc.Unit, Subtree: sc.Subtree, From: sc.From, To: sc.To}
	for _, a := range byCode {
		a.row.WorkingAvg, a.row.DaysAvg = a.working/float64(a.row.Count), a.cal/float64(a.row.Count)
		a.row.LegalTime, a.row.LegalUnit = commonLimit(a.limits)
		out.Rows = append(out.Rows, a.row)
	}
	if total.row.Count > 0 {
		total.row.WorkingAvg, total.row.DaysAvg = total.working/float64(total.row.Count), total.cal/float64(total.row.Count)
	}
	out.Total = total.row
	sortTimes(out.Rows, sortBy, desc)
	return out, nil
}

// limit is a legal processing time.
type limit struct {
	time int
	unit string
}

// commonLimit returns the limit most dossiers had, the smallest on a tie.
func commonLimit(m map[limit]int) (int, string) {
	var best limit
	n := -1
	for l, c := range m {
		if c > n || (c == n && (l.unit < best.unit || (l.unit == best.unit && l.time < best.time))) {
			best, n = l, c
		}
	}
	return best.time, best.unit
}

// spent returns the working days and calendar days a finished dossier took, waits excluded.
func spent(f Fact, cals *calendars) (working, days float64) {
	cal := cals.of(f.ReceivingUnit)
	waits := closedWaits(f, f.FinishedAt)
	wt := cal.WorkingTimeBetween(f.ReceivedAt, f.FinishedAt) - waitedWorking(cal, waits, f.ReceivedAt, f.FinishedAt)
	elapsed := f.FinishedAt.Sub(f.ReceivedAt)
	for _, w := range waits {
		from, to := later(w.from, f.ReceivedAt), earlier(w.to, f.FinishedAt)
		if to.After(from) {
			elapsed -= to.Sub(from)
		}
	}
	if daily := cal.Hours().Daily(); daily > 0 {
		working = max(wt, 0).Hours() / daily.Hours()
	}
	return working, max(elapsed, 0).Hours() / 24
}

func sortTimes(rows []ProcedureTime, by string, desc bool) {
	col := collate.New(language.Vietnamese)
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		c := 0
		switch by {
		case SortCount:
			c = cmpNum(float64(a.Count), float64(b.Count))
		case SortWorking:
			c = cmpNum(a.WorkingAvg, b.WorkingAvg)
		case SortDays:
			c = cmpNum(a.DaysAvg, b.DaysAvg)
		case SortLate:
			c = cmpNum(float64(a.Late), float64(b.Late))
		default:
			c = col.CompareString(a.Name, b.Name)
		}
		if desc {
			c = -c
		}
		if c != 0 {
			return c < 0
		}
		return a.Code < b.Code
	})
}

func cmpNum(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// round1 rounds to one decimal.
func round1(x float64) float64 { return math.Round(x*10) / 10 }
