// Package processing runs dossiers through their life over storage: it resolves the procedure
// version in force and the unit's calendar, checks that the officer works on the dossier's units,
// applies the pure rules of package dossier and stores the new state, its events and the audit entry
// in one transaction. Two officers acting on one dossier at once cannot both succeed: each update
// names the version it read and the loser gets a Conflict.
//
// Scope: an officer works on a dossier when the receiving unit or the competent unit is the officer's
// unit, lies below it, or contains it (the offices of a commune work on the commune's dossiers).
// Appointments are counted on the receiving unit's calendar, which gave them to the applicant.
package processing

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/rating"
	"motcua/internal/workcal"
)

// Query selects dossiers for queues and searches.
type Query struct {
	Units     []string // receiving or competent unit among these
	Statuses  []dossier.Status
	Assignee  string
	DueBefore time.Time
	Text      string // a code, or part of the applicant's name, identity number or phone (accents optional)
	Limit     int
	Offset    int

	// The filters behind the figures of the reports and dashboards (zero values filter nothing).
	ReceivingUnits []string // received by the desk of one of these units (nil: any)
	ReceivedFrom   time.Time
	ReceivedBefore time.Time // received (received_at > 0) before this instant
	FinishedFrom   time.Time // finished at or after (finished dossiers only)
	FinishedBefore time.Time // finished before (finished dossiers only)
	Channel        dossier.Channel
	Timeliness     dossier.Timeliness
	PendingAt      time.Time // received before the instant and not finished before it
	DueState       string    // with PendingAt: "overdue" (original appointment before it) or "within"
}

// Store is what processing needs from storage.
type Store interface {
	InsertDossier(ctx context.Context, actor account.Principal, d dossier.Dossier, events []dossier.Event, format string, codeDay time.Time) (dossier.Dossier, error)
	UpdateDossier(ctx context.Context, actor account.Principal, before, after dossier.Dossier, events []dossier.Event) (dossier.Dossier, error)
	DossierByCode(ctx context.Context, code string) (dossier.Dossier, error)
	DossierEvents(ctx context.Context, code string) ([]dossier.Event, error)
	// RegisterEntry returns the number of a received dossier in its unit's register of the year:
	// its rank among the dossiers the unit received that year, by receipt time.
	RegisterEntry(ctx context.Context, unit, code string, receivedAt time.Time) (int, error)
	ListDossiers(ctx context.Context, q Query) ([]dossier.Dossier, int, error)
	UnitByCode(ctx context.Context, code string) (account.Unit, error)
	UserByUsername(ctx context.Context, username string) (account.User, string, error)
	Units(ctx context.Context) ([]account.Unit, error)
	InsertGuidance(ctx context.Context, actor account.Principal, unitCode string, g dossier.Guidance) (int64, error)
	Guidance(ctx context.Context, id int64) (dossier.Guidance, string, error)
	RegisterDossiers(ctx context.Context, units []string, from, before time.Time) ([]dossier.Dossier, error)
	LookupDossier(ctx context.Context, code string) (dossier.Dossier, []dossier.Event, error)
	// Satisfaction ratings (see follow.go, rate.go).
	InsertRating(ctx context.Context, r rating.Rating) error
	RatingOf(ctx context.Context, code string) (rating.Rating, error)
	RatingCounts(ctx context.Context, units []string, from, before time.Time) ([]rating.Counts, error)
}

// Service runs dossiers.
type Service struct {
	Store    Store
	Catalog  *catalog.Service
	Calendar *workcal.Service
	// Rand is the source of lookup secrets (crypto/rand.Reader in production).
	Rand io.Reader
	// CodeFormat is the dossier code setting; empty means dossier.DefaultCodeFormat.
	CodeFormat string
	// PublicURL is the address citizens reach the site at (e.g. https://motcua.bacninh.gov.vn); the
	// QR codes of printed forms link to its lookup page.
	PublicURL string
	// Files stores the content of scanned papers and result files; nil refuses attachments.
	Files attachment.Blobs
}

