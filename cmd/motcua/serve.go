package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	neturl "net/url"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/api"
	"motcua/internal/attachment"
	"motcua/internal/catalog"
	"motcua/internal/demo"
	"motcua/internal/feedback"
	"motcua/internal/portal"
	"motcua/internal/processing"
	"motcua/internal/report"
	"motcua/internal/statistics"
	"motcua/internal/throttle"
	"motcua/internal/web"
	"motcua/internal/workcal"
)

func (a *app) serve(ctx context.Context, args []string) error {
	var c commonFlags
	fs := a.flags("serve", &c)
	addrDef := a.getenv("MOTCUA_ADDR")
	if addrDef == "" {
		addrDef = "127.0.0.1:8080"
	}
	addr := fs.String("addr", addrDef, "address to listen on, HOST:PORT (env MOTCUA_ADDR)")
	withDemo := fs.Bool("demo", false, "load demo units, users and data into an empty database and print the logins")
	formsDir := fs.String("forms-dir", a.getenv("MOTCUA_FORMS_DIR"), "folder of the procedures' form templates offered for download (env MOTCUA_FORMS_DIR)")
	devTemplates := fs.String("dev-templates", "", "read page templates from this folder on every request (development)")
	filesDir := fs.String("files-dir", a.getenv("MOTCUA_FILES_DIR"), "folder of scanned papers and result files (env MOTCUA_FILES_DIR; default: beside the SQLite file, or ./motcua-files)")
	publicURL := fs.String("public-url", a.getenv("MOTCUA_PUBLIC_URL"), "address citizens reach this site at, printed in the QR codes of forms (env MOTCUA_PUBLIC_URL; default: the listening address)")
	maxUpload := fs.Int("max-upload-mb", envInt(a.getenv("MOTCUA_MAX_UPLOAD_MB"), 20), "largest file an officer or applicant may upload, in MB (env MOTCUA_MAX_UPLOAD_MB)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *maxUpload < 1 {
		return fmt.Errorf("--max-upload-mb: %d is not a size in MB", *maxUpload)
	}
	start := time.Now()
	if a.getenv("GOGC") == "" {
		debug.SetGCPercent(api.ServerGCPercent)
	}
	log := a.logger()
	db, accounts, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()

	cal := &workcal.Service{Store: db, Now: a.now}
	cat := &catalog.Service{Store: db}
	blobs, err := attachment.NewLocal(filesFolder(*filesDir, c.db))
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	uploads := attachment.DefaultLimits()
	uploads.MaxBytes = int64(*maxUpload) << 20
	dossiers := &processing.Service{Store: db, Catalog: cat, Calendar: cal, Rand: rand.Reader, Files: blobs}
	var logins []demo.Login
	if *withDemo {
		loaded, l, err := demo.Load(ctx, demo.Services{Accounts: accounts, Calendar: cal, Catalog: cat, Dossiers: dossiers, Store: db}, a.now())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		logins = l
		if !loaded {
			log.Info("database not empty: demo data not loaded again")
		}
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv, err := web.New(web.Config{Accounts: accounts, Calendar: cal, Catalog: cat, Dossiers: dossiers, Health: db, Audit: db, Log: log, Now: a.now,
		Registry: reg, TemplateDir: *devTemplates, FormsDir: *formsDir, Uploads: uploads, Reports: &report.Service{Store: db}, Analysis: &analysis.Service{Store: db, Calendars: cal, Inputs: db}, Version: buildVersion(),
		Feedback: &feedback.Service{Store: db, Calendars: cal, Rand: rand.Reader}, Statistics: &statistics.Service{Store: db},
		Portal: &portal.Service{Store: db, Dossiers: dossiers, Submissions: throttle.New(portalSubmissionsPerHour, time.Hour)}})
	if err != nil {
		return err
	}
	apiSrv := api.New(api.Config{Accounts: accounts, Calendar: cal, Catalog: cat, Dossiers: dossiers, Tokens: &account.Tokens{Store: db, Accounts: db}, Log: log, Now: a.now})
	root := http.NewServeMux()
	root.Handle("/api/", apiSrv)
	root.Handle("/", srv)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	httpSrv := &http.Server{Handler: root, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	url := "http://" + ln.Addr().String()
	dossiers.PublicURL = *publicURL
	if dossiers.PublicURL == "" {
		dossiers.PublicURL = url
	}
	fmt.Fprintf(a.stdout, "motcua %s: %s (database %s, ready in %s)\n", buildVersion(), url, redact(c.db), time.Since(start).Round(time.Millisecond))
	if len(logins) > 0 {
		fmt.Fprintln(a.stdout, "Tài khoản thử nghiệm / demo logins (mật khẩu / password: "+demo.Password+"):")
		for _, l := range logins {
			fmt.Fprintf(a.stdout, "  %-12s %-28s %s\n", l.Username, l.Role, l.Unit)
		}
	}
	if a.ready != nil {
		a.ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
		log.Info("shutting down")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return httpSrv.Shutdown(shutdownCtx)
	}
}

// filesFolder returns the folder of stored files: the one configured, else beside the SQLite file
// (motcua.db keeps its files in motcua-files), else ./motcua-files.
func filesFolder(configured, dsn string) string {
	if configured != "" {
		return configured
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") || dsn == "" || dsn == ":memory:" {
		return "motcua-files"
	}
	return strings.TrimSuffix(dsn, filepath.Ext(dsn)) + "-files"
}

// envInt reads a whole number from an environment value, or returns def.
func envInt(v string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
		return n
	}
	return def
}

// redact hides the password of a database URL before it is printed.
func redact(dsn string) string {
	if u, err := neturl.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}

// portalSubmissionsPerHour is how many dossiers one address may file online in an hour: enough for a
// family or a small office behind one address, too few for a flood.
const portalSubmissionsPerHour = 20
