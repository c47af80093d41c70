package web

import (
	"net/http"
	"strings"

	"motcua/internal/fault"
	"motcua/internal/rating"
)

// kioskData is the kiosk's start page (kiosk.html): the desk's unit and the code input.
type kioskData struct {
	Unit, UnitName, Action string
}

// kioskPage is the touch screen at a desk (GET /kiosk/{unit}): the citizen types the dossier code
// printed on the receipt, without login, and rates. The kiosk accepts only dossiers this desk handed
// back in the last rating.KioskWindow, without the lookup secret (see package rating for why).
// ?code= opens the form directly (the link of the officer's page after the return).
func (s *Server) kioskPage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "follow.kiosk.title")
	unit, ok := s.kioskUnit(w, r, page)
	if !ok {
		return
	}
	if code := strings.TrimSpace(r.FormValue("code")); code != "" {
		s.kioskForm(w, r, page, unit, code)
		return
	}
	page.Data = unit
	s.render(w, r, http.StatusOK, "kiosk", page)
}

// kioskUnit resolves the kiosk's unit; an unknown one is a 404 page.
func (s *Server) kioskUnit(w http.ResponseWriter, r *http.Request, page Page) (kioskData, bool) {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("unit")))
	u, err := s.cfg.Dossiers.DeskUnit(r.Context(), code)
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			err = fault.New(fault.NotFound, "follow.kiosk.unit_unknown", code)
		}
		s.renderError(w, r, err)
		return kioskData{}, false
	}
	return kioskData{Unit: u.Code, UnitName: page.P.T("follow.holder.desk", u.Name), Action: kioskPath(u.Code)}, true
}

// kioskForm shows the rating form of a dossier the kiosk accepts, or the start page with why not.
// Codes follow a pattern, so failures are throttled like the lookup's against probing from afar.
func (s *Server) kioskForm(w http.ResponseWriter, r *http.Request, page Page, unit kioskData, code string) {
	page.Form.Values["code"] = code
	addr := lookupThrottleKey(r)
	if s.throttle.Blocked(addr, s.now()) {
		s.kioskError(w, r, page, unit, fault.New(fault.Conflict, "dossier.lookup.throttled"))
		return
	}
	d, err := s.cfg.Dossiers.KioskDossier(r.Context(), unit.Unit, code, s.now())
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err == nil {
		err = s.mayRate(r, d)
	}
	if err != nil {
		s.kioskError(w, r, page, unit, err)
		return
	}
	page.Data = ratingData{Action: unit.Action + "/rate", Code: d.Code, Kiosk: true, Again: unit.Action,
		Dossier: page.P.T("follow.rate.dossier", d.Code, d.ProcedureName), Questions: ratingQuestions(page.P, page.Form)}
	s.render(w, r, http.StatusOK, "rating", page)
}

// kioskError shows the start page with the message, the code kept.
func (s *Server) kioskError(w http.ResponseWriter, r *http.Request, page Page, unit kioskData, err error) {
	fe := fault.As(err)
	if fe.Kind == fault.Internal {
		s.renderError(w, r, err)
		return
	}
	code := page.Form.Value("code")
	page.Form = page.Form.withError(page.P, err)
	page.Form.Values = map[string]string{"code": code}
	page.Data = unit
	s.render(w, r, fe.Kind.HTTPStatus(), "kiosk", page)
}

// kioskCode takes the code typed at the kiosk (POST /kiosk/{unit}) and shows the rating form.
func (s *Server) kioskCode(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "follow.kiosk.title")
	unit, ok := s.kioskUnit(w, r, page)
	if !ok {
		return
	}
	s.kioskForm(w, r, page, unit, strings.TrimSpace(r.PostFormValue("code")))
}

// kioskRate records the rating given at the kiosk (POST /kiosk/{unit}/rate) and thanks the citizen.
func (s *Server) kioskRate(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "follow.kiosk.title")
	unit, ok := s.kioskUnit(w, r, page)
	if !ok {
		return
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	page.Form = formFrom(r)
	addr := lookupThrottleKey(r)
	if s.throttle.Blocked(addr, s.now()) {
		s.kioskError(w, r, page, unit, fault.New(fault.Conflict, "dossier.lookup.throttled"))
		return
	}
	d, err := s.cfg.Dossiers.KioskDossier(r.Context(), unit.Unit, code, s.now())
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err != nil {
		s.kioskError(w, r, page, unit, err)
		return
	}
	data := ratingData{Action: unit.Action + "/rate", Code: d.Code, Kiosk: true, Again: unit.Action,
		Dossier: page.P.T("follow.rate.dossier", d.Code, d.ProcedureName)}
	in := ratingFrom(r)
	in.Channel = rating.Kiosk
	if _, err := s.cfg.Dossiers.RateAtKiosk(r.Context(), unit.Unit, code, in, s.now()); err != nil {
		s.ratingFormError(w, r, page, data, err)
		return
	}
	data.Done = true
	page.Notice = page.P.T("follow.rate.thanks")
	page.Data = data
	s.render(w, r, http.StatusOK, "rating", page)
}
