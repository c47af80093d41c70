package web

import (
	"net/http"

	"motcua/internal/account"
	"motcua/internal/audit"
)

// auditData is the audit page: recent entries in the viewer's scope.
type auditData struct {
	Entries []audit.Entry
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := account.Authorize(p, account.ViewAudit, p.UnitPath); err != nil {
		s.renderError(w, r, err)
		return
	}
	page := s.newPage(r, "audit.title")
	var codes []string
	if p.UnitPath != "/" {
		units, err := s.cfg.Accounts.Units(r.Context(), p)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, u := range units {
			codes = append(codes, u.Code)
		}
	}
	entries, err := s.cfg.Audit.AuditEntries(r.Context(), "", codes, 200)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Data = auditData{Entries: entries}
	s.render(w, r, http.StatusOK, "audit", page)
}
