package web

import "net/http"

// followRoutes registers the routes of following a dossier after filing: online supplements, satisfaction ratings and the desk's kiosk.
func (s *Server) followRoutes(mux *http.ServeMux) {
}
