package web

import (
	"net/http"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/processing"
)

// satisfactionData is the satisfaction report page: the choices and the table per criterion.
type satisfactionData struct {
	reportScope
	Shown     bool
	Report    processing.Satisfaction
	Ratings   string
	Satisfied string
	Lines     []satisfactionLine
}

// satisfactionLine is one criterion of the table, formatted the Vietnamese way.
type satisfactionLine struct {
	Letter, Label, Answers, Average string
}

// satisfactionPage shows the satisfaction of the applicants of a unit (and its subtree) over a period
// (GET /reports/satisfaction), for those who may view reports, like report II.06a.
func (s *Server) satisfactionPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewReports) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "follow.report.title")
	scope, from, to, err := s.scopeOf(r, p)
	d := satisfactionData{reportScope: scope}
	if err == nil {
		d.Report, err = s.cfg.Dossiers.SatisfactionReport(r.Context(), p, d.Unit, from, to, d.Subtree)
	}
	status := http.StatusOK
	if err != nil {
		if fault.As(err).Kind != fault.Invalid {
			s.renderError(w, r, err)
			return
		}
		page.Form = page.Form.withError(page.P, err)
		status = http.StatusBadRequest
	} else {
		d.Shown = true
		sum, pr := d.Report.Summary, page.P
		d.Ratings, d.Satisfied = pr.Int(sum.Ratings), pr.Percent(sum.SatisfiedPct)
		average := func(n int64, x float64) string {
			if n == 0 {
				return "—"
			}
			return pr.Decimal(x, 2)
		}
		d.Lines = append(d.Lines, satisfactionLine{Label: pr.T("follow.overall"), Answers: pr.Int(sum.Overall.Answers),
			Average: average(sum.Overall.Answers, sum.Overall.Average)})
		for _, l := range sum.Lines {
			d.Lines = append(d.Lines, satisfactionLine{Letter: l.Criterion.Letter(), Label: pr.T(l.Criterion.Key()), Answers: pr.Int(l.Answers),
				Average: average(l.Answers, l.Average)})
		}
	}
	page.Data = d
	s.render(w, r, status, "rating_report", page)
}
