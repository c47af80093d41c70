package web

import (
	"net/http"
	"net/url"

	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/portal"
	"motcua/internal/throttle"
)

// portalReviewData is the review of a complete draft before it is filed.
type portalReviewData struct {
	Token      string
	Proc       string
	ProcCode   string
	Unit       string
	Kind       string
	Draft      portal.Draft
	Method     string
	Components []portalReviewRow
}

// portalReviewRow is a component of the review: its name and the file uploaded for it, if any.
type portalReviewRow struct {
	Name      string
	Mandatory bool
	File      *attachment.File
}

// portalReview shows everything the draft will file, with the button that files it; a draft with
// something missing goes back to its form, which lists what.
func (s *Server) portalReview(w http.ResponseWriter, r *http.Request) {
	d, ok := s.portalDraft(w, r)
	if !ok {
		return
	}
	if d.Submitted() {
		http.Redirect(w, r, draftPath(d.Token)+"/done", http.StatusSeeOther)
		return
	}
	s.renderPortalReview(w, r, s.newPage(r, "portal.review.title"), http.StatusOK)
}

// renderPortalReview shows the review of the draft in the path, or its form with what is missing.
func (s *Server) renderPortalReview(w http.ResponseWriter, r *http.Request, page Page, status int) {
	d, offer, err := s.cfg.Portal.Review(r.Context(), r.PathValue("token"), s.now())
	if fault.Is(err, fault.Invalid) {
		s.renderPortalForm(w, r, s.newPage(r, "portal.form.title"), d, err, http.StatusOK)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data := portalReviewData{Token: d.Token, Proc: offer.Procedure.Name, ProcCode: offer.Procedure.Code, Draft: d, Unit: d.UnitCode}
	for _, u := range offer.Units {
		if u.Code == d.UnitCode {
			data.Unit = u.Name
		}
	}
	if k, err := dossier.ParseApplicantKind(d.Data.Kind); err == nil {
		data.Kind = inLang(page.P, k.NameVI(), k.NameEN())
	}
	if m, err := dossier.ParseReturnMethod(d.Data.ReturnMethod); err == nil {
		data.Method = page.P.T("dossier.return." + string(m))
	}
	for j, c := range offer.Procedure.Components {
		row := portalReviewRow{Name: c.Name, Mandatory: c.Mandatory && c.Case == ""}
		if u, ok := d.Data.UploadFor(j, c.Name); ok {
			f := u.File
			row.File = &f
		}
		data.Components = append(data.Components, row)
	}
	page.Title = page.P.T("portal.review.title") + ": " + offer.Procedure.Name
	page.Data = data
	s.render(w, r, status, "portal_review", page)
}

// portalSubmit files the draft once: a second press or a replay lands on the same confirmation.
func (s *Server) portalSubmit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Portal == nil {
		s.notFound(w, r)
		return
	}
	token := r.PathValue("token")
	d, _, err := s.cfg.Portal.Submit(r.Context(), token, throttle.ClientAddr(r), s.now())
	switch {
	case err == nil:
		http.Redirect(w, r, draftPath(d.Token)+"/done", http.StatusSeeOther)
	case fault.As(err).Message.Key == "portal.submit.throttled":
		page := s.newPage(r, "portal.review.title")
		page.Form.Message = page.P.T("portal.submit.throttled")
		s.renderPortalReview(w, r, page, http.StatusTooManyRequests)
	case fault.Is(err, fault.Invalid):
		s.renderPortalForm(w, r, s.newPage(r, "portal.form.title"), d, err, http.StatusBadRequest)
	default:
		s.renderError(w, r, err)
	}
}

// portalDoneData is the confirmation of a filed draft.
type portalDoneData struct {
	Code, Secret, LookupURL, SubmittedAt, Procedure string
	// AnswerBy is when the desk must at the latest accept the dossier or ask for corrections.
	AnswerBy string
}

// portalDone confirms the filing: the dossier's code, its lookup secret and the link to follow it.
func (s *Server) portalDone(w http.ResponseWriter, r *http.Request) {
	d, ok := s.portalDraft(w, r)
	if !ok {
		return
	}
	if !d.Submitted() {
		http.Redirect(w, r, draftPath(d.Token), http.StatusSeeOther)
		return
	}
	page := s.newPage(r, "portal.done.title")
	data := portalDoneData{Code: d.DossierCode, Secret: d.LookupSecret, SubmittedAt: page.P.DateTime(d.SubmittedAt),
		LookupURL: "/lookup?" + url.Values{"code": {d.DossierCode}, "secret": {d.LookupSecret}}.Encode(), Procedure: d.ProcedureCode}
	filed, err := s.cfg.Portal.Filed(r.Context(), d)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data.AnswerBy = page.P.DateTime(filed.CorrectionDueAt)
	if p, err := s.cfg.Catalog.Version(r.Context(), filed.ProcedureCode, filed.ProcedureVersion); err == nil {
		data.Procedure = p.Name
	}
	page.Data = data
	s.render(w, r, http.StatusOK, "portal_done", page)
}
