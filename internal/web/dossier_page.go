package web

import (
	"net/http"
	"slices"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/i18n"
	"motcua/internal/processing"
)

type stepRow struct {
	N                                                    int
	Name, Role, Assignee, Started, Due, Done, Timeliness string
	Current                                              bool
}

type eventRow struct {
	At, Actor, Action, From, To, Step, Note string
	Private                                 bool
}

type dueRow struct{ At, From, To, Reason, By, Note string }

type waitRow struct{ Kind, From, To string }

// actionForm is one form for an action the viewer may take.
type actionForm struct {
	Action string
	Label  string
	Fields []string // which inputs it needs
}

type dossierData struct {
	D            dossier.Dossier
	Receiving    string
	Competent    string
	Status       string
	Kind         string
	Channel      string
	ReturnMethod string
	DueAt        string
	OriginalDue  string
	ReceivedAt   string
	Left         string
	Overdue      bool
	CurrentStep  string
	Holder       string
	Assignee     string // the officer assigned by the head, by full name
	Steps        []stepRow
	Events       []eventRow
	DueHistory   []dueRow
	Waits        []waitRow
	Results      []dossier.ResultDoc
	Actions      []actionForm
	Users        []account.User
	Methods      []option
	Timeliness   string
	Errors       []string
	Forms        []formLink // the forms that apply now, to print
}

// actionFields are the inputs of each action's form beyond the note.
var actionFields = map[dossier.Action][]string{
	dossier.ActReceive:            {"files", "note"},
	dossier.ActGuideSupplement:    {"items", "reason", "contact", "note"},
	dossier.ActRefuseAtReception:  {"reasons", "note"},
	dossier.ActTransfer:           {"note"},
	dossier.ActAssign:             {"assignee", "note"},
	dossier.ActRequestSupplement:  {"items", "reason", "note"},
	dossier.ActReschedule:         {"reason", "new_due", "note"},
	dossier.ActResultReady:        {"result", "files", "note"},
	dossier.ActReceiveSupplement:  {"files", "note"},
	dossier.ActReturn:             {"method", "note"},
	dossier.ActRefuse:             {"reason", "note"},
	dossier.ActStop:               {"reason", "note"},
	dossier.ActRequestWithdrawal:  {"reason", "note"},
	dossier.ActConsult:            {"consult", "note"},
	dossier.ActAnswerConsultation: {"answer", "note"},
	dossier.ActRequestFees:        {"fee", "note"},
}

func timelinessName(p i18n.Printer, t dossier.Timeliness) string {
	if t == "" {
		return ""
	}
	return inLang(p, t.NameVI(), t.NameEN())
}

