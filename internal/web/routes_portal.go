package web

import "net/http"

// portalRoutes registers the routes of the public portal: filing a dossier online (issue 8). None
// needs a login: a draft is reached by its random token (in the URL and in a cookie); the site's
// cross-origin protection guards the POSTs.
func (s *Server) portalRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /procedures/{code}/file", s.portalStart)
	mux.HandleFunc("GET /portal/drafts/{token}", s.portalForm)
	mux.HandleFunc("POST /portal/drafts/{token}", s.portalSave)
	mux.HandleFunc("GET /portal/drafts/{token}/review", s.portalReview)
	mux.HandleFunc("POST /portal/drafts/{token}/submit", s.portalSubmit)
	mux.HandleFunc("GET /portal/drafts/{token}/done", s.portalDone)
}
