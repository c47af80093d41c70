package web

import (
	"net/http"
	"strconv"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// guidanceData is the page of a guidance given at the desk (Mẫu 02) with no dossier.
type guidanceData struct {
	ID   int64
	G    dossier.Guidance
	Unit string
	At   string
	Kind string
}

func (s *Server) guidancePage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, fault.New(fault.NotFound, "guidance.not_found", r.PathValue("id")))
		return
	}
	g, unit, err := s.cfg.Dossiers.Guidance(r.Context(), p, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.newPage(r, "guidance.title")
	page.Notice = notice(page.P, r)
	d := guidanceData{ID: id, G: g, Unit: unit, At: page.P.DateTime(g.At), Kind: inLang(page.P, g.Applicant.Kind.NameVI(), g.Applicant.Kind.NameEN())}
	if _, byCode, err := s.catalogUnits(r.Context()); err == nil {
		if u, ok := byCode[unit]; ok {
			d.Unit = u.Name
		}
	}
	page.Data = d
	s.render(w, r, http.StatusOK, "guidance", page)
}
