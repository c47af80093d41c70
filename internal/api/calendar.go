package api

import (
	"net/http"
	"strconv"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/workcal"
)

// Holiday is a named day of a year's calendar.
type Holiday struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

// CalendarYear is GET /api/v1/calendar/{year}: the summary of the CLI plus the named days.
type CalendarYear struct {
	calendar.YearSummary
	Holidays []Holiday `json:"holidays"`
}

func (s *Server) calendarYear(w http.ResponseWriter, r *http.Request, p account.Principal) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		var f fault.Fields
		f.Add("year", "calendar.out_of_range", calendar.MinYear, calendar.MaxYear)
		s.fail(w, r, f.Err())
		return
	}
	unit := r.URL.Query().Get("unit")
	if unit != "" {
		if _, err := s.cfg.Accounts.Unit(r.Context(), p, unit); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	cal, err := s.cfg.Calendar.For(r.Context(), unit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	yr, err := cal.Year(y)
	if err != nil {
		s.fail(w, r, fault.Wrap(err, "year"))
		return
	}
	out := CalendarYear{YearSummary: yr.Summary(), Holidays: []Holiday{}}
	for _, h := range yr.Holidays {
		out.Holidays = append(out.Holidays, Holiday{Date: h.Date.String(), Kind: string(h.Kind), NameVI: h.NameVI, NameEN: h.NameEN})
	}
	writeJSON(w, http.StatusOK, out)
}

// DueAnswer is GET /api/v1/calendar/due.
type DueAnswer struct {
	Due         string    `json:"due"`
	Start       string    `json:"start"`
	AfterCutoff bool      `json:"after_cutoff"`
	Skipped     []Holiday `json:"skipped"`
}

func (s *Server) calendarDue(w http.ResponseWriter, r *http.Request, p account.Principal) {
	q := r.URL.Query()
	var f fault.Fields
	received, err := time.Parse(time.RFC3339, q.Get("received"))
	if err != nil {
		f.Add("received", "calendar.instant.invalid", q.Get("received"))
	}
	n, err := strconv.Atoi(q.Get("time"))
	if err != nil {
		f.Add("time", "calendar.time.invalid")
	}
	if err := f.Err(); err != nil {
		s.fail(w, r, err)
		return
	}
	due, err := s.cfg.Calendar.Due(r.Context(), workcal.DueInput{UnitCode: q.Get("unit_code"), Received: received, Amount: n,
		TimeUnit: q.Get("unit"), Cutoff: q.Get("cutoff")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := DueAnswer{Due: due.At.Format(time.RFC3339), Start: due.Start.Format(time.RFC3339), AfterCutoff: due.AfterCutoff, Skipped: []Holiday{}}
	for _, sk := range due.Skipped {
		out.Skipped = append(out.Skipped, Holiday{Date: sk.Date.String(), Kind: string(sk.Kind), NameVI: sk.NameVI, NameEN: sk.NameEN})
	}
	writeJSON(w, http.StatusOK, out)
}

// Override is an administrator's change to a day of the calendar.
type Override struct {
	Unit   string `json:"unit"`
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	NameVI string `json:"name_vi"`
	NameEN string `json:"name_en"`
}

func overrideOut(o workcal.Override) Override {
	return Override{Unit: o.UnitCode, Date: o.Date.String(), Kind: string(o.Kind), NameVI: o.NameVI, NameEN: o.NameEN}
}

func (s *Server) listOverrides(w http.ResponseWriter, r *http.Request, p account.Principal) {
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	list, err := s.cfg.Calendar.Overrides(r.Context(), p, r.URL.Query().Get("unit"), year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Items []Override `json:"items"`
	}{Items: []Override{}}
	for _, o := range list {
		out.Items = append(out.Items, overrideOut(o))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) addOverride(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var in Override
	if err := decode(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.cfg.Calendar.AddOverride(r.Context(), p, workcal.OverrideInput{UnitCode: in.Unit, Date: in.Date, Kind: in.Kind, NameVI: in.NameVI, NameEN: in.NameEN})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, overrideOut(o))
}

func (s *Server) removeOverride(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := s.cfg.Calendar.RemoveOverride(r.Context(), p, r.URL.Query().Get("unit"), r.PathValue("date")); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
