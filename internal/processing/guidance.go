package processing

import (
	"context"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
)

// GuideAtDesk records the guidance (Mẫu 02) given to an applicant at the desk whose papers are
// incomplete, when no dossier is recorded: every missing or faulty item with its reason, at once.
// in names the procedure, the unit and the applicant as for Receive (the components are not
// checked). It returns the stored guidance and its number. Errors: Invalid naming the unit,
// procedure, applicant data or items; Forbidden.
func (s *Service) GuideAtDesk(ctx context.Context, p account.Principal, in ReceiveInput, g dossier.GuidanceInput, now time.Time) (dossier.Guidance, int64, error) {
	if err := account.Authorize(p, account.ReceiveDossiers, p.UnitPath); err != nil {
		return dossier.Guidance{}, 0, err
	}
	if in.UnitCode == "" {
		in.UnitCode = p.UnitCode
	}
	if in.Channel == "" {
		in.Channel = "in_person" // a guidance is given at the desk; the channel matters only to a dossier
	}
	prep, err := s.prepare(ctx, &p, in, now)
	if err != nil {
		return dossier.Guidance{}, 0, err
	}
	g.Applicant = in.Applicant
	if g.Note == "" {
		g.Note = in.Note
	}
	out, err := dossier.DeskGuidance(g, actor(p), prep.proc, now)
	if err != nil {
		return out, 0, err
	}
	id, err := s.Store.InsertGuidance(ctx, p, prep.filing.ReceivingUnit, out)
	return out, id, err
}

// Guidance returns a desk guidance for an officer who works on the unit that gave it, and that unit.
// Errors: NotFound, Forbidden.
func (s *Service) Guidance(ctx context.Context, p account.Principal, id int64) (dossier.Guidance, string, error) {
	g, unit, err := s.Store.Guidance(ctx, id)
	if err != nil {
		return g, "", err
	}
	if err := s.authorize(ctx, p, dossier.Dossier{ReceivingUnit: unit, CompetentUnit: unit}, account.ViewDossiers); err != nil {
		return dossier.Guidance{}, "", err
	}
	return g, unit, nil
}
