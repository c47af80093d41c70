package web

import (
	"net/http"
	"net/url"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/i18n"
)

// timesData is the page of the processing time per procedure.
type timesData struct {
	Filter  analysisFilter
	Shown   bool
	Sort    string
	Desc    bool
	Columns []sortColumn
	Rows    []timeRow
	Total   timeRow
}

// sortColumn is a sortable column header: its label and the link that sorts by it.
type sortColumn struct {
	Label, Href string
	Active      bool
	Desc        bool
}

type timeRow struct {
	Code, Name, Field                            string
	Count, Late, WorkingAvg, WorkingMax, DaysAvg string
	Legal                                        string
	Link, LateLink                               string
}

func (s *Server) processingTimePage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	svc, ok := s.analysisStart(w, r, p)
	if !ok {
		return
	}
	page := s.newPage(r, "analysis.times.title")
	f, q, err := s.analysisQuery(r, page, p)
	d := timesData{Filter: f, Sort: r.URL.Query().Get("sort"), Desc: r.URL.Query().Get("desc") == "1"}
	switch d.Sort {
	case analysis.SortCount, analysis.SortWorking, analysis.SortDays, analysis.SortLate:
	default:
		d.Sort = analysis.SortName
	}
	for _, c := range []struct{ key, label string }{{analysis.SortName, "analysis.col.procedure"}, {analysis.SortCount, "analysis.col.finished"},
		{analysis.SortLate, "analysis.col.late"}, {analysis.SortWorking, "analysis.col.working_avg"}, {analysis.SortDays, "analysis.col.days_avg"}} {
		col := sortColumn{Label: page.P.T(c.label), Active: c.key == d.Sort, Desc: c.key == d.Sort && d.Desc}
		v, _ := url.ParseQuery(f.Query)
		v.Set("sort", c.key)
		if col.Active && !d.Desc {
			v.Set("desc", "1")
		}
		col.Href = f.Action + "?" + v.Encode()
		d.Columns = append(d.Columns, col)
	}
	var x analysis.ProcessingTimes
	if err == nil {
		x, err = svc.ProcessingTimes(r.Context(), p, q, d.Sort, d.Desc)
	}
	status, done := s.analysisFail(w, r, &page, err)
	if done {
		return
	}
	if err == nil {
		d.Shown = true
		for _, row := range x.Rows {
			d.Rows = append(d.Rows, formatTimeRow(page.P, f, row))
		}
		d.Total = formatTimeRow(page.P, f, x.Total)
	}
	page.Data = d
	s.render(w, r, status, "analysis_processing_time", page)
}

func formatTimeRow(p i18n.Printer, f analysisFilter, r analysis.ProcedureTime) timeRow {
	out := timeRow{Code: r.Code, Name: r.Name, Field: r.Field, Count: p.Int(r.Count), Late: p.Int(r.Late),
		WorkingAvg: p.Decimal(r.WorkingAvg, 2), WorkingMax: p.Decimal(r.WorkingMax, 2), DaysAvg: p.Decimal(r.DaysAvg, 2)}
	if r.LegalUnit != "" {
		out.Legal = p.T("analysis.limit."+r.LegalUnit, r.LegalTime)
		if r.LegalTime == 0 {
			out.Legal = p.T("analysis.limit.same_day")
		}
	}
	extra := url.Values{}
	if r.Code != "" {
		extra.Set("procedure", r.Code)
	}
	out.Link = dossiersLink(f, extra)
	extra.Set("timeliness", "late")
	out.LateLink = dossiersLink(f, extra)
	return out
}
