package web

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/processing"
)

// queueFilterParams are the parameters of the staff queue that select the dossiers behind a figure of
// a report or dashboard.
var queueFilterParams = []string{"unit", "received_from", "received_to", "finished_from", "finished_to", "channel", "timeliness", "pending_at", "due"}

// queueFilter reads the report filters of the queue: unit (with subtree=1 its subtree, as the
// reports count it: by receiving desk), received_from/received_to and finished_from/finished_to
// (days, both included), channel, timeliness, pending_at (an RFC 3339 instant) and due (overdue or
// within, at pending_at). It returns whether any was given, and an Invalid error naming the bad ones.
func (s *Server) queueFilter(ctx context.Context, r *http.Request, p account.Principal) (processing.Query, bool, error) {
	v := r.URL.Query()
	given := false
	for _, k := range queueFilterParams {
		if strings.TrimSpace(v.Get(k)) != "" {
			given = true
		}
	}
	q := processing.Query{Limit: 500}
	if !given {
		return q, false, nil
	}
	var f fault.Fields
	day := func(field string) time.Time {
		s := strings.TrimSpace(v.Get(field))
		if s == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02", s, calendar.Location)
		if err != nil {
			f.Add(field, "report.date_invalid", s)
		}
		return t
	}
	next := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.AddDate(0, 0, 1)
	}
	q.ReceivedFrom, q.ReceivedBefore = day("received_from"), next(day("received_to"))
	q.FinishedFrom, q.FinishedBefore = day("finished_from"), next(day("finished_to"))
	if c := strings.TrimSpace(v.Get("channel")); c != "" {
		ch, err := dossier.ParseChannel(c)
		if err != nil {
			f.Add("channel", "reports.filter.channel_invalid", c)
		}
		q.Channel = ch
	}
	switch t := dossier.Timeliness(strings.TrimSpace(v.Get("timeliness"))); t {
	case "":
	case dossier.Early, dossier.OnTime, dossier.Late:
		q.Timeliness = t
	default:
		f.Add("timeliness", "reports.filter.timeliness_invalid", string(t))
	}
	if at := strings.TrimSpace(v.Get("pending_at")); at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			f.Add("pending_at", "report.date_invalid", at)
		}
		q.PendingAt = t
	}
	switch due := strings.TrimSpace(v.Get("due")); due {
	case "", "overdue", "within":
		q.DueState = due
	default:
		f.Add("due", "reports.filter.due_invalid", due)
	}
	if err := f.Err(); err != nil {
		return q, true, err
	}
	if unit := strings.TrimSpace(v.Get("unit")); unit != "" {
		_, codes, err := s.cfg.Reports.Scope(ctx, p, unit, v.Get("subtree") == "1", s.now())
		if err != nil {
			return q, true, err
		}
		q.ReceivingUnits = codes
	}
	return q, true, nil
}

// filteredRows lists the dossiers of a report filter as queue rows, with their total.
func (s *Server) filteredRows(ctx context.Context, page Page, p account.Principal, q processing.Query, cal *calendar.Calendar, now time.Time) ([]queueRow, int, error) {
	items, total, err := s.cfg.Dossiers.List(ctx, p, q)
	if err != nil {
		return nil, 0, err
	}
	rows := make([]queueRow, 0, len(items))
	for _, x := range items {
		row := queueRow{Code: x.Code, Procedure: x.ProcedureName, Applicant: x.Applicant.Name,
			Status: inLang(page.P, x.Status.NameVI(), x.Status.NameEN()), Due: page.P.DateTime(x.DueAt), Overdue: x.Overdue(now)}
		if x.AwaitingDesk() {
			row.Due, row.Overdue = page.P.DateTime(x.CorrectionDueAt), x.CorrectionOverdue(now)
		}
		if !x.DueAt.IsZero() && x.End().IsZero() {
			if left := dossier.TimeLeft(x, cal, now); left > 0 {
				row.Left = hoursText(page.P, left)
			}
		}
		rows = append(rows, row)
	}
	return rows, total, nil
}

// renderFilterError shows a bad report filter on the queue page: the message of every bad field
// above an empty list (400), or the error page for other errors.
func (s *Server) renderFilterError(w http.ResponseWriter, r *http.Request, page Page, err error) {
	fe := fault.As(err)
	if fe.Kind != fault.Invalid {
		s.renderError(w, r, err)
		return
	}
	page.Form = page.Form.withError(page.P, err)
	fields := make([]string, 0, len(page.Form.Errors))
	for k := range page.Form.Errors {
		fields = append(fields, k)
	}
	sort.Strings(fields)
	msgs := make([]string, 0, len(fields))
	for _, k := range fields {
		msgs = append(msgs, page.Form.Errors[k])
	}
	if len(msgs) > 0 {
		page.Form.Message = strings.Join(msgs, " ")
	}
	page.Data = queueData{Filtered: true}
	s.render(w, r, http.StatusBadRequest, "dossiers", page)
}
