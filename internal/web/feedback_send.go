package web

import (
	"net/http"
	"net/url"
	"strings"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/feedback"
	"motcua/internal/i18n"
	"motcua/internal/throttle"
)

// feedbackOption is a value and its label in a select or a group of radio buttons.
type feedbackOption struct {
	Value, Label string
}

// feedbackFormData is the public form for sending feedback.
type feedbackFormData struct {
	Units    []account.Unit
	Subjects []feedbackOption
}

func (s *Server) feedbackFormData(r *http.Request, p i18n.Printer) feedbackFormData {
	d := feedbackFormData{}
	if units, err := s.cfg.Statistics.Units(r.Context(), s.now()); err == nil {
		d.Units = units
	}
	for _, sub := range feedback.Subjects {
		d.Subjects = append(d.Subjects, feedbackOption{Value: string(sub), Label: p.T("feedback.subject." + string(sub))})
	}
	return d
}

func (s *Server) feedbackForm(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "feedback.send.title")
	page.Form.Values["subject"] = string(feedback.SubjectProcedure)
	for _, k := range []string{"unit", "procedure", "dossier_code"} {
		if v := r.URL.Query().Get(k); v != "" {
			page.Form.Values[k] = v
		}
	}
	if page.Form.Values["dossier_code"] != "" {
		page.Form.Values["subject"] = string(feedback.SubjectDossier)
	}
	page.Data = s.feedbackFormData(r, page.P)
	s.render(w, r, http.StatusOK, "feedback_form", page)
}

func (s *Server) feedbackSend(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "feedback.send.title")
	page.Data = s.feedbackFormData(r, page.P)
	if err := r.ParseForm(); err != nil {
		s.renderForm(w, r, "feedback_form", page, fault.New(fault.Invalid, "error.invalid"))
		return
	}
	addr := "feedback:" + throttle.ClientAddr(r)
	if s.throttle.Blocked(addr, s.now()) {
		s.renderForm(w, r, "feedback_form", page, fault.New(fault.Invalid, "feedback.throttled"))
		return
	}
	in := feedback.Input{UnitCode: r.PostFormValue("unit"), Subject: r.PostFormValue("subject"),
		ProcedureCode: r.PostFormValue("procedure"), DossierCode: r.PostFormValue("dossier_code"),
		DossierSecret: r.PostFormValue("dossier_secret"), Name: r.PostFormValue("name"),
		Contact: r.PostFormValue("contact"), Content: r.PostFormValue("content")}
	f, err := s.cfg.Feedback.Submit(r.Context(), in, s.now())
	if err != nil {
		if fault.As(err).Fields["dossier_secret"].Key != "" {
			s.throttle.Fail(addr, s.now()) // guessing secrets costs like a failed lookup
		}
		s.renderForm(w, r, "feedback_form", page, err)
		return
	}
	// Every item sent counts towards the address's limit (that of the shared throttle, 10 in 15
	// minutes), so that nobody floods a unit's queue.
	s.throttle.Fail(addr, s.now())
	redirect(w, r, followURL(f.Ref, f.Key), "notice.feedback_sent")
}

// followURL is the sender's link to follow an item.
func followURL(ref, key string) string {
	return "/feedback/" + url.PathEscape(ref) + "?" + url.Values{"key": {key}}.Encode()
}

// feedbackFollowData is the sender's view of an item.
type feedbackFollowData struct {
	Item     feedbackView
	Key      string
	Events   []feedbackEventRow
	Waiting  bool // more information asked: the form to add it is shown
	Answered bool
}

// feedbackView is an item with its texts formatted for a page.
type feedbackView struct {
	feedback.Feedback
	Status, Subject, Unit                           string
	Received, RejectDue, InfoDue, AnswerDue, Closed string
	PublishDue, Answered, Published, Rejected       string
	Paragraphs                                      []string
	// Open is set while the unit still owes an action.
	Open bool
}

// feedbackEventRow is an event as a page shows it.
type feedbackEventRow struct {
	At, Action, Actor, Note string
}

