package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/i18n"
	"motcua/internal/workcal"
)

// calendarData is the year page of a unit's working calendar.
type calendarData struct {
	Year      int
	Prev      int
	Next      int
	UnitCode  string
	UnitName  string
	Units     []account.Unit
	Months    []monthView
	Named     []namedDay
	Overrides []workcal.Override
	DaysOff   int
	WorkSats  int
	Hours     string
	OwnHours  bool
	CanEdit   bool
	Weekdays  []string
}

type monthView struct {
	Name  string
	Weeks [][]dayCell
}

type dayCell struct {
	Day   int
	Lunar string
	Class string
	Title string
}

type namedDay struct {
	Date    string
	Weekday string
	Lunar   string
	Kind    string
	Name    string
	Off     bool
}

var weekdayKeys = []string{"cal.sun", "cal.mon", "cal.tue", "cal.wed", "cal.thu", "cal.fri", "cal.sat"}

func weekdayName(p i18n.Printer, wd time.Weekday) string { return p.T(weekdayKeys[wd]) }

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "cal.title")
	page.Notice = notice(page.P, r)
	s.renderCalendar(w, r, p, page, http.StatusOK)
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, p account.Principal, page Page, status int) {
	q := r.URL.Query()
	year, err := strconv.Atoi(q.Get("year"))
	if err != nil || year < calendar.MinYear || year > calendar.MaxYear {
		year = s.now().In(calendar.Location).Year()
	}
	unitCode := strings.ToUpper(strings.TrimSpace(q.Get("unit")))
	if r.Method == http.MethodPost {
		unitCode = strings.ToUpper(strings.TrimSpace(r.PostFormValue("unit")))
		if y, err := strconv.Atoi(r.PostFormValue("year")); err == nil {
			year = y
		}
	}
	d := calendarData{Year: year, Prev: year - 1, Next: year + 1, UnitCode: unitCode, CanEdit: p.Can(account.ManageCalendar)}
	for wd := 1; wd <= 7; wd++ {
		d.Weekdays = append(d.Weekdays, weekdayName(page.P, time.Weekday(wd%7)))
	}
	d.Units, _ = s.cfg.Accounts.Units(r.Context(), p)
	if unitCode != "" {
		u, err := s.cfg.Accounts.Unit(r.Context(), p, unitCode)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		d.UnitName = u.Name
	}
	cal, err := s.cfg.Calendar.For(r.Context(), unitCode)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	yr, err := cal.Year(year)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d.DaysOff, d.WorkSats = len(yr.DaysOff), len(yr.WorkingSaturdays)
	d.Months = monthViews(page.P, yr)
	for _, h := range yr.Holidays {
		info := cal.DayInfo(h.Date)
		name := h.NameVI
		if page.P.Lang == i18n.EN {
			name = h.NameEN
		}
		d.Named = append(d.Named, namedDay{Date: page.P.Day(h.Date.String()), Weekday: weekdayName(page.P, h.Date.Weekday()),
			Lunar: fmt.Sprintf("%d/%d", info.Lunar.Day, info.Lunar.Month), Kind: page.P.T("cal.kind." + strings.ToLower(string(h.Kind))),
			Name: name, Off: !info.Working})
	}
	if d.Overrides, err = s.cfg.Calendar.Overrides(r.Context(), p, unitCode, year); err != nil {
		s.renderError(w, r, err)
		return
	}
	h, own, err := s.cfg.Calendar.Hours(r.Context(), unitCode)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d.Hours, d.OwnHours = h.String(), own
	page.Data = d
	if page.Form.Values["date"] == "" {
		page.Form.Values["date"] = fmt.Sprintf("%d-01-01", year)
	}
	s.render(w, r, status, "calendar", page)
}

// monthViews lays out the year as twelve Monday-first month grids.
func monthViews(p i18n.Printer, yr calendar.Year) []monthView {
	var months []monthView
	for _, info := range yr.Days {
		if info.Date.Day == 1 {
			months = append(months, monthView{Name: p.T("cal.month", int(info.Date.Month))})
			lead := (int(info.Weekday) + 6) % 7 // Monday = 0
			months[len(months)-1].Weeks = [][]dayCell{make([]dayCell, lead)}
		}
		m := &months[len(months)-1]
		week := &m.Weeks[len(m.Weeks)-1]
		if len(*week) == 7 {
			m.Weeks = append(m.Weeks, nil)
			week = &m.Weeks[len(m.Weeks)-1]
		}
		lunar := strconv.Itoa(info.Lunar.Day)
		if info.Lunar.Day == 1 {
			lunar = fmt.Sprintf("%d/%d", info.Lunar.Day, info.Lunar.Month)
		}
		class := "work"
		switch {
		case info.Kind == calendar.KindWorkingSaturday:
			class = "worksat"
		case info.Kind == calendar.KindWeekend:
			class = "weekend"
		case !info.Working:
			class = "off"
		}
		title := info.NameVI()
		if p.Lang == i18n.EN {
			title = info.NameEN()
		}
		*week = append(*week, dayCell{Day: info.Date.Day, Lunar: lunar, Class: class, Title: title})
	}
	return months
}

// calendarRedirect returns to the calendar page of the scope and year just changed.
func calendarRedirect(w http.ResponseWriter, r *http.Request, notice string) {
	to := "/calendar?year=" + r.PostFormValue("year")
	if u := r.PostFormValue("unit"); u != "" {
		to += "&unit=" + urlQueryEscape(u)
	}
	redirect(w, r, to, notice)
}

func (s *Server) calendarAddOverride(w http.ResponseWriter, r *http.Request, p account.Principal) {
	_, err := s.cfg.Calendar.AddOverride(r.Context(), p, workcal.OverrideInput{UnitCode: r.PostFormValue("unit"),
		Date: r.PostFormValue("date"), Kind: r.PostFormValue("kind"), NameVI: r.PostFormValue("name_vi"), NameEN: r.PostFormValue("name_en")})
	if err != nil {
		s.calendarFormError(w, r, p, err)
		return
	}
	calendarRedirect(w, r, "notice.override_added")
}

func (s *Server) calendarRemoveOverride(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := s.cfg.Calendar.RemoveOverride(r.Context(), p, r.PostFormValue("unit"), r.PostFormValue("date")); err != nil {
		s.calendarFormError(w, r, p, err)
		return
	}
	calendarRedirect(w, r, "notice.override_removed")
}

func (s *Server) calendarSetHours(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := s.cfg.Calendar.SetHours(r.Context(), p, r.PostFormValue("unit"), r.PostFormValue("hours")); err != nil {
		s.calendarFormError(w, r, p, err)
		return
	}
	calendarRedirect(w, r, "notice.hours_saved")
}

// calendarFormError shows the calendar page again with the form's values and errors.
func (s *Server) calendarFormError(w http.ResponseWriter, r *http.Request, p account.Principal, err error) {
	fe := errorKind(err)
	if fe != "" {
		s.renderError(w, r, err)
		return
	}
	page := s.newPage(r, "cal.title")
	page.Form = formFrom(r).withError(page.P, err)
	s.renderCalendar(w, r, p, page, statusOf(err))
}
