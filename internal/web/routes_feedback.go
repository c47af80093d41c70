package web

import "net/http"

// feedbackRoutes registers the routes of feedback and complaints (phản ánh, kiến nghị): sent by anyone, handled by staff, answers published.
func (s *Server) feedbackRoutes(mux *http.ServeMux) {
}
