package web

import (
	"net/http"
	"net/url"
	"strings"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/form"
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
}

func (s *Server) lookupPage(w http.ResponseWriter, r *http.Request) {
	page := s.newPage(r, "lookup.title")
	// The QR code of a receipt opens /lookup?code=…&secret=… directly.
	code, secret := strings.TrimSpace(r.FormValue("code")), strings.TrimSpace(r.FormValue("secret"))
	page.Form.Values["code"] = code
	data := lookupData{}
	if r.Method == http.MethodPost || (code != "" && secret != "") {
		addr := "lookup:" + throttle.ClientAddr(r)
		if s.throttle.Blocked(addr, s.now()) {
			page.Form.Message = page.P.T("dossier.lookup.throttled")
			page.Data = data
			s.render(w, r, http.StatusTooManyRequests, "lookup", page)
			return
		}
		d, events, err := s.cfg.Dossiers.Lookup(r.Context(), code, secret)
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
			page.Data = data
			s.render(w, r, fe.Kind.HTTPStatus(), "lookup", page)
			return
		}
		pr := page.P
		data = lookupData{Found: true, Code: d.Code, Procedure: d.ProcedureName, Status: inLang(pr, d.Status.NameVI(), d.Status.NameEN()),
			Applicant: dossier.MaskName(d.Applicant.Name), ReceivedAt: pr.DateTime(d.ReceivedAt), DueAt: pr.DateTime(d.DueAt),
			OriginalDue: pr.DateTime(d.OriginalDueAt), Changed: !d.OriginalDueAt.IsZero() && !d.DueAt.Equal(d.OriginalDueAt)}
		if form.Applies(form.Receipt, d) == nil {
			data.Receipt = "/lookup/receipt?" + url.Values{"code": {d.Code}, "secret": {secret}}.Encode()
		}
		for _, e := range events {
			data.Events = append(data.Events, eventRow{At: pr.DateTime(e.At), Action: inLang(pr, e.Action.NameVI(), e.Action.NameEN()),
				To: inLang(pr, e.To.NameVI(), e.To.NameEN())})
		}
	}
	page.Data = data
	s.render(w, r, http.StatusOK, "lookup", page)
}
