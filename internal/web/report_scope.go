package web

import (
	"net/http"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
)

// reportScope is the unit, subtree and period a report page shows, as chosen in its form (the
// officer's unit with its subtree and this year so far by default), with the units the officer may
// choose among: those in scope, offices left out.
type reportScope struct {
	Units          []account.Unit
	Unit, From, To string
	Subtree        bool
}

// scopeOf reads the choices of a report page and parses its period: the days from and to, both
// included, in business time; the error is an Invalid fault on "from" or "to" for a date that does
// not parse or a period that ends before it starts.
func (s *Server) scopeOf(r *http.Request, p account.Principal) (reportScope, time.Time, time.Time, error) {
	q := r.URL.Query()
	now := s.now().In(calendar.Location)
	sc := reportScope{Unit: q.Get("unit"), From: q.Get("from"), To: q.Get("to"), Subtree: q.Get("subtree") != "0"}
	if sc.Unit == "" {
		sc.Unit = p.UnitCode
	}
	if sc.From == "" {
		sc.From = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, calendar.Location).Format("2006-01-02")
	}
	if sc.To == "" {
		sc.To = now.Format("2006-01-02")
	}
	if units, _, err := s.catalogUnits(r.Context()); err == nil {
		for _, u := range units {
			if p.InScope(u.Path) && u.Kind != account.Office {
				sc.Units = append(sc.Units, u)
			}
		}
	}
	from, to, err := registerPeriod(sc.From, sc.To)
	return sc, from, to, err
}
