package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/form"
	"motcua/internal/processing"
	"motcua/internal/throttle"
)

// formLink is a printable form of a dossier, offered on its page when it applies.
type formLink struct{ Href, Number, Title string }

// formLinks returns the forms that apply to the dossier now, in the dossier's set.
func formLinks(d dossier.Dossier) []formLink {
	var out []formLink
	set := form.SetFor(d)
	for _, k := range form.Kinds() {
		if k == form.Register || form.Applies(k, d) != nil {
			continue
		}
		title, number, err := form.Title(k, set)
		if err != nil {
			continue // the set has no such form (the 2018 set has no stop notice)
		}
		out = append(out, formLink{Href: "/dossiers/" + url.PathEscape(d.Code) + "/forms/" + string(k), Number: number, Title: title})
	}
	return out
}

// sendPDF writes a PDF to be shown in the browser, or downloaded under name.
func sendPDF(w http.ResponseWriter, data []byte, name string, download bool) {
	disposition := "inline"
	if download {
		disposition = "attachment"
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("%s; filename=%q", disposition, name))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// fileName makes a dossier code safe for a file name.
func fileName(parts ...string) string {
	return strings.NewReplacer("/", "-", " ", "-").Replace(strings.Join(parts, "-"))
}

func (s *Server) dossierForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	kind := form.Kind(r.PathValue("kind"))
	data, d, err := s.cfg.Dossiers.PrintForm(r.Context(), p, r.PathValue("code"), kind, r.URL.Query().Get("set"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sendPDF(w, data, fileName(string(kind), d.Code)+".pdf", false)
}

func (s *Server) guidancePDF(w http.ResponseWriter, r *http.Request, p account.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.renderError(w, r, fault.New(fault.NotFound, "guidance.not_found", r.PathValue("id")))
		return
	}
	data, err := s.cfg.Dossiers.PrintGuidance(r.Context(), p, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sendPDF(w, data, fileName("supplement", r.PathValue("id"))+".pdf", false)
}

// publicReceipt lets the applicant download the receipt (Mẫu 01) with the code and lookup secret,
// throttled like the lookup.
func (s *Server) publicReceipt(w http.ResponseWriter, r *http.Request) {
	addr := "lookup:" + throttle.ClientAddr(r)
	if s.throttle.Blocked(addr, s.now()) {
		s.renderError(w, r, fault.New(fault.Invalid, "dossier.lookup.throttled"))
		return
	}
	data, d, err := s.cfg.Dossiers.PublicReceipt(r.Context(), r.FormValue("code"), r.FormValue("secret"))
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sendPDF(w, data, fileName("giay-tiep-nhan", d.Code)+".pdf", true)
}

// registerData is the register page: a unit's received dossiers over a period.
type registerData struct {
	Units          []account.Unit
	Unit, From, To string
	Rows           []registerRow
	Query          string // the query string of the exports
	Shown          bool
}

type registerRow struct {
	N                                                     int
	Code, Procedure, Applicant, Received, Due, Status, At string
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ViewDossiers) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "register.title")
	q := r.URL.Query()
	now := s.now().In(calendar.Location)
	d := registerData{Unit: q.Get("unit"), From: q.Get("from"), To: q.Get("to")}
	if d.Unit == "" {
		d.Unit = s.deskUnit(r, p)
	}
	if d.From == "" {
		d.From = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, calendar.Location).Format("2006-01-02")
	}
	if d.To == "" {
		d.To = now.Format("2006-01-02")
	}
	if units, _, err := s.catalogUnits(r.Context()); err == nil {
		for _, u := range units {
			if worksOnUnit(p, u) {
				d.Units = append(d.Units, u)
			}
		}
	}
	d.Query = url.Values{"unit": {d.Unit}, "from": {d.From}, "to": {d.To}}.Encode()
	status := http.StatusOK
	from, to, err := registerPeriod(d.From, d.To)
	var rows []dossier.Dossier
	if err == nil {
		_, rows, err = s.cfg.Dossiers.Register(r.Context(), p, d.Unit, from, to)
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind != fault.Invalid {
			s.renderError(w, r, err)
			return
		}
		page.Form = page.Form.withError(page.P, err)
		status = http.StatusBadRequest
	} else {
		d.Shown = true
	}
	for i, x := range rows {
		d.Rows = append(d.Rows, registerRow{N: i + 1, Code: x.Code, Procedure: x.ProcedureName, Applicant: x.Applicant.Name,
			Received: page.P.DateTime(x.ReceivedAt), Due: page.P.DateTime(x.DueAt), Status: inLang(page.P, x.Status.NameVI(), x.Status.NameEN()),
			At: page.P.DateTime(x.ReturnedAt)})
	}
	page.Data = d
	s.render(w, r, status, "register", page)
}

// registerPeriod reads the first and last day of a register.
func registerPeriod(from, to string) (time.Time, time.Time, error) {
	var f fault.Fields
	start, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(from), calendar.Location)
	if err != nil {
		f.Add("from", "register.date_invalid", from)
	}
	end, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(to), calendar.Location)
	if err != nil {
		f.Add("to", "register.date_invalid", to)
	}
	return start, end, f.Err()
}

func (s *Server) registerExport(w http.ResponseWriter, r *http.Request, p account.Principal) {
	format := r.PathValue("format")
	q := r.URL.Query()
	from, to, err := registerPeriod(q.Get("from"), q.Get("to"))
	var data []byte
	if err == nil {
		data, err = s.cfg.Dossiers.PrintRegister(r.Context(), p, q.Get("unit"), from, to, format)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	name := fileName("so-theo-doi", q.Get("unit"), q.Get("from"), q.Get("to"))
	if format == processing.RegisterXLSX {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+".xlsx"))
		w.Write(data)
		return
	}
	sendPDF(w, data, name+".pdf", false)
}

// worksOnUnit reports whether an officer works on a unit (its scope holds it, or it holds the
// officer's unit), as processing decides; offices have no desk and are left out.
func worksOnUnit(p account.Principal, u account.Unit) bool {
	return u.Kind != account.Office && (p.InScope(u.Path) || (p.UnitPath != "" && strings.HasPrefix(p.UnitPath, u.Path)))
}
