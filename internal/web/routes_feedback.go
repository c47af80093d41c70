package web

import "net/http"

// feedbackRoutes registers the routes of feedback and complaints (phản ánh, kiến nghị): sent by anyone, handled by staff, answers published.
func (s *Server) feedbackRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /feedback", s.feedbackForm)
	mux.HandleFunc("POST /feedback", s.feedbackSend)
	mux.HandleFunc("GET /feedback/answers", s.feedbackAnswers)
	mux.HandleFunc("GET /feedback/{ref}", s.feedbackFollow)
	mux.HandleFunc("POST /feedback/{ref}/info", s.feedbackSupplement)

	mux.HandleFunc("GET /admin/feedback", s.staff(s.feedbackQueue))
	mux.HandleFunc("GET /admin/feedback/{ref}", s.staff(s.feedbackItem))
	mux.HandleFunc("POST /admin/feedback/{ref}/act/{action}", s.staff(s.feedbackAct))
	mux.HandleFunc("GET /reports/feedback", s.staff(s.feedbackReport))

	// The public statistics of settlement per unit (issue 8 item 5).
	mux.HandleFunc("GET /statistics", s.statisticsList)
	mux.HandleFunc("GET /statistics/{unit}", s.statisticsUnit)
}
