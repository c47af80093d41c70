package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// actionBody builds the JSON input of an action from its form.
func actionBody(a dossier.Action, r *http.Request) ([]byte, error) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	body := map[string]any{}
	if n := v("note"); n != "" {
		body["note"] = n
	}
	var f fault.Fields
	switch a {
	case dossier.ActAssign:
		body["assignee"] = v("assignee")
	case dossier.ActRequestSupplement, dossier.ActGuideSupplement:
		body["items"] = guidanceItems(r.PostFormValue("items"), v("reason"))
		if a == dossier.ActGuideSupplement && v("contact") != "" {
			body["contact"] = v("contact")
		}
	case dossier.ActRefuseAtReception:
		body["reasons"] = lines(r.PostFormValue("reasons"))
	case dossier.ActReschedule:
		body["reason"] = v("reason")
		if v("new_due_date") != "" {
			tm := v("new_due_time")
			if tm == "" {
				tm = "17:00"
			}
			t, err := time.ParseInLocation("2006-01-02 15:04", v("new_due_date")+" "+tm, calendar.Location)
			if err != nil {
				f.Add("new_due_at", "dossier.page.date_invalid")
			} else {
				body["newDueAt"] = t
			}
		}
	case dossier.ActResultReady:
		body["results"] = []map[string]any{{"name": v("result_name"), "number": v("result_number")}}
	case dossier.ActReturn:
		body["method"] = v("method")
	case dossier.ActRefuse:
		body["reasons"] = []string{v("reason")}
	case dossier.ActStop, dossier.ActRequestWithdrawal:
		body["reason"] = v("reason")
	case dossier.ActConsult:
		body["unit"], body["subject"] = v("unit"), v("subject")
		if n, err := strconv.Atoi(v("hours")); err == nil {
			body["hours"] = n
		} else if v("hours") != "" {
			f.Add("hours", "dossier.page.count_invalid")
		}
	case dossier.ActAnswerConsultation:
		body["answer"] = v("answer")
		if n, err := strconv.Atoi(v("consultation")); err == nil {
			body["consultation"] = n
		}
	case dossier.ActRequestFees:
		if v("fee_name") != "" {
			amount, err := strconv.ParseInt(strings.ReplaceAll(strings.ReplaceAll(v("fee_amount"), ".", ""), ",", ""), 10, 64)
			if err != nil && v("fee_amount") != "" {
				f.Add("fees[0].amount_vnd", "dossier.page.count_invalid")
			}
			body["fees"] = []map[string]any{{"name": v("fee_name"), "amountVND": amount}}
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return json.Marshal(body)
}

// guidanceItems reads the items of a supplement request or guidance, one per line as
// "paper: reason"; a line without its own reason takes the shared one.
func guidanceItems(text, reason string) []dossier.GuidanceItem {
	var items []dossier.GuidanceItem
	for _, line := range lines(text) {
		name, why, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(why) == "" {
			name, why = strings.TrimSuffix(line, ":"), reason
		}
		items = append(items, dossier.GuidanceItem{Name: strings.TrimSpace(name), Reason: strings.TrimSpace(why)})
	}
	return items
}

func (s *Server) dossierAct(w http.ResponseWriter, r *http.Request, p account.Principal) {
	action := dossier.Action(r.PathValue("action"))
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	body, err := actionBody(action, r)
	var f fault.Fields
	scans := s.stageScans(r, &f, "files", "files", "", p.Username)
	defer func() {
		for _, sc := range scans {
			sc.Staged.Discard()
		}
	}()
	if err == nil {
		err = f.Err()
	}
	if err == nil {
		_, err = s.cfg.Dossiers.ActWithFiles(r.Context(), p, r.PathValue("code"), action, version, body, scans, s.now())
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Internal || fe.Kind == fault.Forbidden || fe.Kind == fault.Unauthorized || fe.Kind == fault.NotFound {
			s.renderError(w, r, err)
			return
		}
		form := formFrom(r).withError(s.newPage(r, "dossier.title").P, err)
		s.showDossier(w, r, p, fe.Kind.HTTPStatus(), &form)
		return
	}
	redirect(w, r, "/dossiers/"+url.PathEscape(strings.ToUpper(strings.TrimSpace(r.PathValue("code")))), "notice.dossier_updated")
}

// --- Public lookup ---
