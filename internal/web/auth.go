package web

import (
	"net/http"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/throttle"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if state(r).user != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	page := s.newPage(r, "login.title")
	page.Form.Values["next"] = safeNext(r.URL.Query().Get("next"))
	page.Notice = notice(page.P, r)
	s.render(w, r, http.StatusOK, "login", page)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "login.title")
	now := s.now()
	addr := throttle.ClientAddr(r)
	if s.throttle.Blocked(addr, now) {
		s.renderForm(w, r, "login", page, fault.New(fault.Unauthorized, "login.throttled"))
		return
	}
	token, sess, _, err := s.cfg.Accounts.Login(r.Context(), r.PostFormValue("username"), r.PostFormValue("password"), now)
	if err != nil {
		if fault.Is(err, fault.Unauthorized) {
			s.throttle.Fail(addr, now)
			page.Form = formFrom(r).withError(page.P, err)
			s.render(w, r, http.StatusUnauthorized, "login", page)
			return
		}
		s.renderError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: secure(r), SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt.Add(account.SessionLifetime)})
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	st := state(r)
	if st.user != nil {
		if err := s.cfg.Accounts.Logout(r.Context(), st.token); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	redirect(w, r, "/login", "notice.logged_out")
}

// switchLang stores the chosen language in a cookie and goes back to the page given in ?next.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	lang := i18n.ParseLang(r.PathValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(lang), Path: "/", SameSite: http.SameSiteLaxMode,
		Secure: secure(r), Expires: s.now().Add(365 * 24 * time.Hour)})
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.cfg.Health.Ping(r.Context()); err != nil {
		s.cfg.Log.Error("health", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"unavailable"}`))
		return
	}
	_, _ = w.Write([]byte(`{"status":"ok"}`))
}

// homeData is the staff home page.
type homeData struct {
	Roles []string
	Links []NavItem
}

func (s *Server) home(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "home.title")
	page.Notice = notice(page.P, r)
	var d homeData
	for _, role := range p.Roles {
		d.Roles = append(d.Roles, page.P.T("role."+string(role)))
	}
	d.Links = page.Nav[1:]
	page.Data = d
	s.render(w, r, http.StatusOK, "home", page)
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "password.title")
	s.render(w, r, http.StatusOK, "password", page)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "password.title")
	if r.PostFormValue("password") != r.PostFormValue("password_confirm") {
		var f fault.Fields
		f.Add("password_confirm", "user.password.mismatch")
		s.renderForm(w, r, "password", page, f.Err())
		return
	}
	err := s.cfg.Accounts.ChangePassword(r.Context(), p, r.PostFormValue("current"), r.PostFormValue("password"), state(r).session.TokenHash)
	if err != nil {
		s.renderForm(w, r, "password", page, err)
		return
	}
	redirect(w, r, "/", "notice.password_changed")
}
