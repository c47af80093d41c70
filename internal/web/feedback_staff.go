package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/feedback"
	"motcua/internal/i18n"
)

// feedbackQueueData is the staff queue of open feedback.
type feedbackQueueData struct {
	Queue feedback.Queue
	Rows  []feedbackQueueRow
}

// feedbackQueueRow is one open item of the queue.
type feedbackQueueRow struct {
	Ref, Unit, Subject, Status, Received, Due, Urgency, UrgencyKey string
	Missed                                                         []string
}

func (s *Server) feedbackQueue(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "feedback.queue.title")
	page.Notice = notice(page.P, r)
	q, err := s.cfg.Feedback.Queue(r.Context(), p, s.now())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := feedbackQueueData{Queue: q}
	names := map[string]string{}
	if units, err := s.cfg.Accounts.Store.Units(r.Context()); err == nil {
		for _, u := range units {
			names[u.Code] = u.Name
		}
	}
	for _, it := range q.Items {
		row := feedbackQueueRow{Ref: it.Ref, Unit: cmp.Or(names[it.UnitCode], it.UnitCode), Subject: page.P.T("feedback.subject." + string(it.Subject)),
			Status: page.P.T("feedback.status." + string(it.Status)), Received: page.P.DateTime(it.ReceivedAt),
			Urgency: page.P.T("feedback.urgency." + string(it.Urgency)), UrgencyKey: string(it.Urgency)}
		if !it.Due.IsZero() {
			row.Due = page.P.DateTime(it.Due)
		}
		for _, m := range it.Overdue {
			row.Missed = append(row.Missed, page.P.T("feedback.deadline."+string(m)))
		}
		d.Rows = append(d.Rows, row)
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "feedback_queue", page)
}

// feedbackItemData is the staff page of one item with its actions.
type feedbackItemData struct {
	Item    feedbackView
	Events  []feedbackEventRow
	Actions []feedbackAction
	Missed  []string
	// Unsaved is a text an officer sent with a refused action that no form of the page now holds,
	// shown so that it is not lost.
	Unsaved string
}

// feedbackAction is an action an officer may take now, with the field of its text.
type feedbackAction struct {
	Name, Label, Field, FieldLabel string
}

// staffActions lists the actions allowed in the item's status.
func staffActions(p i18n.Printer, f feedback.Feedback) []feedbackAction {
	var out []feedbackAction
	for _, a := range feedback.StaffActions {
		if !feedback.Allowed(a, f.Status) {
			continue
		}
		fa := feedbackAction{Name: string(a), Label: p.T("feedback.do." + string(a)), Field: feedback.TextField(a)}
		if fa.Field != "" {
			fa.FieldLabel = p.T("feedback.field." + fa.Field)
		}
		out = append(out, fa)
	}
	return out
}

func (s *Server) feedbackItem(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "feedback.item.title")
	page.Notice = notice(page.P, r)
	s.showItem(w, r, p, page, http.StatusOK)
}

// showItem renders the staff page of the item named in the path.
func (s *Server) showItem(w http.ResponseWriter, r *http.Request, p account.Principal, page Page, status int) {
	f, events, err := s.cfg.Feedback.Item(r.Context(), p, r.PathValue("ref"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := feedbackItemData{Item: s.viewFeedback(r, page.P, f), Events: eventRows(page.P, events, true), Actions: staffActions(page.P, f)}
	for _, m := range f.Missed(s.now()) {
		d.Missed = append(d.Missed, page.P.T("feedback.deadline."+string(m)))
	}
	for _, a := range feedback.StaffActions {
		field := feedback.TextField(a)
		if v := page.Form.Value(field); field != "" && v != "" && !slices.ContainsFunc(d.Actions, func(x feedbackAction) bool { return x.Field == field }) {
			d.Unsaved = v
		}
	}
	page.Data = d
	page.Title = page.P.T("feedback.item.title") + " " + f.Ref
	s.render(w, r, status, "feedback_item", page)
}

func (s *Server) feedbackAct(w http.ResponseWriter, r *http.Request, p account.Principal) {
	action := feedback.Action(r.PathValue("action"))
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	text := ""
	if field := feedback.TextField(action); field != "" {
		text = r.PostFormValue(field)
	}
	f, err := s.cfg.Feedback.Act(r.Context(), p, r.PathValue("ref"), version, action, text, s.now())
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Invalid || fe.Kind == fault.Conflict {
			page := s.newPage(r, "feedback.item.title")
			page.Form = formFrom(r).withError(page.P, err)
			s.showItem(w, r, p, page, fe.Kind.HTTPStatus())
			return
		}
		s.renderError(w, r, err)
		return
	}
	redirect(w, r, "/admin/feedback/"+strings.ToUpper(f.Ref), actionNotices[action])
}

// actionNotices are the notices shown after each action.
var actionNotices = map[feedback.Action]string{
	feedback.ActReject:      "notice.feedback_reject",
	feedback.ActRequestInfo: "notice.feedback_request_info",
	feedback.ActAnswer:      "notice.feedback_answer",
	feedback.ActPublish:     "notice.feedback_publish",
}
