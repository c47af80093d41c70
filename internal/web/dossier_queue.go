package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/processing"
)

// queuePageSize is how many dossiers one tab of the work queue lists.
const queuePageSize = 100

// pendingStatuses are the statuses of dossiers still being handled.
var pendingStatuses = []dossier.Status{dossier.StatusSubmitted, dossier.StatusReceived, dossier.StatusProcessing,
	dossier.StatusAwaitingSupplement, dossier.StatusAwaitingFees, dossier.StatusWithdrawalAsked}

// queueTabs are the work queue's tabs, in the order shown.
var queueTabs = []string{"mine", "units", "today", "soon", "overdue", "waiting", "new"}

// actorOf is the domain's view of a principal, as processing builds it.
func actorOf(p account.Principal) dossier.Actor {
	roles := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = string(r)
	}
	name := p.FullName
	if name == "" {
		name = p.Username
	}
	return dossier.Actor{Username: p.Username, FullName: name, UnitCode: p.UnitCode, Roles: roles}
}

// inLang picks the Vietnamese or English name.
func inLang(p i18n.Printer, vi, en string) string {
	if p.Lang == i18n.EN {
		return en
	}
	return vi
}

// hoursText writes a working duration as hours and minutes.
func hoursText(p i18n.Printer, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	m := int(d.Round(time.Minute) / time.Minute)
	return p.T("dossier.page.hours", m/60, m%60)
}

// queueTab is one tab of the work queue with its count.
type queueTab struct {
	Key, Label, Href string
	Count            int
	Active           bool
}

// queueRow is one dossier of the queue.
type queueRow struct {
	Code, Procedure, Applicant, Status, Due, Left string
	Overdue                                       bool
}

type queueData struct {
	Tabs       []queueTab
	Rows       []queueRow
	Query      string
	Tab        string
	Total      int
	CanReceive bool
	// Filtered says the list shows the dossiers behind a report's figure (see queueFilter).
	Filtered bool
}

// tabQuery is the query of one tab of the queue.
func (s *Server) tabQuery(tab, text string, p account.Principal, cal *calendar.Calendar, now time.Time) processing.Query {
	q := processing.Query{Statuses: pendingStatuses, Text: text}
	switch tab {
	case "units":
		if text != "" {
			q.Statuses = nil // a search finds finished dossiers too
		}
	case "mine":
		q.Assignee = p.Username
	case "today":
		y, m, d := now.In(calendar.Location).Date()
		q.DueBefore = time.Date(y, m, d+1, 0, 0, 0, 0, calendar.Location)
		q.Statuses = []dossier.Status{dossier.StatusReceived, dossier.StatusProcessing, dossier.StatusWithdrawalAsked}
	case "soon":
		q.DueBefore = cal.AddWorkingDays(now, 2)
		q.Statuses = []dossier.Status{dossier.StatusReceived, dossier.StatusProcessing, dossier.StatusWithdrawalAsked}
	case "overdue":
		q.DueBefore = now
		q.Statuses = []dossier.Status{dossier.StatusReceived, dossier.StatusProcessing, dossier.StatusWithdrawalAsked}
	case "waiting":
		q.Statuses = []dossier.Status{dossier.StatusAwaitingSupplement, dossier.StatusAwaitingFees}
	case "new":
		q.Statuses = []dossier.Status{dossier.StatusSubmitted}
	}
	return q
}

func (s *Server) dossierQueue(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewDossiers) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "dossiers.title")
	page.Notice = notice(page.P, r)
	ctx, now := r.Context(), s.now()
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	tab := r.URL.Query().Get("tab")
	if !slices.Contains(queueTabs, tab) {
		tab = "mine"
		if text != "" {
			tab = "units"
		}
	}
	cal, err := s.cfg.Calendar.For(ctx, p.UnitCode)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	filter, filtered, err := s.queueFilter(ctx, r, p)
	if err != nil {
		s.renderFilterError(w, r, page, err)
		return
	}
	if filtered {
		tab = "" // the tabs keep their counts; the list is the filter's
	}
	d := queueData{Query: text, Tab: tab, CanReceive: p.Can(account.ReceiveDossiers), Filtered: filtered}
	for _, t := range queueTabs {
		q := s.tabQuery(t, text, p, cal, now)
		q.Limit = 1
		if t == tab {
			q.Limit = queuePageSize
		}
		items, total, err := s.cfg.Dossiers.List(ctx, p, q)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		v := url.Values{"tab": {t}}
		if text != "" {
			v.Set("q", text)
		}
		d.Tabs = append(d.Tabs, queueTab{Key: t, Label: page.P.T("dossiers.tab." + t), Href: "/dossiers?" + v.Encode(), Count: total, Active: t == tab})
		if t != tab {
			continue
		}
		d.Total = total
		slices.SortStableFunc(items, func(a, b dossier.Dossier) int {
			switch {
			case a.DueAt.IsZero() && b.DueAt.IsZero():
				return 0
			case a.DueAt.IsZero():
				return 1
			case b.DueAt.IsZero():
				return -1
			}
			return a.DueAt.Compare(b.DueAt)
		})
		for _, x := range items {
			row := queueRow{Code: x.Code, Procedure: x.ProcedureName, Applicant: x.Applicant.Name,
				Status: inLang(page.P, x.Status.NameVI(), x.Status.NameEN()), Due: page.P.DateTime(x.DueAt), Overdue: x.Overdue(now)}
			if x.AwaitingDesk() { // online: the desk must answer within 8 working hours of arrival
				row.Due, row.Overdue = page.P.DateTime(x.CorrectionDueAt), x.CorrectionOverdue(now)
			}
			if !x.DueAt.IsZero() && x.End().IsZero() {
				dcal, err := s.cfg.Calendar.For(ctx, x.ReceivingUnit)
				if err != nil {
					dcal = cal
				}
				if left := dossier.TimeLeft(x, dcal, now); left > 0 {
					row.Left = hoursText(page.P, left)
				}
			}
			d.Rows = append(d.Rows, row)
		}
	}
	if filtered {
		if d.Rows, d.Total, err = s.filteredRows(ctx, page, p, filter, cal, now); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "dossiers", page)
}

// --- Reception at the desk ---
