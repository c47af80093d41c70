package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/i18n"
)

const (
	sessionCookie = account.SessionCookie
	langCookie    = "motcua_lang"
)

type ctxKey int

const (
	keyRequest ctxKey = iota
)

// reqState is what the middleware learns about a request and the handlers read.
type reqState struct {
	id      string
	lang    i18n.Lang
	user    *account.User
	session account.Session
	token   string
}

func state(r *http.Request) *reqState {
	if st, ok := r.Context().Value(keyRequest).(*reqState); ok {
		return st
	}
	return &reqState{lang: i18n.VI}
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// withRequestLog gives each request an id and logs it once when done.
func (s *Server) withRequestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		st := &reqState{id: hex.EncodeToString(b), lang: i18n.VI}
		if c, err := r.Cookie(langCookie); err == nil {
			st.lang = i18n.ParseLang(c.Value)
		}
		sw := &statusWriter{ResponseWriter: w}
		sw.Header().Set("X-Request-Id", st.id)
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), keyRequest, st)))
		attrs := []any{"request_id", st.id, "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"duration_ms", time.Since(start).Milliseconds()}
		if st.user != nil {
			attrs = append(attrs, "user", st.user.Username, "unit", st.user.UnitCode)
		}
		level := slog.LevelInfo
		if r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
			level = slog.LevelDebug
		}
		s.cfg.Log.Log(r.Context(), level, "request", attrs...)
	})
}

// withRecover turns a panic into a logged 500 page.
func (s *Server) withRecover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Error("panic", "request_id", state(r).id, "panic", v, "stack", string(debug.Stack()))
				s.renderError(w, r, fault.New(fault.Internal, "error.internal"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "motcua_http_requests_total", Help: "HTTP requests served, by route and status.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "motcua_http_request_duration_seconds", Help: "HTTP request duration, by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// withMetrics counts requests and their duration by route pattern (not raw path, to bound labels).
func (s *Server) withMetrics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "other"
		}
		s.metrics.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
		s.metrics.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// withSession loads the signed-in user from the session cookie, and on unsafe methods of a
// signed-in user checks the CSRF token (form field "csrf" or header X-CSRF-Token).
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			sess, u, err := s.cfg.Accounts.Authenticate(r.Context(), c.Value, s.now())
			if err == nil {
				st.user, st.session, st.token = &u, sess, c.Value
			} else if !fault.Is(err, fault.Unauthorized) {
				s.renderError(w, r, err)
				return
			}
		}
		if !safeMethod(r.Method) {
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		}
		if st.user != nil && !safeMethod(r.Method) {
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				var tooLarge *http.MaxBytesError
				if err := r.ParseMultipartForm(maxMemoryBytes); errors.As(err, &tooLarge) {
					s.renderError(w, r, fault.New(fault.Invalid, "attachment.request_too_large", maxBodyBytes>>20))
					return
				}
			}
			token := r.Header.Get("X-CSRF-Token")
			if token == "" {
				token = r.PostFormValue("csrf")
			}
			if subtle.ConstantTimeCompare([]byte(token), []byte(st.session.CSRF)) != 1 {
				s.renderError(w, r, fault.New(fault.Forbidden, "error.csrf"))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// maxBodyBytes bounds a request body: the largest is a reception with its scanned papers.
const maxBodyBytes = 100 << 20

// maxMemoryBytes is how much of a multipart form is kept in memory; larger files go to temporary files.
const maxMemoryBytes = 8 << 20

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// staff wraps a handler that needs a signed-in user: anonymous visitors go to the login page.
func (s *Server) staff(h func(http.ResponseWriter, *http.Request, account.Principal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st := state(r)
		if st.user == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.renderError(w, r, fault.New(fault.Unauthorized, "error.unauthorized"))
			return
		}
		h(w, r, st.user.Principal())
	}
}

// secure reports whether the request came over TLS, directly or through a proxy that says so.
func secure(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}
