package web

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/report"
)

// settlementData is the page of report II.06a.
type settlementData struct {
	Units          []account.Unit
	Unit, From, To string
	Subtree        bool
	Shown          bool
	Report         report.Settlement
	Rows           []settlementRow
	Total          settlementRow
	Query          string // of the Excel download
}

// settlementRow is a row of the report with its figures formatted the Vietnamese way.
type settlementRow struct {
	N     int
	Field string
	Cells []string // (3) to (13)
	Rate  string
}

func formatSettlementRow(page Page, n int, r report.Row) settlementRow {
	out := settlementRow{N: n, Field: r.Field, Rate: page.P.Percent(r.OnTimeRate)}
	for _, v := range []int64{r.Received, r.ReceivedOnline, r.ReceivedDirect, r.CarriedOver, r.Resolved, r.ResolvedEarly,
		r.ResolvedOnTime, r.ResolvedLate, r.Pending, r.PendingWithin, r.PendingOverdue} {
		out.Cells = append(out.Cells, page.P.Int(v))
	}
	return out
}

// settlementQuery reads the page's choices, with this year so far, the officer's unit and its subtree
// by default.
func (s *Server) settlementQuery(r *http.Request, p account.Principal) (settlementData, time.Time, time.Time, error) {
	q := r.URL.Query()
	now := s.now().In(calendar.Location)
	d := settlementData{Unit: q.Get("unit"), From: q.Get("from"), To: q.Get("to"), Subtree: q.Get("subtree") != "0"}
	if d.Unit == "" {
		d.Unit = p.UnitCode
	}
	if d.From == "" {
		d.From = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, calendar.Location).Format("2006-01-02")
	}
	if d.To == "" {
		d.To = now.Format("2006-01-02")
	}
	subtree := "1"
	if !d.Subtree {
		subtree = "0"
	}
	d.Query = url.Values{"unit": {d.Unit}, "from": {d.From}, "to": {d.To}, "subtree": {subtree}}.Encode()
	from, to, err := registerPeriod(d.From, d.To)
	return d, from, to, err
}

func (s *Server) settlementPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewReports) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "report.settlement.title")
	d, from, to, err := s.settlementQuery(r, p)
	if units, _, uerr := s.catalogUnits(r.Context()); uerr == nil {
		for _, u := range units {
			if p.InScope(u.Path) && u.Kind != account.Office {
				d.Units = append(d.Units, u)
			}
		}
	}
	if err == nil {
		d.Report, err = s.cfg.Reports.Settlement(r.Context(), p, d.Unit, from, to, d.Subtree)
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
	}
	page.Data = d
	s.render(w, r, status, "report_settlement", page)
}

func (s *Server) settlementExcel(w http.ResponseWriter, r *http.Request, p account.Principal) {
	d, from, to, err := s.settlementQuery(r, p)
	var rep report.Settlement
	if err == nil {
		rep, err = s.cfg.Reports.Settlement(r.Context(), p, d.Unit, from, to, d.Subtree)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fileName("bao-cao-II.06a", rep.Unit.Code, d.From, d.To)+".xlsx"))
	if err := report.XLSX(w, rep); err != nil {
		s.cfg.Log.Error("report xlsx", "err", err)
	}
}
