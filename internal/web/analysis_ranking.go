package web

import (
	"net/http"
	"net/url"

	"motcua/internal/account"
	"motcua/internal/analysis"
)

// rankingData is the page of the on-time ranking of units.
type rankingData struct {
	Filter analysisFilter
	Level  string
	Levels []rankingLevel
	Shown  bool
	Rows   []rankingRow
}

type rankingLevel struct {
	Value, Label string
}

type rankingRow struct {
	Rank                             int
	Name, Code                       string
	Received, Resolved, OnTime, Late string
	Rate                             string
	ResolvedLink, LateLink           string
}

func (s *Server) rankingPage(w http.ResponseWriter, r *http.Request, p account.Principal) {
	svc, ok := s.analysisStart(w, r, p)
	if !ok {
		return
	}
	page := s.newPage(r, "analysis.ranking.title")
	f, q, err := s.analysisQuery(r, page, p)
	d := rankingData{Filter: f, Level: r.URL.Query().Get("level")}
	if d.Level == "" {
		d.Level = analysis.LevelChildren
	}
	for _, l := range []string{analysis.LevelChildren, string(account.District), string(account.Commune)} {
		d.Levels = append(d.Levels, rankingLevel{Value: l, Label: page.P.T("analysis.level." + l)})
	}
	var x analysis.Ranking
	if err == nil {
		x, err = svc.Ranking(r.Context(), p, q, d.Level)
	}
	status, done := s.analysisFail(w, r, &page, err)
	if done {
		return
	}
	if err == nil {
		d.Shown = true
		for _, row := range x.Rows {
			uf := f
			uf.Unit, uf.Subtree = row.Unit.Code, true
			rr := rankingRow{Rank: row.Rank, Name: row.Unit.Name, Code: row.Unit.Code, Received: page.P.Int(row.Received),
				Resolved: page.P.Int(row.Resolved), OnTime: page.P.Int(row.OnTime), Late: page.P.Int(row.Late), Rate: "—",
				ResolvedLink: dossiersLink(uf, nil), LateLink: dossiersLink(uf, url.Values{"timeliness": {"late"}})}
			if row.Rate.Known {
				rr.Rate = page.P.Percent(row.Rate.Rate)
			}
			d.Rows = append(d.Rows, rr)
		}
	}
	page.Data = d
	s.render(w, r, status, "analysis_ranking", page)
}
