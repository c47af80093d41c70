package web

import (
	"net/http"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// editorData feeds the procedure editor: the rows each table shows and the choices of its selects.
type editorData struct {
	IsNew      bool
	Code       string
	Version    int
	Channels   []editorChannel
	Components []int
	Legal      []int
	Results    []int
	Workflow   []int
	Kinds      []procedure.ChannelKind
	TimeUnits  []procedure.TimeUnit
	Levels     []procedure.Level
	Subjects   []procedure.Subject
	Online     []procedure.OnlineLevel
	Policies   []procedure.SupplementPolicy
	Roles      []account.Role
}

// editorChannel is one channel block of the editor and the rows of its fees.
type editorChannel struct {
	Row  int
	Fees []int
}

func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// newEditorData lays out the editor for the values shown; blank rows are added when the form is
// first shown (a re-shown form keeps the rows that were posted).
func newEditorData(v map[string]string, addBlank bool) editorData {
	d := editorData{Kinds: procedure.ChannelKinds(), TimeUnits: procedure.TimeUnits(), Levels: procedure.Levels(),
		Subjects: procedure.Subjects(), Online: procedure.OnlineLevels(), Policies: procedure.SupplementPolicies(), Roles: account.Roles}
	extra := func(n, blank int) int {
		if addBlank {
			return n + blank
		}
		return max(n, 1)
	}
	channels := rowCount(v, "channels")
	if addBlank {
		channels = max(channels, 3)
	}
	for i := range max(channels, 1) {
		fees := rowCount(v, fieldPath("channels", i, "fees"))
		d.Channels = append(d.Channels, editorChannel{Row: i, Fees: upTo(extra(fees, 1))})
	}
	d.Components = upTo(extra(rowCount(v, "components"), 3))
	d.Legal = upTo(extra(rowCount(v, "legal_basis"), 2))
	d.Results = upTo(extra(rowCount(v, "results"), 2))
	d.Workflow = upTo(extra(rowCount(v, "workflow"), 3))
	return d
}

// canEditCatalog refuses the editor to officers who may not change the catalog.
func (s *Server) canEditCatalog(w http.ResponseWriter, r *http.Request, p account.Principal) bool {
	if !p.Can(account.ManageCatalog) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return false
	}
	return true
}

func (s *Server) procedureNewForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !s.canEditCatalog(w, r, p) {
		return
	}
	page := s.newPage(r, "proc.new")
	page.Form.Values = procValues(procedure.Procedure{Levels: []procedure.Level{procedure.Commune}, Subjects: []procedure.Subject{procedure.Citizen},
		Channels: []procedure.Channel{{Kind: procedure.InPerson, Unit: procedure.WorkingDay}}, SupplementPolicy: procedure.Restart})
	delete(page.Form.Values, "channels[0].time")
	d := newEditorData(page.Form.Values, true)
	d.IsNew = true
	page.Data = d
	s.render(w, r, http.StatusOK, "procedure_form", page)
}

func (s *Server) procedureCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, err)
		return
	}
	values := formFrom(r).Values
	proc, ri, err := procedureInput(values)
	if err == nil {
		proc, err = s.cfg.Catalog.CreateDraft(r.Context(), p, proc)
	}
	if err != nil {
		page := s.newPage(r, "proc.new")
		d := newEditorData(values, false)
		d.IsNew = true
		page.Data = d
		s.renderForm(w, r, "procedure_form", page, ri.formError(err))
		return
	}
	redirect(w, r, "/admin/procedures/"+proc.Code, "notice.procedure_created")
}

// draftOf returns the open draft of a procedure, or a Conflict error when there is none.
func (s *Server) draftOf(r *http.Request, p account.Principal, code string) (procedure.Procedure, error) {
	versions, err := s.cfg.Catalog.Versions(r.Context(), p, code)
	if err != nil {
		return procedure.Procedure{}, err
	}
	last := versions[len(versions)-1].Procedure
	if last.Status != procedure.Draft {
		return last, fault.New(fault.Conflict, "catalog.not_draft", code, last.Version)
	}
	return last, nil
}

func (s *Server) procedureEditForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !s.canEditCatalog(w, r, p) {
		return
	}
	draft, err := s.draftOf(r, p, r.PathValue("code"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.newPage(r, "proc.edit")
	page.Title = page.P.T("proc.edit_title", draft.Code, draft.Version)
	page.Form.Values = procValues(draft)
	d := newEditorData(page.Form.Values, true)
	d.Code, d.Version = draft.Code, draft.Version
	page.Data = d
	s.render(w, r, http.StatusOK, "procedure_form", page)
}

func (s *Server) procedureUpdate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, err)
		return
	}
	code := r.PathValue("code")
	values := formFrom(r).Values
	proc, ri, err := procedureInput(values)
	if err == nil {
		_, err = s.cfg.Catalog.UpdateDraft(r.Context(), p, code, proc)
	}
	if err != nil {
		draft, derr := s.draftOf(r, p, code)
		if derr != nil {
			s.renderError(w, r, derr)
			return
		}
		page := s.newPage(r, "proc.edit")
		page.Title = page.P.T("proc.edit_title", draft.Code, draft.Version)
		d := newEditorData(values, false)
		d.Code, d.Version = draft.Code, draft.Version
		page.Data = d
		s.renderForm(w, r, "procedure_form", page, ri.formError(err))
		return
	}
	redirect(w, r, "/admin/procedures/"+code, "notice.procedure_saved")
}
