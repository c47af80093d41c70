package api

// routes lists every API route in one place.
func (s *Server) routes() {
	s.handle("GET /api/v1/openapi.json", s.openapi)
	s.handle("GET /api/v1/me", s.authed(s.me))
	s.handle("GET /api/v1/procedures", s.listProcedures)
	s.handle("GET /api/v1/procedures/{code}", s.getProcedure)
	s.handle("GET /api/v1/units", s.authed(s.listUnits))
	s.handle("POST /api/v1/units", s.authed(s.createUnit))
	s.handle("GET /api/v1/units/{code}", s.authed(s.getUnit))
	s.handle("POST /api/v1/dossiers", s.authed(s.receiveDossier))
	s.handle("GET /api/v1/dossiers", s.authed(s.listDossiers))
	s.handle("POST /api/v1/guidances", s.authed(s.guideAtDesk))
	s.handle("POST /api/v1/refusals", s.authed(s.refuseAtDesk))
	s.handle("GET /api/v1/dossiers/{code}", s.authed(s.getDossier))
	s.handle("POST /api/v1/dossiers/{code}/actions/{action}", s.authed(s.actOnDossier))
	s.handle("GET /api/v1/public/dossiers/{code}", s.publicDossier)
	s.handle("GET /api/v1/calendar/due", s.authed(s.calendarDue))
	s.handle("GET /api/v1/calendar/overrides", s.authed(s.listOverrides))
	s.handle("POST /api/v1/calendar/overrides", s.authed(s.addOverride))
	s.handle("DELETE /api/v1/calendar/overrides/{date}", s.authed(s.removeOverride))
	s.handle("GET /api/v1/calendar/{year}", s.authed(s.calendarYear))
}
