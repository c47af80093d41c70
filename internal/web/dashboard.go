package web

import (
	"html/template"
	"math"
	"net/http"
	"net/url"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/chart"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/report"
)

// dashboardData is the dashboard page: the unit picker, the charts and their tables.
type dashboardData struct {
	Units   []account.Unit
	Unit    string
	Subtree bool
	Name    string
	At      string
	Charts  []dashboardChart
}

// dashboardChart is one chart with the table of its figures, every cell linking to the dossiers behind it.
type dashboardChart struct {
	ID, Title, Desc string
	SVG             template.HTML
	Columns         []string // the series' names
	Rows            []dashboardRow
}

// dashboardRow is one category of a chart's table.
type dashboardRow struct {
	Label string
	Cells []dashboardCell
}

// dashboardCell is one figure with the link to its dossiers ("" when none).
type dashboardCell struct{ Text, Href string }

// dossierLink is the staff queue filtered to the dossiers behind a figure of the unit's dashboard.
func dossierLink(unit string, subtree bool, kv ...string) string {
	v := url.Values{"unit": {unit}}
	if subtree {
		v.Set("subtree", "1")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "/dossiers?" + v.Encode()
}

// chartData fills a chart's table from its series.
func chartData(c chart.Chart, format func(float64) string) []dashboardRow {
	rows := make([]dashboardRow, len(c.Labels))
	for i, l := range c.Labels {
		rows[i].Label = l
		for _, s := range c.Series {
			cell := dashboardCell{Text: "–"}
			if i < len(s.Values) && !math.IsNaN(s.Values[i]) {
				cell.Text = format(s.Values[i])
				if i < len(s.Links) {
					cell.Href = s.Links[i]
				}
			}
			rows[i].Cells = append(rows[i].Cells, cell)
		}
	}
	return rows
}

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewReports) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "reports.dashboard.title")
	q := r.URL.Query()
	d := dashboardData{Unit: q.Get("unit"), Subtree: q.Get("subtree") != "0"}
	if d.Unit == "" {
		d.Unit = p.UnitCode
	}
	now := s.now()
	if units, err := s.cfg.Reports.UnitsOn(r.Context(), p, account.Today(now)); err == nil {
		d.Units = units
	}
	dash, err := s.cfg.Reports.Dashboard(r.Context(), p, d.Unit, d.Subtree, now)
	if err != nil {
		if fault.As(err).Kind != fault.Invalid {
			s.renderError(w, r, err)
			return
		}
		page.Form = page.Form.withError(page.P, err)
		page.Data = d
		s.render(w, r, http.StatusBadRequest, "report_dashboard", page)
		return
	}
	d.Unit, d.Name, d.At = dash.Unit.Code, dash.Unit.Name, page.P.DateTime(dash.At)
	d.Charts = dashboardCharts(page.P, dash)
	page.Data = d
	s.render(w, r, http.StatusOK, "report_dashboard", page)
}

// dashboardCharts builds the dashboard's charts: the on-time rate by month, the dossiers received by
// channel by month, and the backlog by days since receipt.
func dashboardCharts(pr i18n.Printer, dash report.Dashboard) []dashboardChart {
	unit, sub := dash.Unit.Code, dash.Subtree
	ymd := func(t time.Time) string { return t.In(calendar.Location).Format("2006-01-02") }
	var labels []string
	rate := chart.Series{Name: pr.T("reports.dashboard.rate.series"), Color: "#1a7f37"}
	online := chart.Series{Name: pr.T("report.col.online"), Color: "#0969da"}
	inPerson := chart.Series{Name: pr.T("reports.dashboard.in_person"), Color: "#8250df"}
	postal := chart.Series{Name: pr.T("reports.dashboard.postal"), Color: "#bf8700"}
	for _, m := range dash.Months {
		first := m.Month.In(calendar.Location)
		last := first.AddDate(0, 1, -1)
		labels = append(labels, first.Format("01/06"))
		v := math.NaN()
		if m.Resolved() > 0 {
			v = m.Rate()
		}
		rate.Values = append(rate.Values, v)
		rate.Links = append(rate.Links, dossierLink(unit, sub, "finished_from", ymd(first), "finished_to", ymd(last)))
		received := func(s *chart.Series, n int64, channel string) {
			s.Values = append(s.Values, float64(n))
			s.Links = append(s.Links, dossierLink(unit, sub, "received_from", ymd(first), "received_to", ymd(last), "channel", channel))
		}
		received(&online, m.Online, "online")
		received(&inPerson, m.InPerson, "in_person")
		received(&postal, m.Postal, "postal")
	}
	count := func(v float64) string { return pr.Int(int64(v)) }
	rateChart := chart.Chart{ID: "rate", Title: pr.T("reports.dashboard.rate"), Desc: pr.T("reports.dashboard.rate.desc"),
		Labels: labels, Series: []chart.Series{rate}, Max: 100, Format: pr.Percent,
		AxisFormat: func(v float64) string { return pr.Decimal(v, 0) + "%" }}
	recvChart := chart.Chart{ID: "received", Title: pr.T("reports.dashboard.received"), Desc: pr.T("reports.dashboard.received.desc"),
		Labels: labels, Series: []chart.Series{online, inPerson, postal}, Format: count}

	at := dash.At.Format(time.RFC3339)
	within := chart.Series{Name: pr.T("report.col.within"), Color: "#1a7f37"}
	overdue := chart.Series{Name: pr.T("report.col.overdue"), Color: "#cf222e"}
	var ages []string
	for _, b := range dash.Backlog {
		ages = append(ages, pr.T("reports.dashboard.age."+b.Key))
		kv := []string{"pending_at", at, "received_to", ymd(b.Last)}
		if !b.First.IsZero() {
			kv = append(kv, "received_from", ymd(b.First))
		}
		within.Values = append(within.Values, float64(b.Within))
		within.Links = append(within.Links, dossierLink(unit, sub, append(kv, "due", "within")...))
		overdue.Values = append(overdue.Values, float64(b.Overdue))
		overdue.Links = append(overdue.Links, dossierLink(unit, sub, append(kv, "due", "overdue")...))
	}
	backlogChart := chart.Chart{ID: "backlog", Title: pr.T("reports.dashboard.backlog"), Desc: pr.T("reports.dashboard.backlog.desc", pr.DateTime(dash.At)),
		Labels: ages, Series: []chart.Series{within, overdue}, Format: count}

	out := make([]dashboardChart, 0, 3)
	for _, c := range []struct {
		c    chart.Chart
		line bool
		f    func(float64) string
	}{{rateChart, true, pr.Percent}, {recvChart, false, count}, {backlogChart, false, count}} {
		dc := dashboardChart{ID: c.c.ID, Title: c.c.Title, Desc: c.c.Desc, Rows: chartData(c.c, c.f)}
		for _, s := range c.c.Series {
			dc.Columns = append(dc.Columns, s.Name)
		}
		if c.line {
			dc.SVG = chart.Line(c.c)
		} else {
			dc.SVG = chart.Bars(c.c)
		}
		out = append(out, dc)
	}
	return out
}
