package web

import (
	"math"
	"net/http"
	"net/url"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/fault"
	"motcua/internal/i18n"
)

// analysisService returns the analyses: Config.Analysis, or one over the reports' store and the
// working calendars when the configuration names none. It returns nil when neither is available.
func (s *Server) analysisService() *analysis.Service {
	if s.cfg.Analysis != nil {
		return s.cfg.Analysis
	}
	if s.cfg.Reports == nil {
		return nil
	}
	st, ok := s.cfg.Reports.Store.(analysis.Store)
	if !ok {
		return nil
	}
	svc := &analysis.Service{Store: st}
	if s.cfg.Calendar != nil {
		svc.Calendars = s.cfg.Calendar
	}
	return svc
}

// analysisFilter is the unit picker and period shared by the analysis pages.
type analysisFilter struct {
	Action string // the page's path
	reportScope
	Tabs []NavItem
	// Query repeats the unit and period, for the tabs and the sorting links.
	Query string
}

// analysisTabs are the analysis pages, in the order of their tabs.
var analysisTabs = []struct{ path, key string }{
	{"/reports/indicators", "analysis.indicators.title"},
	{"/reports/processing-time", "analysis.times.title"},
	{"/reports/ranking", "analysis.ranking.title"},
	{"/reports/bottlenecks", "analysis.bottlenecks.title"},
}

// analysisQuery reads the unit and period of an analysis page, with this year so far, the officer's
// unit and its subtree by default; the error is an Invalid fault on "from" or "to" for a date that
// does not parse.
func (s *Server) analysisQuery(r *http.Request, page Page, p account.Principal) (analysisFilter, analysis.Query, error) {
	scope, from, to, err := s.scopeOf(r, p)
	f := analysisFilter{Action: r.URL.Path, reportScope: scope}
	subtree := "1"
	if !f.Subtree {
		subtree = "0"
	}
	f.Query = url.Values{"unit": {f.Unit}, "from": {f.From}, "to": {f.To}, "subtree": {subtree}}.Encode()
	for _, t := range analysisTabs {
		f.Tabs = append(f.Tabs, NavItem{Href: t.path + "?" + f.Query, Label: page.P.T(t.key), Active: t.path == r.URL.Path})
	}
	return f, analysis.Query{Unit: f.Unit, From: from, To: to, Subtree: f.Subtree}, err
}

// analysisStart checks the principal and the service of an analysis page; it writes the error page
// and returns false when the page cannot be shown at all.
func (s *Server) analysisStart(w http.ResponseWriter, r *http.Request, p account.Principal) (*analysis.Service, bool) {
	if !p.Can(account.ViewReports) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return nil, false
	}
	svc := s.analysisService()
	if svc == nil {
		s.renderError(w, r, fault.New(fault.Internal, "error.internal"))
		return nil, false
	}
	return svc, true
}

// analysisFail shows an invalid choice on the form with status 400 and reports true; any other error
// is written as an error page (also true); nil reports false.
func (s *Server) analysisFail(w http.ResponseWriter, r *http.Request, page *Page, err error) (status int, done bool) {
	if err == nil {
		return http.StatusOK, false
	}
	if fault.As(err).Kind != fault.Invalid {
		s.renderError(w, r, err)
		return 0, true
	}
	page.Form = page.Form.withError(page.P, err)
	return http.StatusBadRequest, false
}

// dossiersLink is the queue of the dossiers behind a figure: those of the unit (and subtree) finished
// in the period, narrowed by the extra parameters (procedure, timeliness).
func dossiersLink(f analysisFilter, extra url.Values) string {
	v := url.Values{"unit": {f.Unit}, "finished_from": {f.From}, "finished_to": {f.To}}
	if f.Subtree {
		v.Set("subtree", "1")
	}
	for k, vs := range extra {
		v[k] = vs
	}
	return "/dossiers?" + v.Encode()
}

// number writes a figure the language's way: whole numbers without decimals, others with one.
func number(p i18n.Printer, x float64) string {
	if x == math.Trunc(x) {
		return p.Int(int64(x))
	}
	return p.Decimal(x, 1)
}
