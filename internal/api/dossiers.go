package api

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/processing"
	"motcua/internal/throttle"
)

// ReceiveRequest is the body of POST /api/v1/dossiers: a dossier received at the desk.
type ReceiveRequest struct {
	Procedure     string            `json:"procedure"`
	Unit          string            `json:"unit"`
	CompetentUnit string            `json:"competent_unit"`
	Channel       string            `json:"channel"`
	Applicant     dossier.Applicant `json:"applicant"`
	Components    []dossier.Paper   `json:"components"`
	Sets          int               `json:"sets"`
	ReturnMethod  string            `json:"return_method"`
	ReturnAddress string            `json:"return_address"`
	Note          string            `json:"note"`
}

// DossierOut is a dossier as officers see it through the API.
type DossierOut struct {
	Code             string            `json:"code"`
	Status           int               `json:"status"`
	StatusName       string            `json:"status_name"`
	Procedure        string            `json:"procedure"`
	ProcedureName    string            `json:"procedure_name"`
	ProcedureVersion int               `json:"procedure_version"`
	ReceivingUnit    string            `json:"receiving_unit"`
	CompetentUnit    string            `json:"competent_unit"`
	Channel          string            `json:"channel"`
	Applicant        dossier.Applicant `json:"applicant"`
	ReceivedAt       string            `json:"received_at,omitempty"`
	DueAt            string            `json:"due_at,omitempty"`
	OriginalDueAt    string            `json:"original_due_at,omitempty"`
	FinishedAt       string            `json:"finished_at,omitempty"`
	ReturnedAt       string            `json:"returned_at,omitempty"`
	Outcome          string            `json:"outcome,omitempty"`
	Timeliness       string            `json:"timeliness,omitempty"`
	LookupSecret     string            `json:"lookup_secret,omitempty"`
	Assignee         string            `json:"assignee,omitempty"`
	Version          int               `json:"version"`
	Events           []EventOut        `json:"events,omitempty"`
}

// EventOut is one entry of a timeline.
type EventOut struct {
	At         string `json:"at"`
	Action     string `json:"action"`
	ActionName string `json:"action_name"`
	Status     int    `json:"status"`
	StatusName string `json:"status_name"`
	Actor      string `json:"actor,omitempty"`
	Step       string `json:"step,omitempty"`
	Note       string `json:"note,omitempty"`
}

func rfc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func statusName(r *http.Request, s dossier.Status) string {
	if printer(r).Lang == "en" {
		return s.NameEN()
	}
	return s.NameVI()
}

func dossierOut(r *http.Request, d dossier.Dossier, events []dossier.Event) DossierOut {
	out := DossierOut{Code: d.Code, Status: int(d.Status), StatusName: statusName(r, d.Status), Procedure: d.ProcedureCode,
		ProcedureName: d.ProcedureName, ProcedureVersion: d.ProcedureVersion, ReceivingUnit: d.ReceivingUnit,
		CompetentUnit: d.CompetentUnit, Channel: d.Channel.String(), Applicant: d.Applicant, ReceivedAt: rfc(d.ReceivedAt),
		DueAt: rfc(d.DueAt), OriginalDueAt: rfc(d.OriginalDueAt), FinishedAt: rfc(d.FinishedAt), ReturnedAt: rfc(d.ReturnedAt),
		Outcome: string(d.Outcome), Timeliness: string(d.Timeliness), LookupSecret: d.LookupSecret, Assignee: d.Assignee, Version: d.Version}
	for _, e := range events {
		name := e.Action.NameVI()
		if printer(r).Lang == "en" {
			name = e.Action.NameEN()
		}
		out.Events = append(out.Events, EventOut{At: rfc(e.At), Action: string(e.Action), ActionName: name, Status: int(e.To),
			StatusName: statusName(r, e.To), Actor: e.Actor, Step: e.Step, Note: e.Note})
	}
	return out
}

