package web

import "net/http"

// analysisRoutes registers the routes of the analyses of the control team: Decision 766 indicators, rankings and bottlenecks.
func (s *Server) analysisRoutes(mux *http.ServeMux) {
}
