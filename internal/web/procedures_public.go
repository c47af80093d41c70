package web

import (
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// catalogPageSize is how many procedures one page of the public catalog lists.
const catalogPageSize = 50

// catalogData is the public catalog: the search, its filters and one page of published procedures.
type catalogData struct {
	Query, Unit, Field, Level string
	UnitName                  string
	Units                     []account.Unit
	Fields                    []procedure.Field
	Levels                    []procedure.Level
	Rows                      []procedure.Procedure
	Total, Page, Pages        int
	PrevURL, NextURL          string
}

func (s *Server) catalogPage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "proc.catalog.title")
	q := r.URL.Query()
	d := catalogData{Query: strings.TrimSpace(q.Get("q")), Unit: q.Get("unit"), Field: q.Get("field"), Level: q.Get("level"),
		Levels: procedure.Levels(), Page: 1}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		d.Page = n
	}
	units, byCode, err := s.catalogUnits(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d.Units = units
	d.UnitName = byCode[strings.ToUpper(d.Unit)].Name
	if d.Fields, err = s.cfg.Catalog.Fields(r.Context()); err != nil {
		s.renderError(w, r, err)
		return
	}
	if d.Level != "" && !procedure.Level(d.Level).Valid() {
		d.Level = ""
	}
	d.Rows, d.Total, err = s.cfg.Catalog.Search(r.Context(), catalog.Query{Text: d.Query, UnitCode: d.Unit, Field: d.Field, Level: d.Level,
		Statuses: []procedure.Status{procedure.Published}, Limit: catalogPageSize, Offset: (d.Page - 1) * catalogPageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d.Pages = (d.Total + catalogPageSize - 1) / catalogPageSize
	link := func(n int) string {
		v := url.Values{}
		for k, x := range map[string]string{"q": d.Query, "unit": d.Unit, "field": d.Field, "level": d.Level} {
			if x != "" {
				v.Set(k, x)
			}
		}
		v.Set("page", strconv.Itoa(n))
		return "/procedures?" + v.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = link(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.NextURL = link(d.Page + 1)
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "procedures", page)
}

// procedureData is one procedure's public page.
type procedureData struct {
	Proc      procedure.Procedure
	Abolished bool
	Units     []account.Unit
	Forms     []string // download link of each component's form, "" when none
	Staff     bool
	// Online is whether citizens can file the procedure online from this page (see portal.OfferOf).
	Online bool
}

func (s *Server) procedurePage(w http.ResponseWriter, r *http.Request) {
	proc, err := s.cfg.Catalog.Published(r.Context(), r.PathValue("code"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.newPage(r, "proc.catalog.title")
	page.Title = proc.Name
	d := procedureData{Proc: proc, Abolished: proc.Status == procedure.Abolished, Staff: page.User != nil}
	codes, err := s.cfg.Catalog.Units(r.Context(), proc.Code)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	_, byCode, err := s.catalogUnits(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	today := account.Today(s.now())
	for _, c := range codes {
		if u, ok := byCode[c]; ok && u.ActiveOn(today) {
			d.Units = append(d.Units, u)
		}
	}
	for _, c := range proc.Components {
		d.Forms = append(d.Forms, s.formLink(c.FormTemplate))
	}
	if s.cfg.Portal != nil && !d.Abolished {
		_, err := s.cfg.Portal.OfferOf(r.Context(), proc.Code, s.now())
		d.Online = err == nil
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "procedure", page)
}

// postingData is the printable posting sheet (niêm yết) of the procedures a unit applies.
type postingData struct {
	Unit   account.Unit
	Units  []account.Unit
	Groups []postingGroup
	Count  int
	Today  string
}

type postingGroup struct {
	Field string
	Procs []procedure.Procedure
}

func (s *Server) postingPage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "proc.posting.title")
	units, byCode, err := s.catalogUnits(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := postingData{Units: units, Today: account.Today(s.now())}
	code := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("unit")))
	if code != "" {
		u, ok := byCode[code]
		if !ok {
			s.renderError(w, r, fault.New(fault.NotFound, "unit.not_found", code))
			return
		}
		d.Unit = u
		page.Title = page.P.T("proc.posting.heading", u.Name)
		for offset := 0; ; offset += 1000 {
			procs, total, err := s.cfg.Catalog.Search(r.Context(), catalog.Query{UnitCode: code,
				Statuses: []procedure.Status{procedure.Published}, Limit: 1000, Offset: offset})
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			for _, p := range procs {
				if n := len(d.Groups); n == 0 || d.Groups[n-1].Field != p.Field.Name {
					d.Groups = append(d.Groups, postingGroup{Field: p.Field.Name})
				}
				g := &d.Groups[len(d.Groups)-1]
				g.Procs = append(g.Procs, p)
				d.Count++
			}
			if d.Count >= total || len(procs) == 0 {
				break
			}
		}
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "posting", page)
}

// formFile serves a form template from the configured forms directory.
func (s *Server) formFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if s.cfg.FormsDir == "" || !looksLikeFile(name) || path.Clean(name) != name {
		s.notFound(w, r)
		return
	}
	fsys := os.DirFS(s.cfg.FormsDir)
	if _, err := os.Stat(path.Join(s.cfg.FormsDir, name)); err != nil {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeFileFS(w, r, fsys, name)
}