func (s *Server) receiveDossier(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var in ReceiveRequest
	if err := decode(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.cfg.Dossiers.Receive(r.Context(), p, in.input(), s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/dossiers/"+d.Code)
	writeJSON(w, http.StatusCreated, dossierOut(r, d, nil))
}

func (s *Server) getDossier(w http.ResponseWriter, r *http.Request, p account.Principal) {
	d, events, err := s.cfg.Dossiers.Get(r.Context(), p, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, dossierOut(r, d, events))
}

func (s *Server) listDossiers(w http.ResponseWriter, r *http.Request, p account.Principal) {
	q := r.URL.Query()
	pq := processing.Query{Text: q.Get("q"), Assignee: q.Get("assignee")}
	pq.Limit, _ = strconv.Atoi(q.Get("limit"))
	pq.Offset, _ = strconv.Atoi(q.Get("offset"))
	if u := q.Get("unit"); u != "" {
		pq.Units = []string{u}
	}
	for _, st := range q["status"] {
		n, err := strconv.Atoi(st)
		if err != nil || !dossier.Status(n).Valid() {
			s.fail(w, r, invalidField("status", "dossier.status.invalid", st))
			return
		}
		pq.Statuses = append(pq.Statuses, dossier.Status(n))
	}
	items, total, err := s.cfg.Dossiers.List(r.Context(), p, pq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Items []DossierOut `json:"items"`
		Total int          `json:"total"`
	}{Items: []DossierOut{}, Total: total}
	for _, d := range items {
		o := dossierOut(r, d, nil)
		o.LookupSecret = ""
		out.Items = append(out.Items, o)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) actOnDossier(w http.ResponseWriter, r *http.Request, p account.Principal) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		s.fail(w, r, fault.New(fault.Invalid, "api.body.malformed"))
		return
	}
	version, _ := strconv.Atoi(r.URL.Query().Get("version"))
	d, err := s.cfg.Dossiers.Act(r.Context(), p, r.PathValue("code"), dossier.Action(r.PathValue("action")), version, body, s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, dossierOut(r, d, nil))
}

// PublicDossier is what anyone holding the code and secret sees: no officer's notes, personal data masked.
type PublicDossier struct {
	Code          string           `json:"code"`
	Status        int              `json:"status"`
	StatusName    string           `json:"status_name"`
	Procedure     string           `json:"procedure"`
	ProcedureName string           `json:"procedure_name"`
	Applicant     string           `json:"applicant"`
	ReceivedAt    string           `json:"received_at,omitempty"`
	DueAt         string           `json:"due_at,omitempty"`
	Rescheduled   bool             `json:"rescheduled"`
	FinishedAt    string           `json:"finished_at,omitempty"`
	ReturnedAt    string           `json:"returned_at,omitempty"`
	Events        []PublicEventOut `json:"events"`
}

// PublicEventOut is one public entry of a timeline.
type PublicEventOut struct {
	At         string `json:"at"`
	Status     int    `json:"status"`
	StatusName string `json:"status_name"`
	Action     string `json:"action"`
}

func (s *Server) publicDossier(w http.ResponseWriter, r *http.Request) {
	addr := throttle.ClientAddr(r)
	now := s.cfg.Now()
	if s.lookups.Blocked(addr, now) {
		w.Header().Set("Retry-After", "600")
		writeJSON(w, http.StatusTooManyRequests, ErrorBody{Error: ErrorDetail{Code: string(fault.Forbidden), Message: printer(r).T("dossier.lookup.throttled")}})
		return
	}
	d, events, err := s.cfg.Dossiers.Lookup(r.Context(), r.PathValue("code"), r.URL.Query().Get("secret"))
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			s.lookups.Fail(addr, now)
		}
		s.fail(w, r, err)
		return
	}
	out := PublicDossier{Code: d.Code, Status: int(d.Status), StatusName: statusName(r, d.Status), Procedure: d.ProcedureCode,
		ProcedureName: d.ProcedureName, Applicant: dossier.MaskName(d.Applicant.Name), ReceivedAt: rfc(d.ReceivedAt), DueAt: rfc(d.DueAt),
		Rescheduled: d.Rescheduled, FinishedAt: rfc(d.FinishedAt), ReturnedAt: rfc(d.ReturnedAt), Events: []PublicEventOut{}}
	for _, e := range events {
		name := e.Action.NameVI()
		if printer(r).Lang == "en" {
			name = e.Action.NameEN()
		}
		out.Events = append(out.Events, PublicEventOut{At: rfc(e.At), Status: int(e.To), StatusName: statusName(r, e.To), Action: name})
	}
	writeJSON(w, http.StatusOK, out)
}
