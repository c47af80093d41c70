package web

import "net/http"

// portalRoutes registers the routes of the public portal: filing a dossier online (issue 8).
func (s *Server) portalRoutes(mux *http.ServeMux) {
}
