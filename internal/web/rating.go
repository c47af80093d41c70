package web

import (
	"net/http"
	"net/url"
	"strings"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/rating"
)

// ratingData is the rating form (rating.html), reached by the receipt's QR code, the lookup page or
// the desk's kiosk.
type ratingData struct {
	Action    string // where the form posts
	Code      string
	Secret    string // empty at the kiosk
	Via       string // "portal" from the lookup page, "qr" otherwise; unused at the kiosk
	Dossier   string // "Hồ sơ CODE — procedure"
	Kiosk     bool
	Questions []ratingQuestion
	Comment   string
	Done      bool   // recorded: show the thanks
	Again     string // the kiosk's start page, after the thanks
}

// ratingQuestion is one criterion (or the overall score) with its radio buttons.
type ratingQuestion struct {
	Name, Letter, Label, Error string
	Required                   bool
	Options                    []ratingOption
}

// ratingOption is one radio button of a question.
type ratingOption struct {
	ID, Value, Label string
	Checked          bool
}

// ratingQuestions builds the questions with the values of the form kept.
func ratingQuestions(pr i18n.Printer, form Form) []ratingQuestion {
	question := func(name, letter, label string, required bool) ratingQuestion {
		q := ratingQuestion{Name: name, Letter: letter, Label: label, Required: required, Error: form.Error(name)}
		values := []string{"1", "2", "3"}
		if !required {
			values = append(values, "")
		}
		for _, v := range values {
			label := pr.T("follow.score.skip")
			id := name + "-skip"
			if v != "" {
				label, id = pr.T("follow.score."+v), name+"-"+v
			}
			q.Options = append(q.Options, ratingOption{ID: id, Value: v, Label: label, Checked: form.Value(name) == v})
		}
		return q
	}
	out := []ratingQuestion{question("overall", "", pr.T("follow.overall"), true)}
	for _, c := range rating.Criteria() {
		out = append(out, question(c.Column(), c.Letter(), pr.T(c.Key()), false))
	}
	return out
}

// ratingFrom reads a rating from the posted form.
func ratingFrom(r *http.Request) rating.Rating {
	out := rating.Rating{Overall: rating.ParseScore(r.PostFormValue("overall")), Scores: map[rating.Criterion]int{},
		Comment: r.PostFormValue("comment")}
	for _, c := range rating.Criteria() {
		out.Scores[c] = rating.ParseScore(r.PostFormValue(c.Column()))
	}
	return out
}

// ratePage shows the rating form of a dossier found by code and secret (GET /rate, the QR code of
// the receipt or the link of the lookup page) and records it (POST). Throttled like the lookup.
func (s *Server) ratePage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "follow.rate.title")
	code, secret := strings.TrimSpace(r.FormValue("code")), strings.TrimSpace(r.FormValue("secret"))
	via := "qr"
	if r.FormValue("via") == "portal" {
		via = "portal"
	}
	addr := lookupThrottleKey(r)
	if s.throttle.Blocked(addr, s.now()) {
		page.Form.Message = page.P.T("dossier.lookup.throttled")
		s.render(w, r, http.StatusTooManyRequests, "rating", page)
		return
	}
	d, _, err := s.cfg.Dossiers.Lookup(r.Context(), code, secret)
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err != nil {
		s.ratingError(w, r, page, err)
		return
	}
	data := ratingData{Action: "/rate", Code: d.Code, Secret: secret, Via: via, Dossier: page.P.T("follow.rate.dossier", d.Code, d.ProcedureName)}
	if r.Method == http.MethodPost {
		page.Form = formFrom(r)
		in := ratingFrom(r)
		in.Channel = rating.Channel(via)
		if _, err := s.cfg.Dossiers.Rate(r.Context(), code, secret, in, s.now()); err != nil {
			s.ratingFormError(w, r, page, data, err)
			return
		}
		data.Done = true
		page.Notice = page.P.T("follow.rate.thanks")
		page.Data = data
		s.render(w, r, http.StatusOK, "rating", page)
		return
	}
	if err := s.mayRate(r, d); err != nil {
		s.ratingError(w, r, page, err)
		return
	}
	data.Questions = ratingQuestions(page.P, page.Form)
	page.Data = data
	s.render(w, r, http.StatusOK, "rating", page)
}

// mayRate refuses, before showing the form, a dossier without result or already rated.
func (s *Server) mayRate(r *http.Request, d dossier.Dossier) error {
	if err := rating.MayRate(d); err != nil {
		return err
	}
	rated, err := s.cfg.Dossiers.Rated(r.Context(), d.Code)
	if err == nil && rated {
		return fault.New(fault.Conflict, "follow.rating.already", d.Code)
	}
	return err
}

// ratingError shows the rating page with a message and no form.
func (s *Server) ratingError(w http.ResponseWriter, r *http.Request, page Page, err error) {
	fe := fault.As(err)
	if fe.Kind == fault.Internal {
		s.renderError(w, r, err)
		return
	}
	page.Form = page.Form.withError(page.P, err)
	page.Data = ratingData{}
	s.render(w, r, fe.Kind.HTTPStatus(), "rating", page)
}

// ratingFormError shows the form again with the errors and the choices kept (bad input), or only the
// message (a dossier that may not be rated, or already was).
func (s *Server) ratingFormError(w http.ResponseWriter, r *http.Request, page Page, data ratingData, err error) {
	fe := fault.As(err)
	if fe.Kind != fault.Invalid {
		s.ratingError(w, r, page, err)
		return
	}
	page.Form = page.Form.withError(page.P, err)
	data.Questions = ratingQuestions(page.P, page.Form)
	data.Comment = page.Form.Value("comment")
	page.Data = data
	s.render(w, r, http.StatusBadRequest, "rating", page)
}

// kioskPath is the start page of a unit's kiosk.
func kioskPath(unit string) string { return "/kiosk/" + url.PathEscape(unit) }
