package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/report"
)

// settlementData is the page of report II.06a.
type settlementData struct {
	Units                []account.Unit
	Unit, From, To       string
	Period               string // month, quarter, year or custom
	Year, Month, Quarter string
	By                   string // field, procedure or unit
	AsOf                 string // the unit structure's day as typed; empty means the period's end
	AsOfShown            string // the structure's day used, dd/mm/yyyy
	FromShown, ToShown   string // the period's days, dd/mm/yyyy
	Merge                bool
	Subtree              bool
	Shown                bool
	Report               report.Settlement
	Rows                 []settlementRow
	Total                settlementRow
	NameHeader           string
	Query                string // of the downloads
	Periods              []option
	Months, Quarters     []option
	Groupings            []option
}

// settlementRow is a row of the report with its figures formatted the Vietnamese way.
type settlementRow struct {
	N     int
	Field string
	Code  string
	Mark  string
	Cells []string // (3) to (13)
	Rate  string
}

func formatSettlementRow(page Page, n int, r report.Row) settlementRow {
	out := settlementRow{N: n, Field: r.Field, Code: r.Code, Rate: page.P.Percent(r.OnTimeRate)}
	if r.Code == r.Field {
		out.Code = ""
	}
	if r.Mark != report.MarkNone {
		out.Mark = page.P.T("reports.mark." + string(r.Mark))
	}
	for _, v := range []int64{r.Received, r.ReceivedOnline, r.ReceivedDirect, r.CarriedOver, r.Resolved, r.ResolvedEarly,
		r.ResolvedOnTime, r.ResolvedLate, r.Pending, r.PendingWithin, r.PendingOverdue} {
		out.Cells = append(out.Cells, page.P.Int(v))
	}
	return out
}

// settlementQuery reads the page's choices: the period (this year so far by default, as custom
// days), the officer's unit and its subtree, the grouping by field, the structure of the period's
// end. It returns the request, or an Invalid error naming the bad fields.
func (s *Server) settlementQuery(r *http.Request, p account.Principal) (settlementData, report.Request, error) {
	q := r.URL.Query()
	now := s.now().In(calendar.Location)
	d := settlementData{Unit: q.Get("unit"), From: q.Get("from"), To: q.Get("to"), Subtree: q.Get("subtree") != "0",
		Period: q.Get("period"), Year: q.Get("year"), Month: q.Get("month"), Quarter: q.Get("quarter"), By: q.Get("by"),
		AsOf: q.Get("as_of"), Merge: q.Get("merge") == "1"}
	if d.Unit == "" {
		d.Unit = p.UnitCode
	}
	if d.Period == "" {
		d.Period = string(report.PeriodCustom)
	}
	if d.From == "" {
		d.From = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, calendar.Location).Format("2006-01-02")
	}
	if d.To == "" {
		d.To = now.Format("2006-01-02")
	}
	if d.Year == "" {
		d.Year = strconv.Itoa(now.Year())
	}
	if d.Month == "" {
		d.Month = strconv.Itoa(int(now.Month()))
	}
	if d.Quarter == "" {
		d.Quarter = strconv.Itoa((int(now.Month())-1)/3 + 1)
	}
	if d.By == "" {
		d.By = string(report.ByField)
	}
	v := url.Values{"unit": {d.Unit}, "period": {d.Period}, "from": {d.From}, "to": {d.To}, "year": {d.Year},
		"month": {d.Month}, "quarter": {d.Quarter}, "by": {d.By}, "subtree": {"1"}}
	if !d.Subtree {
		v.Set("subtree", "0")
	}
	if d.AsOf != "" {
		v.Set("as_of", d.AsOf)
	}
	if d.Merge {
		v.Set("merge", "1")
	}
	d.Query = v.Encode()
	req := report.Request{Unit: d.Unit, Subtree: d.Subtree, By: report.Grouping(d.By), AsOf: d.AsOf, Merge: d.Merge}
	var f fault.Fields
	period, err := report.ParsePeriod(report.PeriodInput{Kind: d.Period, Year: d.Year, Month: d.Month, Quarter: d.Quarter, From: d.From, To: d.To})
	if err != nil {
		for k, m := range fault.As(err).Fields {
			f.Add(k, m.Key, m.Args...)
		}
	}
	if _, err := report.ParseGrouping(d.By); err != nil {
		f.Add("by", "report.grouping_invalid")
	}
	if d.AsOf != "" && !account.ValidDay(d.AsOf) {
		f.Add("as_of", "report.date_invalid", d.AsOf)
	}
	req.Period = period
	return d, req, f.Err()
}

