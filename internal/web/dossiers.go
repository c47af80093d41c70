package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/throttle"
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
	d := queueData{Query: text, Tab: tab, CanReceive: p.Can(account.ReceiveDossiers)}
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
	page.Data = d
	s.render(w, r, http.StatusOK, "dossiers", page)
}

// --- Reception at the desk ---

// componentRow is one row of the components checklist.
type componentRow struct {
	Index                              int
	Name                               string
	Mandatory                          bool
	Provided                           bool
	Originals, CertifiedCopies, Copies string
	Error                              string
}

type receptionData struct {
	Procedures    []procedure.Procedure
	Procedure     string
	ProcedureName string
	Unit          string
	Rows          []componentRow
	Kinds         []option
	Channels      []option
	Methods       []option
	// ApplicantFields are the applicant's text inputs, after applicant.
	ApplicantFields []string
}

// option is a select option.
type option struct{ Value, Label string }

// deskUnit returns the unit whose desk the officer receives for: the officer's unit if it applies
// published procedures, else the nearest parent that does.
func (s *Server) deskUnit(r *http.Request, p account.Principal) string {
	_, byCode, err := s.catalogUnits(r.Context())
	if err != nil {
		return p.UnitCode
	}
	for code, n := p.UnitCode, 0; code != "" && n < 10; n++ {
		_, total, err := s.cfg.Catalog.Search(r.Context(), catalog.Query{UnitCode: code, Statuses: []procedure.Status{procedure.Published}, Limit: 1})
		if err == nil && total > 0 {
			return code
		}
		code = byCode[code].ParentCode
	}
	return p.UnitCode
}

func (s *Server) receptionData(r *http.Request, page Page, unit, code string, form Form) (receptionData, error) {
	ctx := r.Context()
	d := receptionData{Unit: unit, Procedure: code, ApplicantFields: []string{"name", "id_number", "phone", "email", "address"}}
	var err error
	d.Procedures, _, err = s.cfg.Catalog.Search(ctx, catalog.Query{UnitCode: unit, Statuses: []procedure.Status{procedure.Published}, Limit: 1000})
	if err != nil {
		return d, err
	}
	for _, k := range []dossier.ApplicantKind{dossier.ApplicantCitizen, dossier.ApplicantBusiness, dossier.ApplicantAgency, dossier.ApplicantOther} {
		d.Kinds = append(d.Kinds, option{k.String(), inLang(page.P, k.NameVI(), k.NameEN())})
	}
	d.Channels = []option{{"in_person", page.P.T("dossier.channel.in_person")}, {"postal", page.P.T("dossier.channel.postal")}}
	for _, m := range dossier.ReturnMethods() {
		d.Methods = append(d.Methods, option{string(m), page.P.T("dossier.return." + string(m))})
	}
	if code == "" {
		return d, nil
	}
	proc, err := s.cfg.Catalog.InForce(ctx, code, s.now())
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			return d, nil
		}
		return d, err
	}
	d.ProcedureName = proc.Name
	posted := form.Values["procedure"] == code
	for j, c := range proc.Components {
		row := componentRow{Index: j, Name: c.Name, Mandatory: c.Mandatory && c.Case == "",
			Originals: strconv.Itoa(c.Originals), CertifiedCopies: strconv.Itoa(c.CertifiedCopies), Copies: strconv.Itoa(c.Copies)}
		if posted {
			pre := fmt.Sprintf("c%d.", j)
			row.Provided = form.Values[pre+"provided"] != ""
			row.Originals, row.CertifiedCopies, row.Copies = form.Values[pre+"originals"], form.Values[pre+"certified_copies"], form.Values[pre+"copies"]
		}
		row.Error = form.Errors[fmt.Sprintf("required_components[%d]", j)]
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}

func (s *Server) dossierNewForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ReceiveDossiers) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "dossier.new.title")
	page.Form.Values["channel"] = "in_person"
	page.Form.Values["return_method"] = "desk"
	page.Form.Values["applicant.kind"] = "citizen"
	data, err := s.receptionData(r, page, s.deskUnit(r, p), strings.TrimSpace(r.URL.Query().Get("procedure")), page.Form)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Data = data
	s.render(w, r, http.StatusOK, "dossier_new", page)
}

