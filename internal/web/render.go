package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/i18n"
)

//go:embed templates
var embeddedTemplates embed.FS

//go:embed static
var embeddedStatic embed.FS

func templateFS(dir string) fs.FS {
	if dir != "" {
		return os.DirFS(dir)
	}
	sub, _ := fs.Sub(embeddedTemplates, "templates")
	return sub
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(embeddedStatic, "static")
	fileServer := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	})
}

// funcs are the few helpers templates need beyond the Page methods.
var funcs = template.FuncMap{
	// nodeView pairs a tree node with the printer, for the recursive unit tree.
	"nodeView": func(p i18n.Printer, n *account.TreeNode) nodeView { return nodeView{P: p, Node: n} },
	// inc turns a zero-based index into a row number.
	"inc": func(i int) int { return i + 1 },
	// hasName reports whether a list of names holds one.
	"hasName": func(list []string, name string) bool { return slices.Contains(list, name) },
	// kib is a size in bytes as whole kibibytes, rounded up.
	"kib": func(n int64) int64 { return (n + 1023) / 1024 },
}

// nodeView is what the recursive "unit-node" template receives.
type nodeView struct {
	P    i18n.Printer
	Node *account.TreeNode
}

// parsePages parses layout.html and partials.html with each page template, giving one template set per page.
func parsePages(fsys fs.FS) (map[string]*template.Template, error) {
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		if name == "layout.html" || name == "partials.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "layout.html", "partials.html", name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		pages[strings.TrimSuffix(name, ".html")] = t
	}
	return pages, nil
}

// Page is the view every template receives: the printer, the signed-in user, the form state and
// the page's own data.
type Page struct {
	P       i18n.Printer
	Title   string
	User    *account.User
	CSRF    string
	Path    string
	Version string
	Nav     []NavItem
	Form    Form
	Notice  string
	Data    any
}

// NavItem is a link in the staff menu.
type NavItem struct {
	Href   string
	Label  string
	Active bool
}

// Form carries submitted values and translated errors back to a page.
type Form struct {
	Values map[string]string
	Errors map[string]string
	// Message is the error shown above the form.
	Message string
}

// Value returns a submitted value.
func (f Form) Value(name string) string { return f.Values[name] }

// Error returns the translated error of a field, or "".
func (f Form) Error(name string) string { return f.Errors[name] }

// formFrom copies the posted values (except secrets) into a Form.
func formFrom(r *http.Request) Form {
	f := Form{Values: map[string]string{}}
	for k, v := range r.PostForm {
		if k == "csrf" || strings.Contains(k, "password") || k == "current" {
			continue
		}
		f.Values[k] = strings.Join(v, "\n")
	}
	return f
}

// withError fills a form's message and per-field errors from an error, translated.
func (f Form) withError(p i18n.Printer, err error) Form {
	fe := fault.As(err)
	f.Message = p.T(fe.Message.Key, fe.Message.Args...)
	f.Errors = map[string]string{}
	for field, m := range fe.Fields {
		f.Errors[field] = p.T(m.Key, m.Args...)
	}
	return f
}

func (s *Server) newPage(r *http.Request, titleKey string) Page {
	st := state(r)
	p := Page{P: i18n.For(st.lang), User: st.user, CSRF: st.session.CSRF, Path: r.URL.Path, Version: s.cfg.Version,
		Form: Form{Values: map[string]string{}}}
	p.Title = p.P.T(titleKey)
	if st.user != nil {
		p.Nav = s.nav(p.P, st.user.Principal(), r.URL.Path)
	}
	return p
}

