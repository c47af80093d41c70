package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes lists every route of the site in one place.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.cfg.Registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /lang/{lang}", s.switchLang)

	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)

	mux.HandleFunc("GET /{$}", s.staff(s.home))
	mux.HandleFunc("GET /account/password", s.staff(s.passwordForm))
	mux.HandleFunc("POST /account/password", s.staff(s.changePassword))

	mux.HandleFunc("GET /admin/units", s.staff(s.unitTree))
	mux.HandleFunc("GET /admin/units/new", s.staff(s.unitNewForm))
	mux.HandleFunc("POST /admin/units", s.staff(s.unitCreate))
	mux.HandleFunc("GET /admin/units/{code}", s.staff(s.unitShow))
	mux.HandleFunc("POST /admin/units/{code}/rename", s.staff(s.unitRename))
	mux.HandleFunc("POST /admin/units/{code}/move", s.staff(s.unitMove))
	mux.HandleFunc("POST /admin/units/{code}/close", s.staff(s.unitClose))

	mux.HandleFunc("GET /admin/users", s.staff(s.userList))
	mux.HandleFunc("GET /admin/users/new", s.staff(s.userNewForm))
	mux.HandleFunc("POST /admin/users", s.staff(s.userCreate))
	mux.HandleFunc("GET /admin/users/{username}", s.staff(s.userShow))
	mux.HandleFunc("POST /admin/users/{username}", s.staff(s.userUpdate))
	mux.HandleFunc("POST /admin/users/{username}/password", s.staff(s.userResetPassword))

	mux.HandleFunc("GET /admin/audit", s.staff(s.auditList))

	mux.HandleFunc("GET /calendar", s.staff(s.calendarPage))
	mux.HandleFunc("POST /calendar/overrides", s.staff(s.calendarAddOverride))
	mux.HandleFunc("POST /calendar/overrides/remove", s.staff(s.calendarRemoveOverride))
	mux.HandleFunc("POST /calendar/hours", s.staff(s.calendarSetHours))
	mux.HandleFunc("GET /calendar/due", s.staff(s.duePage))

	mux.HandleFunc("GET /procedures", s.catalogPage)
	mux.HandleFunc("GET /procedures/posting", s.postingPage)
	mux.HandleFunc("GET /procedures/{code}", s.procedurePage)
	mux.HandleFunc("GET /forms/{name}", s.formFile)

	mux.HandleFunc("GET /lookup", s.lookupPage)
	mux.HandleFunc("POST /lookup", s.lookupPage)
	mux.HandleFunc("GET /dossiers", s.staff(s.dossierQueue))
	mux.HandleFunc("GET /dossiers/new", s.staff(s.dossierNewForm))
	mux.HandleFunc("POST /dossiers", s.staff(s.dossierCreate))
	mux.HandleFunc("GET /dossiers/{code}", s.staff(s.dossierPage))
	mux.HandleFunc("POST /dossiers/{code}/act/{action}", s.staff(s.dossierAct))
	mux.HandleFunc("GET /guidances/{id}", s.staff(s.guidancePage))
	mux.HandleFunc("GET /dossiers/{code}/files/{id}", s.staff(s.dossierFile))
	mux.HandleFunc("GET /dossiers/{code}/forms/{kind}", s.staff(s.dossierForm))
	mux.HandleFunc("GET /guidances/{id}/pdf", s.staff(s.guidancePDF))
	mux.HandleFunc("GET /lookup/receipt", s.publicReceipt)
	mux.HandleFunc("GET /register", s.staff(s.registerPage))
	mux.HandleFunc("GET /register/{format}", s.staff(s.registerExport))

	mux.HandleFunc("GET /admin/procedures", s.staff(s.adminCatalog))
	mux.HandleFunc("GET /admin/procedures/new", s.staff(s.procedureNewForm))
	mux.HandleFunc("POST /admin/procedures", s.staff(s.procedureCreate))
	mux.HandleFunc("GET /admin/procedures/import", s.staff(s.importForm))
	mux.HandleFunc("POST /admin/procedures/import", s.staff(s.importUpload))
	mux.HandleFunc("GET /admin/procedures/export", s.staff(s.exportCatalog))
	mux.HandleFunc("GET /admin/procedures/review-due", s.staff(s.reviewDuePage))
	mux.HandleFunc("POST /admin/procedures/legal-documents", s.staff(s.legalDocumentCreate))
	mux.HandleFunc("GET /admin/procedures/{code}", s.staff(s.adminProcedure))
	mux.HandleFunc("GET /admin/procedures/{code}/edit", s.staff(s.procedureEditForm))
	mux.HandleFunc("POST /admin/procedures/{code}/edit", s.staff(s.procedureUpdate))
	mux.HandleFunc("POST /admin/procedures/{code}/draft", s.staff(s.procedureOpenDraft))
	mux.HandleFunc("POST /admin/procedures/{code}/publish", s.staff(s.procedurePublish))
	mux.HandleFunc("POST /admin/procedures/{code}/abolish", s.staff(s.procedureAbolish))
	mux.HandleFunc("POST /admin/procedures/{code}/apply", s.staff(s.procedureApply))
	mux.HandleFunc("POST /admin/procedures/{code}/unapply", s.staff(s.procedureUnapply))
	mux.HandleFunc("POST /admin/procedures/{code}/reviews", s.staff(s.reviewCreate))
	mux.HandleFunc("POST /admin/procedures/{code}/reviews/{id}", s.staff(s.reviewMove))

	// Each area registers its own routes in routes_<area>.go.
	s.portalRoutes(mux)
	s.followRoutes(mux)
	s.feedbackRoutes(mux)
	s.reportRoutes(mux)
	s.analysisRoutes(mux)

	mux.HandleFunc("/", s.notFound)

	var h http.Handler = mux
	h = s.withSession(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.withMetrics(h)
	h = s.withRecover(h)
	h = s.withRequestLog(h)
	return h
}
