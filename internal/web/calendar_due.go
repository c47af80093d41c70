package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/i18n"
	"motcua/internal/workcal"
)

// dueData is the deadline calculator: the question and, once asked, the answer explained.
type dueData struct {
	Units     []account.Unit
	TimeUnits []string
	Asked     bool
	Due       string
	Start     string
	Received  string
	Cutoff    bool
	Skipped   []namedDay
	Working   string
}

func (s *Server) duePage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "due.title")
	q := r.URL.Query()
	d := dueData{TimeUnits: []string{"WORKING_DAY", "WORKING_HOUR", "DAY", "MONTH"}}
	d.Units, _ = s.cfg.Accounts.Units(r.Context(), p)
	for _, k := range []string{"unit_code", "received", "time", "unit", "cutoff"} {
		page.Form.Values[k] = q.Get(k)
	}
	if page.Form.Values["unit"] == "" {
		page.Form.Values["unit"] = "WORKING_DAY"
	}
	if page.Form.Values["received"] == "" {
		page.Form.Values["received"] = s.now().In(calendar.Location).Format("2006-01-02T15:04")
	}
	status := http.StatusOK
	if q.Has("time") {
		due, err := s.computeDue(r, q.Get("unit_code"), q.Get("received"), q.Get("time"), q.Get("unit"), q.Get("cutoff"))
		if err != nil {
			page.Form = page.Form.withError(page.P, err)
			status = statusOf(err)
		} else {
			d.Asked = true
			d.Received = page.P.DateTime(mustLocal(q.Get("received")))
			d.Due = page.P.DateTime(due.At)
			d.Start = page.P.DateTime(due.Start)
			d.Cutoff = due.AfterCutoff
			for _, sk := range due.Skipped {
				name := sk.NameVI
				if page.P.Lang == i18n.EN {
					name = sk.NameEN
				}
				d.Skipped = append(d.Skipped, namedDay{Date: page.P.Day(sk.Date.String()), Weekday: weekdayName(page.P, sk.Date.Weekday()), Name: name})
			}
		}
	}
	page.Data = d
	s.render(w, r, status, "due", page)
}

// mustLocal parses a datetime-local value in business time; the zero time if it does not parse.
func mustLocal(v string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02T15:04", v, calendar.Location)
	return t
}

func (s *Server) computeDue(r *http.Request, unitCode, received, amount, timeUnit, cutoff string) (calendar.Due, error) {
	var f fault.Fields
	at := mustLocal(strings.TrimSpace(received))
	if at.IsZero() {
		f.Add("received", "calendar.instant.invalid", received)
	}
	n, err := strconv.Atoi(strings.TrimSpace(amount))
	if err != nil {
		f.Add("time", "calendar.time.invalid")
	}
	if err := f.Err(); err != nil {
		return calendar.Due{}, err
	}
	return s.cfg.Calendar.Due(r.Context(), workcal.DueInput{UnitCode: unitCode, Received: at, Amount: n, TimeUnit: timeUnit, Cutoff: cutoff})
}

// statusOf is the HTTP status of an error's kind.
func statusOf(err error) int { return fault.KindOf(err).HTTPStatus() }

// errorKind returns the kind of an error that must be shown as an error page rather than beside a
// form (forbidden, unauthorized, internal), or "".
func errorKind(err error) fault.Kind {
	switch k := fault.KindOf(err); k {
	case fault.Forbidden, fault.Unauthorized, fault.Internal:
		return k
	}
	return ""
}