func (s *Server) nav(pr i18n.Printer, p account.Principal, current string) []NavItem {
	items := []NavItem{{Href: "/", Label: pr.T("nav.home")}}
	if p.Can(account.ViewDossiers) {
		items = append(items, NavItem{Href: "/dossiers", Label: pr.T("nav.dossiers")}, NavItem{Href: "/register", Label: pr.T("nav.register")})
	}
	if p.Can(account.HandleFeedback) {
		items = append(items, NavItem{Href: "/admin/feedback", Label: pr.T("feedback.nav.queue")})
	}
	if p.Can(account.ViewReports) {
		items = append(items, NavItem{Href: "/reports/06a", Label: pr.T("nav.reports")})
		items = append(items, NavItem{Href: "/reports/indicators", Label: pr.T("nav.analysis")})
		items = append(items, NavItem{Href: "/reports/dashboard", Label: pr.T("reports.nav.dashboard")})
		items = append(items, NavItem{Href: "/reports/satisfaction", Label: pr.T("follow.report.link")})
	}
	if p.Can(account.ViewUnits) {
		items = append(items, NavItem{Href: "/admin/units", Label: pr.T("nav.units")})
	}
	if p.Can(account.ViewUsers) {
		items = append(items, NavItem{Href: "/admin/users", Label: pr.T("nav.users")})
	}
	items = append(items, NavItem{Href: "/admin/procedures", Label: pr.T("nav.procedures")})
	items = append(items, NavItem{Href: "/calendar", Label: pr.T("nav.calendar")})
	if p.Can(account.ViewAudit) {
		items = append(items, NavItem{Href: "/admin/audit", Label: pr.T("nav.audit")})
	}
	for i := range items {
		items[i].Active = items[i].Href == current || (items[i].Href != "/" && strings.HasPrefix(current, items[i].Href))
	}
	return items
}

// render writes a page with the given status, buffering so that a template error becomes a 500.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, page Page) {
	pages := s.pages
	if s.cfg.TemplateDir != "" {
		var err error
		if pages, err = parsePages(s.templates); err != nil {
			s.cfg.Log.Error("templates", "err", err)
			http.Error(w, "template error", http.StatusInternalServerError)
			return
		}
	}
	t, ok := pages[name]
	if !ok {
		s.cfg.Log.Error("no such template", "name", name)
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, page); err != nil {
		s.cfg.Log.Error("render", "request_id", state(r).id, "template", name, "err", err)
		http.Error(w, page.P.T("error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", string(page.P.Lang))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// renderError shows an error page with the status of its kind; internal details go to the log once.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	fe := fault.As(err)
	if fe.Kind == fault.Internal {
		s.cfg.Log.Error("internal error", "request_id", state(r).id, "err", err)
	}
	if fe.Kind == fault.Unauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	page := s.newPage(r, "error.title")
	page.Form = page.Form.withError(page.P, fe)
	s.render(w, r, fe.Kind.HTTPStatus(), "error", page)
}

// renderForm re-shows a form page with the submitted values and the error's messages.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, name string, page Page, err error) {
	fe := fault.As(err)
	if fe.Kind == fault.Internal || fe.Kind == fault.Forbidden || fe.Kind == fault.Unauthorized {
		s.renderError(w, r, err)
		return
	}
	page.Form = formFrom(r).withError(page.P, err)
	s.render(w, r, fe.Kind.HTTPStatus(), name, page)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, r, fault.New(fault.NotFound, "error.not_found"))
}

// redirect sends the browser to a page after a successful POST, with a notice key to show there.
func redirect(w http.ResponseWriter, r *http.Request, to, notice string) {
	if notice != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + "notice=" + url.QueryEscape(notice)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// notice returns the translated notice named in the query, if it is a known notice key.
func notice(p i18n.Printer, r *http.Request) string {
	key := r.URL.Query().Get("notice")
	if strings.HasPrefix(key, "notice.") && i18n.Has(i18n.VI, key) {
		return p.T(key)
	}
	return ""
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext returns a local path to go to after login, or "/".
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return path.Clean("/"+strings.TrimPrefix(strings.SplitN(next, "?", 2)[0], "/")) + queryOf(next)
}

func queryOf(s string) string {
	if i := strings.IndexByte(s, '?'); i >= 0 {
		return s[i:]
	}
	return ""
}
