package web

import (
	"net/http"
	"net/url"
	"strings"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/i18n"
)

// bottlenecksData is the page of the bottlenecks.
type bottlenecksData struct {
	Filter                   analysisFilter
	Shown                    bool
	Dossiers, Late           string
	Unexplained              string
	Steps, Offices, Officers []bottleneckRow
	Causes                   []lateCauseRow
}

type bottleneckRow struct {
	Label, Context, Budget           string
	Handled, Median, P90, Over, Rate string
	Link                             string
}

type lateCauseRow struct {
	Procedure, Step, Count, Overrun string
	Link                            string
}

func (s *Server) bottlenecksPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	svc, ok := s.analysisStart(w, r, p)
	if !ok {
		return
	}
	page := s.newPage(r, "analysis.bottlenecks.title")
	f, q, err := s.analysisQuery(r, page, p)
	d := bottlenecksData{Filter: f}
	var x analysis.Bottlenecks
	if err == nil {
		x, err = svc.Bottlenecks(r.Context(), p, q)
	}
	status, done := s.analysisFail(w, r, &page, err)
	if done {
		return
	}
	if err == nil {
		d.Shown = true
		d.Dossiers, d.Late, d.Unexplained = page.P.Int(x.Dossiers), page.P.Int(x.Late), page.P.Int(x.LateUnexplained)
		for _, st := range x.Steps {
			row := formatBottleneckRow(page.P, st)
			code, num, _ := strings.Cut(st.Key, "#")
			row.Label = page.P.T("analysis.step_label", num, st.Label)
			row.Context = code + " — " + st.Context
			row.Link = dossiersLink(f, url.Values{"procedure": {code}})
			d.Steps = append(d.Steps, row)
		}
		for _, st := range x.Offices {
			row := formatBottleneckRow(page.P, st)
			if st.Label == st.Context {
				row.Label = page.P.T("role." + st.Label)
			}
			row.Context = ""
			d.Offices = append(d.Offices, row)
		}
		for _, st := range x.Officers {
			row := formatBottleneckRow(page.P, st)
			row.Context = st.Key
			d.Officers = append(d.Officers, row)
		}
		for _, c := range x.LateCauses {
			d.Causes = append(d.Causes, lateCauseRow{Procedure: c.Procedure + " — " + c.ProcedureName, Step: page.P.T("analysis.step_label", c.Number, c.Step),
				Count: page.P.Int(c.Count), Overrun: page.P.Decimal(c.Overrun, 2),
				Link: dossiersLink(f, url.Values{"procedure": {c.Procedure}, "timeliness": {"late"}})})
		}
	}
	page.Data = d
	s.render(w, r, status, "analysis_bottlenecks", page)
}

func formatBottleneckRow(p i18n.Printer, st analysis.StepStat) bottleneckRow {
	row := bottleneckRow{Label: st.Label, Context: st.Context, Handled: p.Int(st.Handled), Median: p.Decimal(st.Median, 2),
		P90: p.Decimal(st.P90, 2), Over: p.Int(st.Over), Rate: "—", Budget: "—"}
	if st.OverRate.Known {
		row.Rate = p.Percent(st.OverRate.Rate)
	}
	if st.Budget > 0 {
		row.Budget = p.Int(int64(st.Budget))
	}
	return row
}
