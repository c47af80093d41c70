package web

import "net/http"

// followRoutes registers the routes of following a dossier after filing: online supplements, satisfaction ratings and the desk's kiosk.
func (s *Server) followRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /lookup/supplement", s.lookupSupplement)
	mux.HandleFunc("GET /rate", s.ratePage)
	mux.HandleFunc("POST /rate", s.ratePage)
	mux.HandleFunc("GET /kiosk/{unit}", s.kioskPage)
	mux.HandleFunc("POST /kiosk/{unit}", s.kioskCode)
	mux.HandleFunc("POST /kiosk/{unit}/rate", s.kioskRate)
	mux.HandleFunc("GET /reports/satisfaction", s.staff(s.satisfactionPage))
}
