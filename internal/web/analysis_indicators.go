package web

import (
	"net/http"
	"net/url"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/i18n"
	"motcua/internal/indicator"
)

// indicatorsData is the page of the Decision 766 index.
type indicatorsData struct {
	Filter     analysisFilter
	Shown      bool
	Earned     string
	Assessed   string
	Groups     []indicatorGroupView
	Procedures int
	Incomplete []incompleteView
}

type indicatorGroupView struct {
	Name, Earned, Assessed, Points string
	Rows                           []indicatorView
}

// indicatorView is one indicator: its value with the formula beside it, and its score with the rule.
type indicatorView struct {
	Name, Formula, Value, Score, Rule string
	Known                             bool
	Link                              string // the dossiers behind it, if a list exists
}

type incompleteView struct {
	Code, Name, Missing string
}

func (s *Server) indicatorsPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	svc, ok := s.analysisStart(w, r, p)
	if !ok {
		return
	}
	page := s.newPage(r, "analysis.indicators.title")
	f, q, err := s.analysisQuery(r, page, p)
	d := indicatorsData{Filter: f}
	var x analysis.Indicators
	if err == nil {
		x, err = svc.Indicators(r.Context(), p, q)
	}
	status, done := s.analysisFail(w, r, &page, err)
	if done {
		return
	}
	if err == nil {
		d.Shown = true
		d.Earned, d.Assessed = page.P.Decimal(x.Card.Earned, 2), page.P.Decimal(x.Card.Assessed, 0)
		for _, g := range x.Card.Groups {
			gv := indicatorGroupView{Name: page.P.T("analysis.group." + string(g.Group)), Earned: page.P.Decimal(g.Earned, 2),
				Assessed: page.P.Decimal(g.Assessed, 0), Points: page.P.Decimal(g.Points, 0)}
			for _, sc := range g.Scores {
				gv.Rows = append(gv.Rows, indicatorRow(page.P, f, x, sc))
			}
			d.Groups = append(d.Groups, gv)
		}
		d.Procedures = x.Procedures
		for _, in := range x.Incomplete {
			v := incompleteView{Code: in.Code, Name: in.Name}
			for i, m := range in.Missing {
				if i > 0 {
					v.Missing += ", "
				}
				v.Missing += page.P.T(m)
			}
			d.Incomplete = append(d.Incomplete, v)
		}
	}
	page.Data = d
	s.render(w, r, status, "analysis_indicators", page)
}

// indicatorRow formats one indicator: "formula = num / den = rate", or the rate given, or no data;
// its score with the rule "rate × points / X, capped at points".
func indicatorRow(p i18n.Printer, f analysisFilter, x analysis.Indicators, sc indicator.Score) indicatorView {
	v := indicatorView{Name: p.T(sc.Name), Formula: p.T(sc.Formula), Known: sc.Known}
	switch {
	case !sc.Known:
		v.Value, v.Score = p.T("analysis.no_data"), p.T("analysis.not_assessed")
	case sc.Key == indicator.NoOverdueComplaints && x.Inputs.ComplaintRate != nil:
		v.Value = "100% − " + p.Percent(x.OverdueRate) + " − " + p.Percent(*x.Inputs.ComplaintRate) + " = " + p.Percent(sc.Rate)
	case sc.Given:
		v.Value = p.Percent(sc.Rate)
	default:
		v.Value = number(p, sc.Num) + " / " + number(p, sc.Den) + " = " + p.Percent(sc.Rate)
	}
	if sc.Known {
		v.Score = p.Decimal(sc.Earned, 2)
	}
	v.Rule = p.T("analysis.score_rule", pctOrDash(p, sc), p.Decimal(sc.Points, 0), p.Decimal(sc.FullAt, 0)+"%", p.Decimal(sc.Points, 0))
	switch sc.Key {
	case indicator.OnTime:
		v.Link = dossiersLink(f, nil)
	case indicator.DossiersOnline, indicator.ElectronicReturn:
		v.Link = dossiersLink(f, url.Values{"channel": {"online"}})
	}
	return v
}

// pctOrDash is the measured rate, or a dash without data.
func pctOrDash(p i18n.Printer, sc indicator.Score) string {
	if !sc.Known {
		return "—"
	}
	return p.Percent(sc.Rate)
}
