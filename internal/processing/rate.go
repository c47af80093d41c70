package processing

import (
	"context"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/rating"
)

// Rate records the applicant's satisfaction rating of a dossier found by code and lookup secret
// (channel portal or qr), at now. Rules: package rating. Errors: NotFound (unknown code or wrong
// secret, as Lookup), Conflict follow.rating.not_finished before the result, follow.rating.already
// for a second rating, Invalid naming the bad scores (rating.Check).
func (s *Service) Rate(ctx context.Context, code, secret string, r rating.Rating, now time.Time) (rating.Rating, error) {
	d, _, err := s.Store.LookupDossier(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if fault.Is(err, fault.NotFound) || (err == nil && !dossier.SecretMatches(d, secret)) {
		return rating.Rating{}, fault.New(fault.NotFound, "dossier.lookup.not_found")
	}
	if err != nil {
		return rating.Rating{}, err
	}
	if r.Channel != rating.QR {
		r.Channel = rating.Portal
	}
	return s.rate(ctx, d, r, now, rating.MayRate(d))
}

// RateAtKiosk records a rating given at the kiosk of a desk's unit, without the lookup secret: the
// dossier's result must have been handed over by that desk within rating.KioskWindow (see package
// rating for why). Errors: NotFound follow.kiosk.not_eligible for any other dossier, and those of Rate.
func (s *Service) RateAtKiosk(ctx context.Context, unit, code string, r rating.Rating, now time.Time) (rating.Rating, error) {
	d, err := s.KioskDossier(ctx, unit, code, now)
	if err != nil {
		return rating.Rating{}, err
	}
	r.Channel = rating.Kiosk
	return s.rate(ctx, d, r, now, nil)
}

// KioskDossier returns the public view of a dossier the kiosk of unit accepts at now (see
// RateAtKiosk), with its procedure's name. Errors: NotFound follow.kiosk.not_eligible.
func (s *Service) KioskDossier(ctx context.Context, unit, code string, now time.Time) (dossier.Dossier, error) {
	d, _, err := s.Store.LookupDossier(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if fault.Is(err, fault.NotFound) {
		return dossier.Dossier{}, rating.MayRateAtKiosk(dossier.Dossier{}, unit, now)
	}
	if err != nil {
		return dossier.Dossier{}, err
	}
	if err := rating.MayRateAtKiosk(d, unit, now); err != nil {
		return dossier.Dossier{}, err
	}
	if p, err := s.Catalog.Version(ctx, d.ProcedureCode, d.ProcedureVersion); err == nil {
		d.ProcedureName = p.Name
	}
	d.LookupSecret = ""
	return d, nil
}

// Rated reports whether the dossier has its rating. Errors: storage failures only.
func (s *Service) Rated(ctx context.Context, code string) (bool, error) {
	_, err := s.Store.RatingOf(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if fault.Is(err, fault.NotFound) {
		return false, nil
	}
	return err == nil, err
}

// rate checks and stores a rating of d; allowed is the result of the eligibility rule.
func (s *Service) rate(ctx context.Context, d dossier.Dossier, r rating.Rating, now time.Time, allowed error) (rating.Rating, error) {
	if allowed != nil {
		return rating.Rating{}, allowed
	}
	r.DossierCode, r.ReceivingUnit, r.RatedAt = d.Code, d.ReceivingUnit, now
	r, err := rating.Check(r)
	if err != nil {
		return rating.Rating{}, err
	}
	if err := s.Store.InsertRating(ctx, r); err != nil {
		return rating.Rating{}, err
	}
	return r, nil
}

// Satisfaction is the satisfaction of the applicants of a unit (and its subtree) over the days From
// to To, both included, from the ratings given in that period.
type Satisfaction struct {
	Unit    account.Unit
	Subtree bool
	From    time.Time // the first day, midnight in business time
	To      time.Time // the last day, midnight in business time
	Summary rating.Summary
}

// SatisfactionReport returns the satisfaction table of a unit, or of the unit and its subtree, over
// the days from to to, for a principal allowed to view reports there. Errors: Unauthorized,
// Forbidden; Invalid naming "unit" (unknown) or "to" (before from).
func (s *Service) SatisfactionReport(ctx context.Context, p account.Principal, unitCode string, from, to time.Time, subtree bool) (Satisfaction, error) {
	if err := account.Authorize(p, account.ViewReports, p.UnitPath); err != nil {
		return Satisfaction{}, err
	}
	start, last := startOfDay(from), startOfDay(to)
	var f fault.Fields
	if last.Before(start) {
		f.Add("to", "report.period_invalid")
	}
	unit, err := s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(unitCode)))
	switch {
	case fault.Is(err, fault.NotFound):
		f.Add("unit", "unit.not_found", unitCode)
	case err != nil:
		return Satisfaction{}, err
	}
	if err := f.Err(); err != nil {
		return Satisfaction{}, err
	}
	if err := account.Authorize(p, account.ViewReports, unit.Path); err != nil {
		return Satisfaction{}, err
	}
	codes := []string{unit.Code}
	if subtree {
		units, err := s.Store.Units(ctx)
		if err != nil {
			return Satisfaction{}, err
		}
		codes = codes[:0]
		for _, u := range units {
			if strings.HasPrefix(u.Path, unit.Path) {
				codes = append(codes, u.Code)
			}
		}
	}
	counts, err := s.Store.RatingCounts(ctx, codes, start, last.AddDate(0, 0, 1))
	if err != nil {
		return Satisfaction{}, err
	}
	return Satisfaction{Unit: unit, Subtree: subtree, From: start, To: last, Summary: rating.Summarize(counts)}, nil
}

// DeskUnit returns the unit of a desk by its code, for the public kiosk page. Errors: NotFound.
func (s *Service) DeskUnit(ctx context.Context, code string) (account.Unit, error) {
	return s.Store.UnitByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
}