func (s *Server) dossierData(r *http.Request, page Page, p account.Principal, d dossier.Dossier, events []dossier.Event) dossierData {
	ctx, pr, now := r.Context(), page.P, s.now()
	out := dossierData{D: d, Status: inLang(pr, d.Status.NameVI(), d.Status.NameEN()),
		Kind: inLang(pr, d.Applicant.Kind.NameVI(), d.Applicant.Kind.NameEN()), Channel: pr.T("dossier.channel." + d.Channel.String()),
		DueAt: pr.DateTime(d.DueAt), OriginalDue: pr.DateTime(d.OriginalDueAt), ReceivedAt: pr.DateTime(d.ReceivedAt),
		Overdue: d.Overdue(now), Results: d.Results, Timeliness: timelinessName(pr, d.Timeliness)}
	out.Receiving, out.Competent = d.ReceivingUnit, d.CompetentUnit
	if _, byCode, err := s.catalogUnits(ctx); err == nil {
		if u, ok := byCode[d.ReceivingUnit]; ok {
			out.Receiving = u.Name + " (" + u.Code + ")"
		}
		if u, ok := byCode[d.CompetentUnit]; ok {
			out.Competent = u.Name + " (" + u.Code + ")"
		}
	}
	if d.ReturnMethod != "" {
		out.ReturnMethod = pr.T("dossier.return." + string(d.ReturnMethod))
	}
	if !d.DueAt.IsZero() && d.End().IsZero() {
		if cal, err := s.cfg.Calendar.For(ctx, d.ReceivingUnit); err == nil {
			left := dossier.TimeLeft(d, cal, now)
			if left < 0 {
				out.Left = pr.T("dossier.page.late_by", hoursText(pr, left))
			} else {
				out.Left = hoursText(pr, left)
			}
		}
	}
	out.Assignee = d.Assignee
	for _, st := range d.Steps {
		if st.Assignee == d.Assignee && st.AssigneeName != "" {
			out.Assignee = st.AssigneeName
		}
	}
	cur := d.CurrentStep()
	for i, st := range d.Steps {
		row := stepRow{N: i + 1, Name: st.Name, Assignee: st.AssigneeName, Started: pr.DateTime(st.Started), Due: pr.DateTime(st.Due),
			Done: pr.DateTime(st.Done), Timeliness: timelinessName(pr, st.Timeliness), Current: i == cur}
		if st.Role != "" {
			row.Role = pr.T("role." + st.Role)
		}
		if row.Assignee == "" {
			row.Assignee = st.Assignee
		}
		if st.Skipped {
			row.Done = pr.T("dossier.page.skipped")
		}
		out.Steps = append(out.Steps, row)
	}
	if cur >= 0 {
		st := d.Steps[cur]
		out.CurrentStep = st.Name
		switch {
		case st.AssigneeName != "":
			out.Holder = st.AssigneeName
		case st.Assignee != "":
			out.Holder = st.Assignee
		case st.Role != "":
			out.Holder = pr.T("role." + st.Role)
		}
	}
	for _, e := range events {
		row := eventRow{At: pr.DateTime(e.At), Actor: e.ActorName, Action: inLang(pr, e.Action.NameVI(), e.Action.NameEN()),
			To: inLang(pr, e.To.NameVI(), e.To.NameEN()), Step: e.Step, Note: e.Note, Private: e.Private}
		if e.From != dossier.None {
			row.From = inLang(pr, e.From.NameVI(), e.From.NameEN())
		}
		out.Events = append(out.Events, row)
	}
	for _, c := range d.DueHistory {
		out.DueHistory = append(out.DueHistory, dueRow{At: pr.DateTime(c.At), From: pr.DateTime(c.From), To: pr.DateTime(c.To), Reason: pr.T("dossier.due_reason." + string(c.Reason)), By: c.By, Note: c.Note})
	}
	for _, wt := range d.Waits {
		out.Waits = append(out.Waits, waitRow{Kind: pr.T("dossier.wait_kind." + string(wt.Kind)), From: pr.DateTime(wt.From), To: pr.DateTime(wt.To)})
	}
	for _, a := range dossier.Permitted(d, actorOf(p)) {
		if !slices.Contains(processing.StepActions(), a) {
			continue
		}
		fields, ok := actionFields[a]
		if !ok {
			fields = []string{"note"}
		}
		out.Actions = append(out.Actions, actionForm{Action: string(a), Label: inLang(pr, a.NameVI(), a.NameEN()), Fields: fields})
		if a == dossier.ActAssign {
			if users, err := s.cfg.Accounts.Users(ctx, p); err == nil {
				for _, u := range users {
					if u.Active {
						out.Users = append(out.Users, u)
					}
				}
			}
		}
	}
	for _, m := range dossier.ReturnMethods() {
		out.Methods = append(out.Methods, option{string(m), pr.T("dossier.return." + string(m))})
	}
	for _, msg := range page.Form.Errors {
		out.Errors = append(out.Errors, msg)
	}
	out.Forms = formLinks(d)
	slices.Sort(out.Errors)
	return out
}

func (s *Server) showDossier(w http.ResponseWriter, r *http.Request, p account.Principal, status int, form *Form) {
	d, events, err := s.cfg.Dossiers.Get(r.Context(), p, r.PathValue("code"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.newPage(r, "dossier.title")
	page.Title = page.P.T("dossier.title") + " " + d.Code
	if form != nil {
		page.Form = *form
	}
	if key := r.URL.Query().Get("notice"); key == "notice.dossier_received" {
		page.Notice = page.P.T("notice.dossier_received", d.Code, d.LookupSecret)
	} else {
		page.Notice = notice(page.P, r)
	}
	page.Data = s.dossierData(r, page, p, d, events)
	s.render(w, r, status, "dossier", page)
}

func (s *Server) dossierPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.showDossier(w, r, p, http.StatusOK, nil)
}

// dossierFile serves a file of a dossier to an officer who may see the dossier.
func (s *Server) dossierFile(w http.ResponseWriter, r *http.Request, p account.Principal) {
	f, err := s.cfg.Dossiers.File(r.Context(), p, r.PathValue("code"), r.PathValue("id"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	attachment.Serve(w, r, s.cfg.Dossiers.Files, attachment.File{ID: f.ID, Name: f.Name, Size: f.Size, Type: f.Type})
}
