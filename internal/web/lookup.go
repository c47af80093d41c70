package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/form"
	"motcua/internal/i18n"
	"motcua/internal/processing"
	"motcua/internal/throttle"
)

type lookupData struct {
	Found       bool
	Code        string
	Procedure   string
	Status      string
	Applicant   string
	ReceivedAt  string
	DueAt       string
	OriginalDue string
	Changed     bool
	Events      []eventRow
	Receipt     string // the link to download the receipt, once received
	// What following the dossier shows beyond the plain lookup (see processing.Progress).
	Holder     string // who holds it now, in a sentence
	Step       string
	DueChanges []dueChangeRow
	Waits      []string
	Supplement *supplementForm // the online supplement form, when one is awaited
	Rate       string          // the link to rate the service, once the result is ready and not yet rated
	Rated      bool
}

// dueChangeRow is a change of the appointment, formatted.
type dueChangeRow struct{ At, From, To, Reason string }

// supplementForm is the online supplement form of the lookup page.
type supplementForm struct {
	Secret       string
	Intro        string
	Deadline     string
	Items        []supplementItem
	Note         string
	Files, Error string // the error of the files as a whole
}

// supplementItem is one paper asked for (Mẫu 02) with its file input.
type supplementItem struct {
	Field, Name, Reason, Label, Error string
}

// lookupThrottleKey is the throttle key of the public pages that take a code and a secret.
func lookupThrottleKey(r *http.Request) string { return "lookup:" + throttle.ClientAddr(r) }

func (s *Server) lookupPage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "lookup.title")
	// The QR code of a receipt opens /lookup?code=…&secret=… directly.
	code, secret := strings.TrimSpace(r.FormValue("code")), strings.TrimSpace(r.FormValue("secret"))
	page.Form.Values["code"] = code
	if r.Method != http.MethodPost && (code == "" || secret == "") {
		page.Data = lookupData{}
		s.render(w, r, http.StatusOK, "lookup", page)
		return
	}
	s.showLookup(w, r, page, code, secret, http.StatusOK)
}

// showLookup renders the lookup page of a dossier found by code and secret, throttled, with the
// page's form state (an error of the supplement form, a notice) kept.
func (s *Server) showLookup(w http.ResponseWriter, r *http.Request, page Page, code, secret string, status int) {
	addr := lookupThrottleKey(r)
	if s.throttle.Blocked(addr, s.now()) {
		page.Form.Message = page.P.T("dossier.lookup.throttled")
		page.Data = lookupData{}
		s.render(w, r, http.StatusTooManyRequests, "lookup", page)
		return
	}
	pg, err := s.cfg.Dossiers.Follow(r.Context(), code, secret)
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Internal {
			s.renderError(w, r, err)
			return
		}
		page.Form = page.Form.withError(page.P, err)
		page.Form.Values = map[string]string{"code": code}
		page.Data = lookupData{}
		s.render(w, r, fe.Kind.HTTPStatus(), "lookup", page)
		return
	}
	page.Data = s.lookupView(page, pg, secret)
	s.render(w, r, status, "lookup", page)
}

