package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/procedure"
)

// adminCatalogData is the staff list of procedures, every version status included.
type adminCatalogData struct {
	Query, Status    string
	Statuses         []procedure.Status
	Rows             []procedure.Procedure
	Total, Page      int
	PrevURL, NextURL string
	CanEdit          bool
}

func (s *Server) adminCatalog(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "proc.admin.title")
	page.Notice = notice(page.P, r)
	q := r.URL.Query()
	d := adminCatalogData{Query: strings.TrimSpace(q.Get("q")), Status: q.Get("status"), Statuses: procedure.Statuses(),
		CanEdit: p.Can(account.ManageCatalog), Page: 1}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	// By default the list shows what is current: drafts, published and abolished versions, not the
	// amended ones they superseded.
	statuses := []procedure.Status{procedure.Draft, procedure.Published, procedure.Abolished}
	switch st := procedure.Status(d.Status); {
	case d.Status == "all":
		statuses = nil
	case st.Valid():
		statuses = []procedure.Status{st}
	default:
		d.Status = ""
	}
	var err error
	d.Rows, d.Total, err = s.cfg.Catalog.Search(r.Context(), catalog.Query{Text: d.Query, Statuses: statuses,
		Limit: catalogPageSize, Offset: (d.Page - 1) * catalogPageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	link := func(n int) string {
		return "/admin/procedures?" + url.Values{"q": {d.Query}, "status": {d.Status}, "page": {strconv.Itoa(n)}}.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = link(d.Page - 1)
	}
	if d.Page*catalogPageSize < d.Total {
		d.NextURL = link(d.Page + 1)
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "admin_procedures", page)
}

// adminProcedureData is a procedure's staff page: its versions and what changed, the units applying
// it, its reviews and the forms that act on it.
type adminProcedureData struct {
	Code      string
	Latest    procedure.Procedure
	Current   *procedure.Procedure // the published version, if any
	Versions  []catalog.Version    // newest first
	Units     []account.Unit       // applying it
	Candidate []account.Unit       // units the user may add
	Reviews   []procedure.Review
	Proposals []procedure.Proposal
	CanEdit   bool
	Today     string
}

// HasDraft reports whether the latest version is an open draft.
func (d adminProcedureData) HasDraft() bool { return d.Latest.Status == procedure.Draft }

// Moves lists the review statuses a review may move to next.
func (d adminProcedureData) Moves(r procedure.Review) []procedure.ReviewStatus {
	var out []procedure.ReviewStatus
	from := r.Status
	if from == "" {
		from = procedure.ReviewDraft
	}
	for _, to := range procedure.ReviewStatuses() {
		if from.CanBecome(to) {
			out = append(out, to)
		}
	}
	return out
}

func (s *Server) adminProcedurePage(r *http.Request, p account.Principal, code string) (Page, error) {
	page := s.newPage(r, "proc.admin.title")
	versions, err := s.cfg.Catalog.Versions(r.Context(), p, code)
	if err != nil {
		return page, err
	}
	d := adminProcedureData{Code: code, Latest: versions[len(versions)-1].Procedure, CanEdit: p.Can(account.ManageCatalog),
		Proposals: procedure.Proposals(), Today: account.Today(s.now())}
	page.Title = d.Latest.Name
	for i := len(versions) - 1; i >= 0; i-- {
		d.Versions = append(d.Versions, versions[i])
		if versions[i].Status == procedure.Published && d.Current == nil {
			cur := versions[i].Procedure
			d.Current = &cur
		}
	}
	applied, err := s.cfg.Catalog.Units(r.Context(), code)
	if err != nil {
		return page, err
	}
	units, byCode, err := s.catalogUnits(r.Context())
	if err != nil {
		return page, err
	}
	for _, c := range applied {
		if u, ok := byCode[c]; ok {
			d.Units = append(d.Units, u)
		} else {
			d.Units = append(d.Units, account.Unit{Code: c, Name: c})
		}
	}
	if d.CanEdit {
		for _, u := range units {
			if p.InScope(u.Path) && !slices.Contains(applied, u.Code) {
				d.Candidate = append(d.Candidate, u)
			}
		}
	}
	if d.Reviews, err = s.cfg.Catalog.Reviews(r.Context(), code); err != nil {
		return page, err
	}
	page.Data = d
	return page, nil
}

func (s *Server) adminProcedure(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page, err := s.adminProcedurePage(r, p, r.PathValue("code"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Notice = notice(page.P, r)
	s.render(w, r, http.StatusOK, "admin_procedure", page)
}

// procedureAction runs one of the forms of a procedure's staff page; on error the page is shown
// again with the form's values and messages.
func (s *Server) procedureAction(w http.ResponseWriter, r *http.Request, p account.Principal, noticeKey string, act func(code string) error) {
	code := r.PathValue("code")
	if err := act(code); err != nil {
		if errorKind(err) != "" {
			s.renderError(w, r, err)
			return
		}
		page, perr := s.adminProcedurePage(r, p, code)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		s.renderForm(w, r, "admin_procedure", page, err)
		return
	}
	redirect(w, r, "/admin/procedures/"+code, noticeKey)
}

func (s *Server) procedureOpenDraft(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.procedureAction(w, r, p, "notice.procedure_draft_opened", func(code string) error {
		effective, err := formDate("effective_from", r.PostFormValue("effective_from"), false)
		if err != nil {
			return err
		}
		_, err = s.cfg.Catalog.OpenDraft(r.Context(), p, code, effective)
		return err
	})
}

func (s *Server) procedurePublish(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.procedureAction(w, r, p, "notice.procedure_published", func(code string) error {
		_, err := s.cfg.Catalog.Publish(r.Context(), p, code, s.now())
		return err
	})
}

func (s *Server) procedureAbolish(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.procedureAction(w, r, p, "notice.procedure_abolished", func(code string) error {
		from, err := formDate("from", r.PostFormValue("from"), true)
		if err != nil {
			return err
		}
		_, err = s.cfg.Catalog.Abolish(r.Context(), p, code, from)
		return err
	})
}

func (s *Server) procedureApply(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.procedureAction(w, r, p, "notice.procedure_applied", func(code string) error {
		if err := r.ParseForm(); err != nil {
			return err
		}
		units := r.PostForm["units"]
		if len(units) == 0 {
			return requiredField("units")
		}
		return s.cfg.Catalog.ApplyTo(r.Context(), p, code, units, s.now())
	})
}

func (s *Server) procedureUnapply(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.procedureAction(w, r, p, "notice.procedure_unapplied", func(code string) error {
		return s.cfg.Catalog.Unapply(r.Context(), p, code, r.PostFormValue("unit"))
	})
}
