package analysis

import (
	"context"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/indicator"
)

// LevelChildren ranks the units directly under the chosen unit (offices excluded); the other levels
// are account unit kinds (province, district, commune) and rank every unit of that kind under it.
const LevelChildren = "children"

// Ranked is one unit of a ranking, with the II.06a figures of its subtree.
type Ranked struct {
	Rank     int // 1 for the best; units without resolved dossiers come last, ranked too
	Unit     account.Unit
	Received int64 // (3): received before the period end and not finished before its start
	Resolved int64 // (7)
	OnTime   int64 // (8) + (9)
	Late     int64 // (10)
	Rate     indicator.Measure
}

// Ranking is the on-time ranking of the units under a unit.
type Ranking struct {
	Unit     account.Unit
	Level    string
	From, To time.Time
	Rows     []Ranked
}

// Ranking ranks the units under q.Unit at the level (LevelChildren, "province", "district" or
// "commune"; "" means LevelChildren) by their on-time rate over the period, each with its whole
// subtree; q.Subtree is ignored, and units closed before the period are left out. Ties are broken by more resolved dossiers, then the name in
// Vietnamese order, then the code. Errors as for Indicators, and Invalid on "level"
// (analysis.level_invalid) for another level.
func (s *Service) Ranking(ctx context.Context, p account.Principal, q Query, level string) (Ranking, error) {
	if level == "" {
		level = LevelChildren
	}
	switch account.UnitKind(level) {
	case LevelChildren, account.Province, account.District, account.Commune:
	default:
		var f fault.Fields
		f.Add("level", "analysis.level_invalid", level)
		return Ranking{}, f.Err()
	}
	q.Subtree = true
	sc, err := s.check(ctx, p, q)
	if err != nil {
		return Ranking{}, err
	}
	var ranked []account.Unit
	from := sc.From.Format("2006-01-02")
	for _, u := range sc.Units {
		if u.Code == sc.Unit.Code || !strings.HasPrefix(u.Path, sc.Unit.Path) || (u.ValidTo != "" && u.ValidTo <= from) {
			continue // outside, or closed before the period
		}
		if (level == LevelChildren && u.ParentCode == sc.Unit.Code && u.Kind != account.Office) || string(u.Kind) == level {
			ranked = append(ranked, u)
		}
	}
	// owner maps each unit of the subtree to the ranked unit above it (the deepest, if nested).
	owner := map[string]int{}
	for _, u := range sc.Units {
		best := -1
		for i, r := range ranked {
			if strings.HasPrefix(u.Path, r.Path) && (best < 0 || len(r.Path) > len(ranked[best].Path)) {
				best = i
			}
		}
		if best >= 0 {
			owner[u.Code] = best
		}
	}
	facts, err := s.Store.AnalysisFacts(ctx, sc.Codes, sc.From, sc.Before, ColumnsOnly)
	if err != nil {
		return Ranking{}, err
	}
	rows := make([]Ranked, len(ranked))
	for i, u := range ranked {
		rows[i].Unit = u
	}
	for _, f := range facts {
		i, ok := owner[f.ReceivingUnit]
		if !ok {
			continue
		}
		r := &rows[i]
		r.Received++
		if !f.finishedIn(sc.From, sc.Before) {
			continue
		}
		r.Resolved++
		switch f.Timeliness {
		case dossier.Early, dossier.OnTime:
			r.OnTime++
		case dossier.Late:
			r.Late++
		}
	}
	for i := range rows {
		rows[i].Rate = indicator.Ratio(rows[i].OnTime, rows[i].Resolved)
	}
	rankUnits(rows)
	return Ranking{Unit: sc.Unit, Level: level, From: sc.From, To: sc.To, Rows: rows}, nil
}

// rankUnits sorts the rows best first and numbers them.
func rankUnits(rows []Ranked) {
	col := collate.New(language.Vietnamese)
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Rate.Known != b.Rate.Known {
			return a.Rate.Known
		}
		if a.Rate.Rate != b.Rate.Rate {
			return a.Rate.Rate > b.Rate.Rate
		}
		if a.Resolved != b.Resolved {
			return a.Resolved > b.Resolved
		}
		if c := col.CompareString(a.Unit.Name, b.Unit.Name); c != 0 {
			return c < 0
		}
		return a.Unit.Code < b.Unit.Code
	})
	for i := range rows {
		rows[i].Rank = i + 1
	}
}