// actor is the domain's view of a principal.
func actor(p account.Principal) dossier.Actor {
	roles := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = string(r)
	}
	name := p.FullName
	if name == "" {
		name = p.Username
	}
	return dossier.Actor{Username: p.Username, FullName: name, UnitCode: p.UnitCode, Roles: roles}
}

// worksOn reports whether the principal works on a unit: the unit is within the principal's scope,
// or the principal's unit lies inside it.
func worksOn(p account.Principal, u account.Unit) bool {
	return p.InScope(u.Path) || (p.UnitPath != "" && strings.HasPrefix(p.UnitPath, u.Path))
}

// authorize checks that p may take an action of kind a on d. Errors: Unauthorized, Forbidden.
func (s *Service) authorize(ctx context.Context, p account.Principal, d dossier.Dossier, a account.Action) error {
	if p.UnitPath == "" {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Can(a) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	for _, code := range []string{d.ReceivingUnit, d.CompetentUnit} {
		u, err := s.Store.UnitByCode(ctx, code)
		if err == nil && worksOn(p, u) {
			return nil
		}
		if err != nil && !fault.Is(err, fault.NotFound) {
			return err
		}
	}
	return fault.New(fault.Forbidden, "error.forbidden")
}

// Get returns a dossier and its timeline for an officer who works on it. Errors: NotFound, Forbidden.
func (s *Service) Get(ctx context.Context, p account.Principal, code string) (dossier.Dossier, []dossier.Event, error) {
	d, err := s.Store.DossierByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return d, nil, err
	}
	if err := s.authorize(ctx, p, d, account.ViewDossiers); err != nil {
		return dossier.Dossier{}, nil, err
	}
	events, err := s.Store.DossierEvents(ctx, d.Code)
	return d, events, err
}

// List returns a page of the dossiers of the units the principal works on, matching q.
func (s *Service) List(ctx context.Context, p account.Principal, q Query) ([]dossier.Dossier, int, error) {
	if err := account.Authorize(p, account.ViewDossiers, p.UnitPath); err != nil {
		return nil, 0, err
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, 0, err
	}
	var mine []string
	for _, u := range units {
		if worksOn(p, u) && (len(q.Units) == 0 || slices.Contains(q.Units, u.Code)) {
			mine = append(mine, u.Code)
		}
	}
	if len(mine) == 0 {
		return nil, 0, nil
	}
	if q.ReceivingUnits != nil {
		var receiving []string
		for _, u := range q.ReceivingUnits {
			if slices.Contains(mine, u) {
				receiving = append(receiving, u)
			}
		}
		if len(receiving) == 0 {
			return nil, 0, nil
		}
		q.ReceivingUnits = receiving
	}
	q.Units = mine
	return s.Store.ListDossiers(ctx, q)
}

// Lookup is the public lookup by code and secret, without login. An unknown code and a wrong secret
// give the same NotFound, so codes cannot be probed. It returns the public view of the dossier (see
// Store.LookupDossier: code, procedure with its name, status, applicant's name, times, outcome) and
// its events without officers' private ones, notes or names.
func (s *Service) Lookup(ctx context.Context, code, secret string) (dossier.Dossier, []dossier.Event, error) {
	notFound := fault.New(fault.NotFound, "dossier.lookup.not_found")
	d, events, err := s.Store.LookupDossier(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if fault.Is(err, fault.NotFound) {
		return dossier.Dossier{}, nil, notFound
	}
	if err != nil {
		return dossier.Dossier{}, nil, err
	}
	if !dossier.SecretMatches(d, secret) {
		return dossier.Dossier{}, nil, notFound
	}
	if p, err := s.Catalog.Version(ctx, d.ProcedureCode, d.ProcedureVersion); err == nil {
		d.ProcedureName = p.Name
	}
	public := events[:0:0]
	for _, e := range events {
		if !e.Private {
			e.Note, e.Actor, e.ActorName = "", "", ""
			public = append(public, e)
		}
	}
	return d, public, nil
}
