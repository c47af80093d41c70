package web

import "net/http"

// reportRoutes registers the routes of the control team's reports (II.06a) and dashboards.
func (s *Server) reportRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /reports/06a", s.staff(s.settlementPage))
	mux.HandleFunc("GET /reports/06a/xlsx", s.staff(s.settlementExcel))
	mux.HandleFunc("GET /reports/06a/pdf", s.staff(s.settlementPDF))
	mux.HandleFunc("GET /reports/dashboard", s.staff(s.dashboardPage))
}