// choices fills the page's selects in the page's language.
func (d *settlementData) choices(pr i18n.Printer) {
	for _, k := range report.PeriodKinds {
		d.Periods = append(d.Periods, option{string(k), pr.T("reports.period." + string(k))})
	}
	for m := 1; m <= 12; m++ {
		d.Months = append(d.Months, option{strconv.Itoa(m), pr.T("reports.month", m)})
	}
	for q := 1; q <= 4; q++ {
		d.Quarters = append(d.Quarters, option{strconv.Itoa(q), pr.T("reports.quarter", q)})
	}
	for _, g := range []report.Grouping{report.ByField, report.ByProcedure, report.ByUnit} {
		d.Groupings = append(d.Groupings, option{string(g), pr.T("reports.by." + string(g))})
	}
}

func (s *Server) settlementPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewReports) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "report.settlement.title")
	d, req, err := s.settlementQuery(r, p)
	d.choices(page.P)
	structureDay := d.AsOf
	if structureDay == "" || !account.ValidDay(structureDay) {
		structureDay = d.To
		if !req.Period.To.IsZero() {
			structureDay = req.Period.To.Format("2006-01-02")
		}
		if !account.ValidDay(structureDay) {
			structureDay = account.Today(s.now())
		}
	}
	if units, uerr := s.cfg.Reports.UnitsOn(r.Context(), p, structureDay); uerr == nil {
		d.Units = units
	}
	if err == nil {
		d.Report, err = s.cfg.Reports.Report(r.Context(), p, req)
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
		for i, row := range d.Report.Rows {
			d.Rows = append(d.Rows, formatSettlementRow(page, i+1, row))
		}
		d.Total = formatSettlementRow(page, 0, d.Report.Total)
		d.FromShown, d.ToShown = page.P.Date(d.Report.From), page.P.Date(d.Report.To)
		if t, err := time.ParseInLocation("2006-01-02", d.Report.AsOf, calendar.Location); err == nil {
			d.AsOfShown = page.P.Date(t)
		}
	}
	d.NameHeader = page.P.T("reports.col." + d.By)
	page.Data = d
	s.render(w, r, status, "report_settlement", page)
}

// settlementReport reads the choices and computes the report, for the downloads.
func (s *Server) settlementReport(r *http.Request, p account.Principal) (settlementData, report.Settlement, error) {
	d, req, err := s.settlementQuery(r, p)
	if err != nil {
		return d, report.Settlement{}, err
	}
	rep, err := s.cfg.Reports.Report(r.Context(), p, req)
	return d, rep, err
}

func (s *Server) settlementExcel(w http.ResponseWriter, r *http.Request, p account.Principal) {
	_, rep, err := s.settlementReport(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fileName("bao-cao-II.06a", rep.Unit.Code, reportDay(rep.From), reportDay(rep.To))+".xlsx"))
	if err := report.XLSX(w, rep); err != nil {
		s.cfg.Log.Error("report xlsx", "err", err)
	}
}

func (s *Server) settlementPDF(w http.ResponseWriter, r *http.Request, p account.Principal) {
	_, rep, err := s.settlementReport(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fileName("bao-cao-II.06a", rep.Unit.Code, reportDay(rep.From), reportDay(rep.To))+".pdf"))
	if err := report.PDF(w, rep, s.now()); err != nil {
		s.cfg.Log.Error("report pdf", "err", err)
	}
}

// reportDay writes t's business day as YYYY-MM-DD.
func reportDay(t time.Time) string { return t.In(calendar.Location).Format("2006-01-02") }
