package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"motcua/internal/fault"
	"motcua/internal/portal"
)

// draftCookie remembers the citizen's last draft, so that coming back to a procedure's "file online"
// link resumes it.
const draftCookie = "motcua_draft"

// draftPath is the address of a draft's form.
func draftPath(token string) string { return "/portal/drafts/" + url.PathEscape(token) }

// portalStart resumes the draft in the cookie when it is for this procedure and not filed yet, or
// starts a new one, and sends the citizen to its form.
func (s *Server) portalStart(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Portal == nil {
		s.notFound(w, r)
		return
	}
	code := r.PathValue("code")
	if c, err := r.Cookie(draftCookie); err == nil {
		if d, err := s.cfg.Portal.Get(r.Context(), c.Value, s.now()); err == nil && d.ProcedureCode == code && !d.Submitted() {
			http.Redirect(w, r, draftPath(d.Token), http.StatusSeeOther)
			return
		}
	}
	d, err := s.cfg.Portal.Start(r.Context(), code, s.now())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.rememberDraft(w, r, d.Token)
	http.Redirect(w, r, draftPath(d.Token), http.StatusSeeOther)
}

// rememberDraft puts the draft's token in the cookie for as long as the draft lives.
func (s *Server) rememberDraft(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: draftCookie, Value: token, Path: "/", HttpOnly: true, Secure: secure(r),
		SameSite: http.SameSiteLaxMode, Expires: s.now().Add(portal.DefaultTTL)})
}

// portalForm shows a draft's form as saved.
func (s *Server) portalForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.portalDraft(w, r)
	if !ok {
		return
	}
	if d.Submitted() {
		http.Redirect(w, r, draftPath(d.Token)+"/done", http.StatusSeeOther)
		return
	}
	s.rememberDraft(w, r, d.Token)
	page := s.newPage(r, "portal.form.title")
	if r.URL.Query().Get("saved") == "1" {
		page.Notice = page.P.T("portal.notice.saved")
	}
	s.renderPortalForm(w, r, page, d, nil, http.StatusOK)
}

// portalDraft reads the draft named in the path, or shows why it cannot.
func (s *Server) portalDraft(w http.ResponseWriter, r *http.Request) (portal.Draft, bool) {
	if s.cfg.Portal == nil {
		s.notFound(w, r)
		return portal.Draft{}, false
	}
	d, err := s.cfg.Portal.Get(r.Context(), r.PathValue("token"), s.now())
	if err != nil {
		s.renderError(w, r, err)
		return d, false
	}
	return d, true
}

// portalSave saves what was entered and uploaded, whatever its problems, then shows them, or goes on
// to the review when asked and nothing is missing.
func (s *Server) portalSave(w http.ResponseWriter, r *http.Request) {
	d, ok := s.portalDraft(w, r)
	if !ok {
		return
	}
	if d.Submitted() {
		http.Redirect(w, r, draftPath(d.Token)+"/done", http.StatusSeeOther)
		return
	}
	page := s.newPage(r, "portal.form.title")
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		var tooLarge *http.MaxBytesError
		if err := r.ParseMultipartForm(maxMemoryBytes); errors.As(err, &tooLarge) {
			s.renderPortalForm(w, r, page, d, fault.New(fault.Invalid, "attachment.request_too_large", maxBodyBytes>>20), http.StatusRequestEntityTooLarge)
			return
		} else if err != nil {
			s.renderError(w, r, fault.New(fault.Invalid, "error.invalid"))
			return
		}
		defer r.MultipartForm.RemoveAll()
	}
	offer, err := s.cfg.Portal.OfferOf(r.Context(), d.ProcedureCode, s.now())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var problems fault.Fields
	var uploads []portal.NewUpload
	for j, c := range offer.Procedure.Components {
		field := portal.ComponentField(j)
		scans := s.stageScans(r, &problems, field, field, c.Name, "applicant")
		for _, sc := range scans {
			defer sc.Staged.Discard()
		}
		if n := len(scans); n > 0 {
			uploads = append(uploads, portal.NewUpload{Component: j, Staged: scans[n-1].Staged})
		}
	}
	in := portal.Data{Kind: r.PostFormValue(portal.FieldKind), Name: r.PostFormValue(portal.FieldName), IDNumber: r.PostFormValue(portal.FieldIDNumber),
		Phone: r.PostFormValue(portal.FieldPhone), Email: r.PostFormValue(portal.FieldEmail), Address: r.PostFormValue(portal.FieldAddress),
		ReturnMethod: r.PostFormValue(portal.FieldReturnMethod), ReturnAddress: r.PostFormValue(portal.FieldReturnAddress)}
	saved, err := s.cfg.Portal.Save(r.Context(), d.Token, r.PostFormValue(portal.FieldUnit), in, uploads, s.now())
	if fault.Is(err, fault.Conflict) { // filed meanwhile, from another tab
		http.Redirect(w, r, draftPath(d.Token)+"/done", http.StatusSeeOther)
		return
	}
	review := r.PostFormValue("intent") == "review"
	if err == nil && review {
		_, _, err = s.cfg.Portal.Review(r.Context(), d.Token, s.now())
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind != fault.Invalid {
			s.renderError(w, r, err)
			return
		}
		if len(fe.Fields) == 0 {
			s.renderPortalForm(w, r, page, saved, err, http.StatusBadRequest)
			return
		}
		for field, m := range fe.Fields {
			problems.Add(field, m.Key, m.Args...)
		}
	}
	switch {
	case len(problems) > 0:
		s.renderPortalForm(w, r, page, saved, problems.Err(), http.StatusBadRequest)
	case review:
		http.Redirect(w, r, draftPath(d.Token)+"/review", http.StatusSeeOther)
	default:
		http.Redirect(w, r, draftPath(d.Token)+"?saved=1", http.StatusSeeOther)
	}
}

// draftExpires is when an untouched draft expires, for the form's reminder.
func draftExpires(d portal.Draft) time.Time { return d.UpdatedAt.Add(portal.DefaultTTL) }