func atoiOr0(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (s *Server) dossierCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	ctx := r.Context()
	page := s.newPage(r, "dossier.new.title")
	unit := strings.TrimSpace(r.PostFormValue("unit"))
	if unit == "" {
		unit = s.deskUnit(r, p)
	}
	code := strings.TrimSpace(r.PostFormValue("procedure"))
	kind, _ := dossier.ParseApplicantKind(r.PostFormValue("applicant.kind"))
	in := processing.ReceiveInput{ProcedureCode: code, UnitCode: unit, Channel: r.PostFormValue("channel"),
		Applicant: dossier.Applicant{Kind: kind, Name: r.PostFormValue("applicant.name"), IDNumber: r.PostFormValue("applicant.id_number"),
			Phone: r.PostFormValue("applicant.phone"), Email: r.PostFormValue("applicant.email"), Address: r.PostFormValue("applicant.address")},
		ReturnMethod: r.PostFormValue("return_method"), ReturnAddress: r.PostFormValue("return_address"), Note: r.PostFormValue("note")}
	var f fault.Fields
	var rowOf []int // the checklist row of each paper
	if code != "" {
		if proc, err := s.cfg.Catalog.InForce(ctx, code, s.now()); err == nil {
			for j, c := range proc.Components {
				pre := fmt.Sprintf("c%d.", j)
				if r.PostFormValue(pre+"provided") == "" {
					continue
				}
				paper := dossier.Paper{Name: c.Name}
				var ok1, ok2, ok3 bool
				paper.Originals, ok1 = atoiOr0(r.PostFormValue(pre + "originals"))
				paper.CertifiedCopies, ok2 = atoiOr0(r.PostFormValue(pre + "certified_copies"))
				paper.Copies, ok3 = atoiOr0(r.PostFormValue(pre + "copies"))
				if !ok1 || !ok2 || !ok3 {
					f.Add(fmt.Sprintf("required_components[%d]", j), "dossier.page.count_invalid")
				}
				in.Components = append(in.Components, paper)
				rowOf = append(rowOf, j)
			}
		}
	}
	err := f.Err()
	var d dossier.Dossier
	if err == nil {
		d, err = s.cfg.Dossiers.Receive(ctx, p, in, s.now())
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Internal || fe.Kind == fault.Forbidden || fe.Kind == fault.Unauthorized {
			s.renderError(w, r, err)
			return
		}
		page.Form = formFrom(r).withError(page.P, err)
		for i, j := range rowOf { // a paper's own errors show on its checklist row
			for _, part := range []string{"name", "originals", "certified_copies", "copies"} {
				if msg, ok := page.Form.Errors[fmt.Sprintf("components[%d].%s", i, part)]; ok {
					page.Form.Errors[fmt.Sprintf("required_components[%d]", j)] = msg
				}
			}
		}
		data, derr := s.receptionData(r, page, unit, code, page.Form)
		if derr != nil {
			s.renderError(w, r, derr)
			return
		}
		page.Data = data
		s.render(w, r, fe.Kind.HTTPStatus(), "dossier_new", page)
		return
	}
	redirect(w, r, "/dossiers/"+url.PathEscape(d.Code), "notice.dossier_received")
}

// --- The dossier page ---

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
}