// lookupView formats a dossier's progress for the lookup page.
func (s *Server) lookupView(page Page, pg processing.Progress, secret string) lookupData {
	pr, d := page.P, pg.Dossier
	data := lookupData{Found: true, Code: d.Code, Procedure: d.ProcedureName, Status: inLang(pr, d.Status.NameVI(), d.Status.NameEN()),
		Applicant: dossier.MaskName(d.Applicant.Name), ReceivedAt: pr.DateTime(d.ReceivedAt), DueAt: pr.DateTime(d.DueAt),
		OriginalDue: pr.DateTime(d.OriginalDueAt), Changed: !d.OriginalDueAt.IsZero() && !d.DueAt.Equal(d.OriginalDueAt),
		Step: pg.Step, Rated: pg.Rated}
	if form.Applies(form.Receipt, d) == nil {
		data.Receipt = "/lookup/receipt?" + url.Values{"code": {d.Code}, "secret": {secret}}.Encode()
	}
	for _, e := range pg.Events {
		data.Events = append(data.Events, eventRow{At: pr.DateTime(e.At), Action: inLang(pr, e.Action.NameVI(), e.Action.NameEN()),
			To: inLang(pr, e.To.NameVI(), e.To.NameEN())})
	}
	switch pg.Holder {
	case processing.HeldByDesk:
		data.Holder = pr.T("follow.holder.desk", pg.HolderName)
	case processing.HeldByOffice:
		data.Holder = pr.T("follow.holder.office", pg.HolderName)
	case processing.HeldByApplicant:
		data.Holder = pr.T("follow.holder.applicant", pg.HolderName)
	default:
		data.Holder = pr.T("follow.holder.none")
	}
	for _, c := range pg.DueChanges {
		data.DueChanges = append(data.DueChanges, dueChangeRow{At: pr.DateTime(c.At), From: pr.DateTime(c.From), To: pr.DateTime(c.To),
			Reason: dueReason(pr, c)})
	}
	for _, wt := range pg.Waits {
		kind := pr.T("follow.wait." + string(wt.Kind))
		if wt.To.IsZero() {
			data.Waits = append(data.Waits, kind+": "+pr.T("follow.wait.open", pr.DateTime(wt.From)))
		} else {
			data.Waits = append(data.Waits, kind+": "+pr.T("follow.wait.span", pr.DateTime(wt.From), pr.DateTime(wt.To)))
		}
	}
	if pg.AwaitsSupplement() {
		sf := &supplementForm{Secret: secret, Intro: pr.T("follow.supplement.intro", pr.DateTime(pg.RequestedAt)), Note: page.Form.Value("note"),
			Files: page.Form.Error("files")}
		if !pg.SupplementBy.IsZero() {
			// SupplementBy is 24:00 of the last day: name that day.
			sf.Deadline = pr.T("follow.supplement.deadline", pr.Date(pg.SupplementBy.Add(-time.Minute)))
		}
		for i, it := range pg.Requested {
			field := "item." + strconv.Itoa(i)
			sf.Items = append(sf.Items, supplementItem{Field: field, Name: it.Name, Reason: it.Reason,
				Label: pr.T("follow.supplement.file", it.Name), Error: page.Form.Error(field)})
		}
		data.Supplement = sf
	}
	if pg.Ratable && !pg.Rated {
		data.Rate = "/rate?" + url.Values{"code": {d.Code}, "secret": {secret}, "via": {"portal"}}.Encode()
	}
	return data
}

// dueReason says why the appointment changed, with the apology's reason for a reschedule.
func dueReason(pr i18n.Printer, c dossier.DueChange) string {
	if c.Reason == dossier.DueRescheduled {
		return pr.T("follow.due_reason.rescheduled", c.Note)
	}
	return pr.T("follow.due_reason." + string(c.Reason))
}

// lookupSupplement takes the supplement an applicant uploads on the lookup page (multipart: code,
// secret, one file input "item.N" per paper asked, note). Bad input shows the lookup page again with
// the errors and the note kept, and stores nothing.
func (s *Server) lookupSupplement(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "lookup.title")
	if r.MultipartForm == nil {
		var tooLarge *http.MaxBytesError
		if err := r.ParseMultipartForm(maxMemoryBytes); errors.As(err, &tooLarge) {
			s.renderError(w, r, fault.New(fault.Invalid, "attachment.request_too_large", maxBodyBytes>>20))
			return
		}
	}
	code, secret := strings.TrimSpace(r.PostFormValue("code")), strings.TrimSpace(r.PostFormValue("secret"))
	page.Form.Values["code"] = code
	page.Form.Values["note"] = r.PostFormValue("note")
	addr := lookupThrottleKey(r)
	if s.throttle.Blocked(addr, s.now()) {
		page.Form.Message = page.P.T("dossier.lookup.throttled")
		page.Data = lookupData{}
		s.render(w, r, http.StatusTooManyRequests, "lookup", page)
		return
	}
	var f fault.Fields
	var scans []processing.Scan
	defer func() {
		for _, sc := range scans {
			sc.Staged.Discard()
		}
	}()
	names := r.PostForm["item_name"]
	for i, name := range names {
		field := "item." + strconv.Itoa(i)
		scans = append(scans, s.stageScans(r, &f, field, field, name, "applicant")...)
	}
	err := f.Err()
	if err == nil {
		_, err = s.cfg.Dossiers.SupplementOnline(r.Context(), code, secret, scans, r.PostFormValue("note"), s.now())
	}
	if fault.Is(err, fault.NotFound) {
		s.throttle.Fail(addr, s.now())
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Internal {
			s.renderError(w, r, err)
			return
		}
		if fe.Kind == fault.Invalid {
			// Show the dossier again with the errors beside the inputs and the note kept.
			form := page.Form.withError(page.P, err)
			form.Values = page.Form.Values
			page.Form = form
			s.showLookup(w, r, page, code, secret, http.StatusBadRequest)
			return
		}
		page.Form = page.Form.withError(page.P, err)
		s.showLookup(w, r, page, code, secret, fe.Kind.HTTPStatus())
		return
	}
	page.Form.Values["note"] = ""
	page.Notice = page.P.T("follow.supplement.done")
	s.showLookup(w, r, page, code, secret, http.StatusOK)
}
