package web

import (
	"net/http"
	"net/url"
	"strconv"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/statistics"
)

// statisticsCache is the Cache-Control of the public statistics: public, five minutes.
const statisticsCache = "public, max-age=300"

// statisticsListData is the public list of units to pick.
type statisticsListData struct {
	Units []account.Unit
	Year  int
}

func (s *Server) statisticsList(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "feedback.stats.title")
	units, err := s.cfg.Statistics.Units(r.Context(), s.now())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if code := r.URL.Query().Get("unit"); code != "" {
		http.Redirect(w, r, "/statistics/"+url.PathEscape(code), http.StatusSeeOther)
		return
	}
	page.Data = statisticsListData{Units: units, Year: s.now().In(calendar.Location).Year()}
	w.Header().Set("Cache-Control", statisticsCache)
	s.render(w, r, http.StatusOK, "statistics", page)
}

// statisticsData is the public statistics of a unit over a year.
type statisticsData struct {
	Units   []account.Unit
	Table   statistics.Table
	Years   []int
	Year    int
	Subtree bool
	Rows    []statisticsRow
	Total   statisticsRow
}

// statisticsRow is a month (or the total) with its figures formatted the reader's way.
type statisticsRow struct {
	Label, Received, Resolved, Rate, Average string
	Future                                   bool
}

func formatStatisticsRow(page Page, label string, m statistics.Month) statisticsRow {
	row := statisticsRow{Label: label, Future: m.Future}
	if m.Future {
		return row
	}
	row.Received, row.Resolved = page.P.Int(m.Received), page.P.Int(m.Resolved)
	row.Rate, row.Average = "—", "—"
	if m.Resolved > 0 {
		row.Rate, row.Average = page.P.Percent(m.Rate), page.P.Decimal(m.AverageDays, 1)
	}
	return row
}

func (s *Server) statisticsUnit(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "feedback.stats.title")
	now := s.now().In(calendar.Location)
	q := r.URL.Query()
	d := statisticsData{Year: now.Year(), Subtree: q.Get("subtree") != "0"}
	status := http.StatusOK
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			n = -1
		}
		d.Year = n
	}
	for y := now.Year(); y >= now.Year()-5 && y >= statistics.MinYear; y-- {
		d.Years = append(d.Years, y)
	}
	if units, err := s.cfg.Statistics.Units(r.Context(), s.now()); err == nil {
		d.Units = units
	}
	t, err := s.cfg.Statistics.Year(r.Context(), r.PathValue("unit"), d.Year, d.Subtree, s.now())
	switch {
	case fault.Is(err, fault.Invalid):
		page.Form = page.Form.withError(page.P, err)
		status = http.StatusBadRequest
	case err != nil:
		s.renderError(w, r, err)
		return
	default:
		d.Table = t
		for _, m := range t.Months {
			d.Rows = append(d.Rows, formatStatisticsRow(page, page.P.T("feedback.stats.month", int(m.Month)), m))
		}
		d.Total = formatStatisticsRow(page, page.P.T("feedback.stats.total"), t.Total)
		page.Title = page.P.T("feedback.stats.title") + " — " + t.Unit.Name
		w.Header().Set("Cache-Control", statisticsCache)
	}
	page.Data = d
	s.render(w, r, status, "statistics_unit", page)
}
