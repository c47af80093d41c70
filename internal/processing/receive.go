package processing

import (
	"context"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// ReceiveInput is a dossier handed in at the desk (in person or by post).
type ReceiveInput struct {
	ProcedureCode string
	UnitCode      string // the receiving unit; default the officer's
	CompetentUnit string // default the receiving unit
	Channel       string // in_person or postal
	Applicant     dossier.Applicant
	Components    []dossier.Paper
	Sets          int
	ReturnMethod  string
	ReturnAddress string
	Note          string
}

// Receive records a dossier received at the desk, with its code (unique per unit and day), lookup
// secret and appointment from the procedure version in force on the receiving unit's calendar.
// Errors: Invalid naming every bad field at once (unknown procedure or one the unit does not apply:
// "procedure"; applicant data; each missing mandatory component), Forbidden, NotFound.
func (s *Service) Receive(ctx context.Context, p account.Principal, in ReceiveInput, now time.Time) (dossier.Dossier, error) {
	if err := account.Authorize(p, account.ReceiveDossiers, p.UnitPath); err != nil {
		return dossier.Dossier{}, err
	}
	unitCode := strings.ToUpper(strings.TrimSpace(in.UnitCode))
	if unitCode == "" {
		unitCode = p.UnitCode
	}
	competent := strings.ToUpper(strings.TrimSpace(in.CompetentUnit))
	if competent == "" {
		competent = unitCode
	}
	var f fault.Fields
	unit, err := s.Store.UnitByCode(ctx, unitCode)
	switch {
	case fault.Is(err, fault.NotFound):
		f.Add("unit", "unit.not_found", unitCode)
	case err != nil:
		return dossier.Dossier{}, err
	case !worksOn(p, unit):
		return dossier.Dossier{}, fault.New(fault.Forbidden, "error.forbidden")
	case !unit.ActiveOn(account.Today(now)):
		f.Add("unit", "unit.closed", unitCode, unit.ValidTo)
	}
	proc, err := s.Catalog.InForce(ctx, strings.TrimSpace(in.ProcedureCode), now)
	if fault.Is(err, fault.NotFound) {
		f.Add("procedure", "dossier.procedure.unknown", in.ProcedureCode)
	} else if err != nil {
		return dossier.Dossier{}, err
	} else if applied, err := s.Catalog.Units(ctx, proc.Code); err != nil {
		return dossier.Dossier{}, err
	} else if !slices.Contains(applied, competent) {
		f.Add("procedure", "dossier.procedure.not_applied", proc.Code, competent)
	}
	if err := f.Err(); err != nil {
		return dossier.Dossier{}, err
	}
	channel, err := dossier.ParseChannel(in.Channel)
	if err != nil {
		return dossier.Dossier{}, err
	}
	method, err := dossier.ParseReturnMethod(in.ReturnMethod)
	if err != nil {
		return dossier.Dossier{}, err
	}
	secret, err := dossier.NewSecret(s.Rand)
	if err != nil {
		return dossier.Dossier{}, fault.Wrap(err, "secret")
	}
	cal, err := s.Calendar.For(ctx, unitCode)
	if err != nil {
		return dossier.Dossier{}, err
	}
	filing := dossier.FilingInput{Code: "PENDING", LookupSecret: secret, Channel: channel, ReceivingUnit: unitCode,
		CompetentUnit: competent, Applicant: in.Applicant, Components: in.Components, Sets: in.Sets,
		ReturnMethod: method, ReturnAddress: in.ReturnAddress, Memo: dossier.Memo{Note: in.Note}}
	d, events, err := dossier.Receive(dossier.Dossier{}, filing, actor(p), proc, cal, now)
	if err != nil {
		return d, err
	}
	d.Code = ""
	return s.Store.InsertDossier(ctx, p, d, events, s.CodeFormat, now)
}
