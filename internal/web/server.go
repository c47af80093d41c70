package web

import (
	"context"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/attachment"
	"motcua/internal/audit"
	"motcua/internal/catalog"
	"motcua/internal/feedback"
	"motcua/internal/portal"
	"motcua/internal/processing"
	"motcua/internal/report"
	"motcua/internal/statistics"
	"motcua/internal/throttle"
	"motcua/internal/workcal"
)

// Pinger reports whether storage answers, for /healthz.
type Pinger interface {
	Ping(ctx context.Context) error
}

// AuditLister lists recent audit entries, newest first, for the audit page.
type AuditLister interface {
	AuditEntries(ctx context.Context, objectPrefix string, unitCodes []string, limit int) ([]audit.Entry, error)
}

// Config wires the web server to the services it shows.
type Config struct {
	Accounts *account.Service
	Calendar *workcal.Service
	Catalog  *catalog.Service
	Dossiers *processing.Service
	Health   Pinger
	Audit    AuditLister
	Log      *slog.Logger
	// Now is the clock; nil means time.Now. It is read only here, at the edge.
	Now func() time.Time
	// Registry receives the HTTP metrics; nil means a new registry.
	Registry *prometheus.Registry
	// TemplateDir, when set, reads templates from disk on every request (the -dev flag).
	TemplateDir string
	// Version is shown in the footer.
	Version string
	// FormsDir, when set, is the directory of the procedures' form templates (mẫu đơn, tờ khai),
	// served at /forms/NAME; components naming a file there get a download link.
	FormsDir string
	// Reports computes the reports of the control team (II.06a).
	Reports *report.Service
	// Analysis computes the Decision 766 indicators, processing times, rankings and bottlenecks;
	// nil builds one over Reports' store and Calendar.
	Analysis *analysis.Service
	// Uploads limits the scanned papers officers attach; its zero value takes attachment's defaults.
	Uploads attachment.Limits
	// Feedback receives, handles and publishes feedback and complaints (phản ánh, kiến nghị).
	Feedback *feedback.Service
	// Statistics computes the public statistics of settlement per unit.
	Statistics *statistics.Service
	// Portal keeps the citizens' online drafts and files them (the public portal); nil hides online filing.
	Portal *portal.Service
}

// Server is the HTTP handler for pages, health and metrics.
type Server struct {
	cfg       Config
	pages     map[string]*template.Template
	metrics   *metrics
	throttle  *throttle.Window
	handler   http.Handler
	templates fs.FS
}

// New parses the templates and builds the routes. It returns an error if a template does not parse.
func New(cfg Config) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	s := &Server{cfg: cfg, metrics: newMetrics(cfg.Registry), throttle: throttle.New(10, 15*time.Minute)}
	s.templates = templateFS(cfg.TemplateDir)
	pages, err := parsePages(s.templates)
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

func (s *Server) now() time.Time { return s.cfg.Now() }