// actionFields are the inputs of each action's form beyond the note.
var actionFields = map[dossier.Action][]string{
	dossier.ActTransfer:           {"note"},
	dossier.ActAssign:             {"assignee", "note"},
	dossier.ActRequestSupplement:  {"items", "reason", "note"},
	dossier.ActReschedule:         {"reason", "new_due", "note"},
	dossier.ActResultReady:        {"result", "note"},
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

// actionBody builds the JSON input of an action from its form.
func actionBody(a dossier.Action, r *http.Request) ([]byte, error) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	body := map[string]any{}
	if n := v("note"); n != "" {
		body["note"] = n
	}
	var f fault.Fields
	switch a {
	case dossier.ActAssign:
		body["assignee"] = v("assignee")
	case dossier.ActRequestSupplement:
		var items []map[string]any
		for line := range strings.SplitSeq(r.PostFormValue("items"), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				items = append(items, map[string]any{"name": line, "reason": v("reason")})
			}
		}
		body["items"] = items
	case dossier.ActReschedule:
		body["reason"] = v("reason")
		if v("new_due_date") != "" {
			tm := v("new_due_time")
			if tm == "" {
				tm = "17:00"
			}
			t, err := time.ParseInLocation("2006-01-02 15:04", v("new_due_date")+" "+tm, calendar.Location)
			if err != nil {
				f.Add("new_due_at", "dossier.page.date_invalid")
			} else {
				body["newDueAt"] = t
			}
		}
	case dossier.ActResultReady:
		body["results"] = []map[string]any{{"name": v("result_name"), "number": v("result_number")}}
	case dossier.ActReturn:
		body["method"] = v("method")
	case dossier.ActRefuse:
		body["reasons"] = []string{v("reason")}
	case dossier.ActStop, dossier.ActRequestWithdrawal:
		body["reason"] = v("reason")
	case dossier.ActConsult:
		body["unit"], body["subject"] = v("unit"), v("subject")
		if n, err := strconv.Atoi(v("hours")); err == nil {
			body["hours"] = n
		} else if v("hours") != "" {
			f.Add("hours", "dossier.page.count_invalid")
		}
	case dossier.ActAnswerConsultation:
		body["answer"] = v("answer")
		if n, err := strconv.Atoi(v("consultation")); err == nil {
			body["consultation"] = n
		}
	case dossier.ActRequestFees:
		if v("fee_name") != "" {
			amount, err := strconv.ParseInt(strings.ReplaceAll(strings.ReplaceAll(v("fee_amount"), ".", ""), ",", ""), 10, 64)
			if err != nil && v("fee_amount") != "" {
				f.Add("fees[0].amount_vnd", "dossier.page.count_invalid")
			}
			body["fees"] = []map[string]any{{"name": v("fee_name"), "amountVND": amount}}
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return json.Marshal(body)
}

func (s *Server) dossierAct(w http.ResponseWriter, r *http.Request, p account.Principal) {
	action := dossier.Action(r.PathValue("action"))
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	body, err := actionBody(action, r)
	if err == nil {
		_, err = s.cfg.Dossiers.Act(r.Context(), p, r.PathValue("code"), action, version, body, s.now())
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Internal || fe.Kind == fault.Forbidden || fe.Kind == fault.Unauthorized || fe.Kind == fault.NotFound {
			s.renderError(w, r, err)
			return
		}
		form := formFrom(r).withError(s.newPage(r, "dossier.title").P, err)
		s.showDossier(w, r, p, fe.Kind.HTTPStatus(), &form)
		return
	}
	redirect(w, r, "/dossiers/"+url.PathEscape(strings.ToUpper(strings.TrimSpace(r.PathValue("code")))), "notice.dossier_updated")
}

// --- Public lookup ---

type lookupData struct {
	Found       bool
	Code        string
	Procedure   string
	Status      string
	Applicant   string
	ReceivedAt  string
	DueAt       string
	OriginalDue string
	Changed     bool
	Events      []eventRow
}

func (s *Server) lookupPage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "lookup.title")
	code, secret := strings.TrimSpace(r.PostFormValue("code")), strings.TrimSpace(r.PostFormValue("secret"))
	page.Form.Values["code"] = code
	data := lookupData{}
	if r.Method == http.MethodPost {
		addr := "lookup:" + throttle.ClientAddr(r)
		if s.throttle.Blocked(addr, s.now()) {
			page.Form.Message = page.P.T("dossier.lookup.throttled")
			page.Data = data
			s.render(w, r, http.StatusTooManyRequests, "lookup", page)
			return
		}
		d, events, err := s.cfg.Dossiers.Lookup(r.Context(), code, secret)
		if fault.Is(err, fault.NotFound) {
			s.throttle.Fail(addr, s.now())
		}
		if err != nil {
			fe := fault.As(err)
			if fe.Kind == fault.Internal {
				s.renderError(w, r, err)
				return
			}
			page.Form = page.Form.withError(page.P, err)
			page.Form.Values = map[string]string{"code": code}
			page.Data = data
			s.render(w, r, fe.Kind.HTTPStatus(), "lookup", page)
			return
		}
		pr := page.P
		data = lookupData{Found: true, Code: d.Code, Procedure: d.ProcedureName, Status: inLang(pr, d.Status.NameVI(), d.Status.NameEN()),
			Applicant: dossier.MaskName(d.Applicant.Name), ReceivedAt: pr.DateTime(d.ReceivedAt), DueAt: pr.DateTime(d.DueAt),
			OriginalDue: pr.DateTime(d.OriginalDueAt), Changed: !d.OriginalDueAt.IsZero() && !d.DueAt.Equal(d.OriginalDueAt)}
		for _, e := range events {
			data.Events = append(data.Events, eventRow{At: pr.DateTime(e.At), Action: inLang(pr, e.Action.NameVI(), e.Action.NameEN()),
				To: inLang(pr, e.To.NameVI(), e.To.NameEN())})
		}
	}
	page.Data = data
	s.render(w, r, http.StatusOK, "lookup", page)
}
