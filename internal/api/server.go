package api

import (
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/processing"
	"motcua/internal/throttle"
	"motcua/internal/workcal"
)

// ServerGCPercent is the garbage collector's target that motcua serve sets unless GOGC is given: the
// server's live heap is small (tens of megabytes), so collecting four times less often trades a
// little memory for the CPU that public lookups and receptions need under load.
const ServerGCPercent = 400

// Config wires the API to the services it exposes.
type Config struct {
	Accounts *account.Service
	Tokens   *account.Tokens
	Calendar *workcal.Service
	Catalog  *catalog.Service
	Dossiers *processing.Service
	Log      *slog.Logger
	// Now is the clock, read only here at the edge; nil means time.Now.
	Now func() time.Time
}

// Server is the /api/v1 handler.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	lookups *throttle.Window
	handler http.Handler
	// Routes lists the registered "METHOD /path" patterns, for checking them against the OpenAPI document.
	Routes []string
}

// New builds the API routes.
func New(cfg Config) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	// 30 failed public lookups from one address in 10 minutes: enough for typos, not for guessing.
	s := &Server{cfg: cfg, mux: http.NewServeMux(), lookups: throttle.New(30, 10*time.Minute)}
	s.routes()
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, fault.New(fault.NotFound, "error.not_found"))
	})
	s.handler = s.withRecover(s.mux)
	return s
}

// ServeHTTP serves an API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// handle registers a route and remembers its pattern.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.Routes = append(s.Routes, pattern)
	s.mux.HandleFunc(pattern, h)
}

// authed wraps a handler that needs a principal: a bearer token, or a session cookie with the CSRF
// header on unsafe methods.
func (s *Server) authed(h func(http.ResponseWriter, *http.Request, account.Principal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := s.principal(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h(w, r, p)
	}
}

func (s *Server) principal(r *http.Request) (account.Principal, error) {
	now := s.cfg.Now()
	if auth := r.Header.Get("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return account.Principal{}, fault.New(fault.Unauthorized, "error.unauthorized")
		}
		u, err := s.cfg.Tokens.Authenticate(r.Context(), strings.TrimSpace(token), now)
		if err != nil {
			return account.Principal{}, err
		}
		return u.Principal(), nil
	}
	c, err := r.Cookie(account.SessionCookie)
	if err != nil {
		return account.Principal{}, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	sess, u, err := s.cfg.Accounts.Authenticate(r.Context(), c.Value, now)
	if err != nil {
		return account.Principal{}, err
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead &&
		subtle.ConstantTimeCompare([]byte(r.Header.Get("X-CSRF-Token")), []byte(sess.CSRF)) != 1 {
		return account.Principal{}, fault.New(fault.Forbidden, "error.csrf")
	}
	return u.Principal(), nil
}

// printer picks the language from ?lang= or Accept-Language; Vietnamese by default.
func printer(r *http.Request) i18n.Printer {
	if l := r.URL.Query().Get("lang"); l != "" {
		return i18n.For(i18n.ParseLang(l))
	}
	return i18n.For(i18n.ParseLang(r.Header.Get("Accept-Language")))
}

// ErrorBody is the one shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail names the error kind, a translated message and, for invalid input, each bad field.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// fail writes an error in the documented shape with the status of its kind.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	fe := fault.As(err)
	if fe.Kind == fault.Internal {
		s.cfg.Log.Error("api internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	p := printer(r)
	body := ErrorBody{Error: ErrorDetail{Code: string(fe.Kind), Message: p.T(fe.Message.Key, fe.Message.Args...)}}
	if len(fe.Fields) > 0 {
		body.Error.Fields = map[string]string{}
		for f, m := range fe.Fields {
			body.Error.Fields[f] = p.T(m.Key, m.Args...)
		}
	}
	writeJSON(w, fe.Kind.HTTPStatus(), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// writeJSONCached writes a 200 JSON answer keeping the caller's Cache-Control.
func writeJSONCached(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// invalidField is an Invalid error on one field.
func invalidField(field, key string, args ...any) error {
	var f fault.Fields
	f.Add(field, key, args...)
	return f.Err()
}

// maxBody bounds request bodies.
const maxBody = 1 << 20

// decode reads a JSON body into v; malformed JSON, unknown fields and a wrong content type are
// Invalid errors naming the problem.
func decode(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			return fault.New(fault.Invalid, "api.content_type")
		}
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var f fault.Fields
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field != "":
			f.Add(typeErr.Field, "api.field.type", typeErr.Type.String())
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f.Add(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "api.field.unknown")
		default:
			return fault.New(fault.Invalid, "api.body.malformed")
		}
		return f.Err()
	}
	return nil
}

func (s *Server) withRecover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Error("api panic", "panic", v)
				s.fail(w, r, fault.New(fault.Internal, "error.internal"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

//go:embed openapi.json
var openAPIDocument []byte

// OpenAPI returns the embedded OpenAPI 3 document.
func OpenAPI() []byte { return openAPIDocument }

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openAPIDocument)
}
