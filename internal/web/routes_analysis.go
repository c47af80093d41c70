package web

import "net/http"

// analysisRoutes registers the routes of the analyses of the control team: Decision 766 indicators, rankings and bottlenecks.
func (s *Server) analysisRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /reports/indicators", s.staff(s.indicatorsPage))
	mux.HandleFunc("GET /reports/processing-time", s.staff(s.processingTimePage))
	mux.HandleFunc("GET /reports/ranking", s.staff(s.rankingPage))
	mux.HandleFunc("GET /reports/bottlenecks", s.staff(s.bottlenecksPage))
}