// viewFeedback formats an item for a page.
func (s *Server) viewFeedback(r *http.Request, p i18n.Printer, f feedback.Feedback) feedbackView {
	v := feedbackView{Feedback: f, Status: p.T("feedback.status." + string(f.Status)), Subject: p.T("feedback.subject." + string(f.Subject)),
		Unit: f.UnitCode, Received: p.DateTime(f.ReceivedAt), RejectDue: p.DateTime(f.RejectDue), InfoDue: p.DateTime(f.InfoDue),
		AnswerDue: p.DateTime(f.AnswerDue), Paragraphs: strings.Split(f.Content, "\n\n"), Open: f.Status.Open()}
	if u, err := s.cfg.Accounts.Store.UnitByCode(r.Context(), f.UnitCode); err == nil {
		v.Unit = u.Name
	}
	if !f.PublishDue.IsZero() {
		v.PublishDue = p.DateTime(f.PublishDue)
	}
	if !f.AnsweredAt.IsZero() {
		v.Answered = p.DateTime(f.AnsweredAt)
	}
	if !f.PublishedAt.IsZero() {
		v.Published = p.DateTime(f.PublishedAt)
	}
	if !f.RejectedAt.IsZero() {
		v.Rejected = p.DateTime(f.RejectedAt)
	}
	return v
}

// eventRows formats events; the actor is shown to staff only.
func eventRows(p i18n.Printer, events []feedback.Event, staff bool) []feedbackEventRow {
	out := make([]feedbackEventRow, 0, len(events))
	for _, e := range events {
		row := feedbackEventRow{At: p.DateTime(e.At), Action: p.T("feedback.action." + string(e.Action)), Note: e.Note}
		if staff {
			row.Actor = e.Actor
			if row.Actor == "" {
				row.Actor = p.T("feedback.sender")
			}
		} else if e.Action == feedback.ActSubmit || e.Action == feedback.ActSupplement {
			row.Note = "" // the sender's own texts are shown in full above
		}
		out = append(out, row)
	}
	return out
}

func (s *Server) feedbackFollow(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "feedback.follow.title")
	page.Notice = notice(page.P, r)
	s.showFollow(w, r, page, http.StatusOK)
}

// showFollow renders the follow page of the item named in the path, for the key in the request.
func (s *Server) showFollow(w http.ResponseWriter, r *http.Request, page Page, status int) {
	addr := "feedback-follow:" + throttle.ClientAddr(r)
	if s.throttle.Blocked(addr, s.now()) {
		s.renderError(w, r, fault.New(fault.NotFound, "feedback.throttled"))
		return
	}
	key := r.FormValue("key")
	f, events, err := s.cfg.Feedback.Follow(r.Context(), r.PathValue("ref"), key)
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			s.throttle.Fail(addr, s.now())
		}
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	page.Data = feedbackFollowData{Item: s.viewFeedback(r, page.P, f), Key: key, Events: eventRows(page.P, events, false),
		Waiting: f.Status == feedback.MoreInfoRequested, Answered: f.Answer != ""}
	s.render(w, r, status, "feedback_follow", page)
}

func (s *Server) feedbackSupplement(w http.ResponseWriter, r *http.Request) {
	key, ref := r.PostFormValue("key"), r.PathValue("ref")
	addr := "feedback-follow:" + throttle.ClientAddr(r)
	if s.throttle.Blocked(addr, s.now()) {
		s.renderError(w, r, fault.New(fault.NotFound, "feedback.throttled"))
		return
	}
	_, err := s.cfg.Feedback.Supplement(r.Context(), ref, key, r.PostFormValue("info"), s.now())
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err != nil {
		if fe := fault.As(err); fe.Kind == fault.Invalid || fe.Kind == fault.Conflict {
			page := s.newPage(r, "feedback.follow.title")
			page.Form = formFrom(r).withError(page.P, err)
			s.showFollow(w, r, page, fe.Kind.HTTPStatus())
			return
		}
		s.renderError(w, r, err)
		return
	}
	redirect(w, r, followURL(feedback.NormalizeRef(ref), key), "notice.feedback_supplemented")
}
