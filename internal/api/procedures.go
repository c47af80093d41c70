package api

import (
	"net/http"
	"strconv"
	"time"

	"motcua/internal/catalog"
	"motcua/internal/procedure"
)

// ProcedureItem is a procedure as the public API lists it.
type ProcedureItem struct {
	Code          string             `json:"code"`
	Name          string             `json:"name"`
	Field         string             `json:"field"`
	FieldCode     string             `json:"field_code,omitempty"`
	Levels        []procedure.Level  `json:"levels"`
	Version       int                `json:"version"`
	EffectiveFrom string             `json:"effective_from,omitempty"`
	OnlineLevel   string             `json:"online_level,omitempty"`
	CutoffHour    string             `json:"cutoff_hour,omitempty"`
	Channels      []ProcedureChannel `json:"channels"`
}

// ProcedureChannel is one channel of a procedure with its legal time and fees.
type ProcedureChannel struct {
	Channel string         `json:"channel"`
	Time    int            `json:"time"`
	Unit    string         `json:"unit"`
	Fees    []ProcedureFee `json:"fees"`
}

// ProcedureFee is a fee of a channel, in đồng.
type ProcedureFee struct {
	Name      string `json:"name"`
	AmountVND int64  `json:"amount_vnd"`
	Per       string `json:"per,omitempty"`
}

func procedureItem(p procedure.Procedure) ProcedureItem {
	it := ProcedureItem{Code: p.Code, Name: p.Name, Field: p.Field.Name, FieldCode: p.Field.Code, Levels: p.Levels, Version: p.Version,
		EffectiveFrom: procedure.FormatDate(p.EffectiveFrom), OnlineLevel: string(p.OnlineLevel), CutoffHour: p.CutoffHour,
		Channels: []ProcedureChannel{}}
	if it.Levels == nil {
		it.Levels = []procedure.Level{}
	}
	for _, c := range p.Channels {
		ch := ProcedureChannel{Channel: string(c.Kind), Time: c.Time, Unit: string(c.Unit), Fees: []ProcedureFee{}}
		for _, f := range c.Fees {
			ch.Fees = append(ch.Fees, ProcedureFee{Name: f.Name, AmountVND: f.AmountVND, Per: f.Per})
		}
		it.Channels = append(it.Channels, ch)
	}
	return it
}

// listProcedures is the public catalog search: no login, accent-insensitive on q.
func (s *Server) listProcedures(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	if offset < 0 {
		offset = 0
	}
	items, total, err := s.cfg.Catalog.Search(r.Context(), catalog.Query{Text: q.Get("q"), UnitCode: q.Get("unit"), Field: q.Get("field"),
		Level: q.Get("level"), Statuses: []procedure.Status{procedure.Published}, Limit: limit, Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := struct {
		Items []ProcedureItem `json:"items"`
		Total int             `json:"total"`
	}{Items: make([]ProcedureItem, 0, len(items)), Total: total}
	for _, p := range items {
		out.Items = append(out.Items, procedureItem(p))
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	writeJSONCached(w, out)
}

// getProcedure returns the whole current version of a procedure, or the version in force at ?at=.
func (s *Server) getProcedure(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	var p procedure.Procedure
	var err error
	if at := r.URL.Query().Get("at"); at != "" {
		t, perr := time.Parse(time.RFC3339, at)
		if perr != nil {
			s.fail(w, r, invalidField("at", "calendar.instant.invalid", at))
			return
		}
		p, err = s.cfg.Catalog.InForce(r.Context(), code, t)
	} else {
		p, err = s.cfg.Catalog.Published(r.Context(), code)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}
