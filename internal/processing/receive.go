package processing

import (
	"context"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
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
	Scans         []Scan // scanned papers, stored only if the dossier is
}

// Receive records a dossier received at the desk, with its code (unique per unit and day), lookup
// secret and appointment from the procedure version in force on the receiving unit's calendar.
// Errors: Invalid naming every bad field at once (unknown procedure or one the unit does not apply:
// "procedure"; applicant data; each missing mandatory component), Forbidden, NotFound.
func (s *Service) Receive(ctx context.Context, p account.Principal, in ReceiveInput, now time.Time) (dossier.Dossier, error) {
	if err := account.Authorize(p, account.ReceiveDossiers, p.UnitPath); err != nil {
		return dossier.Dossier{}, err
	}
	if in.UnitCode == "" {
		in.UnitCode = p.UnitCode
	}
	prep, err := s.prepare(ctx, &p, in, now)
	if err != nil {
		return dossier.Dossier{}, err
	}
	d, events, err := dossier.Receive(dossier.Dossier{}, prep.filing, actor(p), prep.proc, prep.cal, now)
	if err != nil {
		return d, err
	}
	d.Code = ""
	attach(&d, events, in.Scans, dossier.FileComponent)
	return s.withFiles(ctx, in.Scans, func() (dossier.Dossier, error) {
		return s.Store.InsertDossier(ctx, p, d, events, s.CodeFormat, now)
	})
}

// SubmitOnline records a dossier filed online by its applicant (status 1, Mới đăng ký): it gets its
// code and lookup secret now and keeps them through corrections; the desk must accept it, ask for
// corrections or refuse it within 8 working hours. Errors: Invalid naming every bad field.
func (s *Service) SubmitOnline(ctx context.Context, in ReceiveInput, now time.Time) (dossier.Dossier, error) {
	in.Channel = "online"
	prep, err := s.prepare(ctx, nil, in, now)
	if err != nil {
		return dossier.Dossier{}, err
	}
	applicant := dossier.Actor{Username: "applicant", FullName: in.Applicant.Name, UnitCode: prep.filing.ReceivingUnit, Roles: []string{dossier.RoleApplicant}}
	d, events, err := dossier.Submit(prep.filing, applicant, prep.proc, prep.cal, now)
	if err != nil {
		return d, err
	}
	d.Code = ""
	attach(&d, events, in.Scans, dossier.FileComponent)
	return s.withFiles(ctx, in.Scans, func() (dossier.Dossier, error) {
		return s.Store.InsertDossier(ctx, account.Principal{Username: "portal"}, d, events, s.CodeFormat, now)
	})
}

// RefuseAtDesk records the refusal at reception of a dossier handed in at the desk (status 3, Mẫu 03),
// with every reason. Errors: Invalid (no reason, bad applicant data), Forbidden.
func (s *Service) RefuseAtDesk(ctx context.Context, p account.Principal, in ReceiveInput, reasons []string, now time.Time) (dossier.Dossier, error) {
	if err := account.Authorize(p, account.ReceiveDossiers, p.UnitPath); err != nil {
		return dossier.Dossier{}, err
	}
	if in.UnitCode == "" {
		in.UnitCode = p.UnitCode
	}
	prep, err := s.prepare(ctx, &p, in, now)
	if err != nil {
		return dossier.Dossier{}, err
	}
	d, events, err := dossier.RefuseAtReception(dossier.Dossier{}, dossier.RefusalInput{Reasons: reasons, Channel: prep.filing.Channel,
		Applicant: in.Applicant, ReceivingUnit: prep.filing.ReceivingUnit, Memo: prep.filing.Memo}, actor(p), prep.proc, prep.cal, now)
	if err != nil {
		return d, err
	}
	d.Code = ""
	return s.Store.InsertDossier(ctx, p, d, events, s.CodeFormat, now)
}

// prepared is what every filing needs resolved first.
type prepared struct {
	proc   procedure.Procedure
	cal    *calendar.Calendar
	filing dossier.FilingInput
}

// prepare resolves the units, the procedure version in force (applied by the competent unit) and the
// calendar, and draws a lookup secret; p is nil for the applicant's own filing. Errors: Invalid
// naming the unit or procedure, Forbidden when p does not work on the receiving unit.
func (s *Service) prepare(ctx context.Context, p *account.Principal, in ReceiveInput, now time.Time) (prepared, error) {
	unitCode := strings.ToUpper(strings.TrimSpace(in.UnitCode))
	competent := strings.ToUpper(strings.TrimSpace(in.CompetentUnit))
	if competent == "" {
		competent = unitCode
	}
	var f fault.Fields
	unit, err := s.Store.UnitByCode(ctx, unitCode)
	switch {
	case fault.Is(err, fault.NotFound) || unitCode == "":
		f.Add("unit", "unit.not_found", unitCode)
	case err != nil:
		return prepared{}, err
	case p != nil && !worksOn(*p, unit):
		return prepared{}, fault.New(fault.Forbidden, "error.forbidden")
	case !unit.ActiveOn(account.Today(now)):
		f.Add("unit", "unit.closed", unitCode, unit.ValidTo)
	}
	proc, err := s.Catalog.InForce(ctx, strings.TrimSpace(in.ProcedureCode), now)
	if fault.Is(err, fault.NotFound) {
		f.Add("procedure", "dossier.procedure.unknown", in.ProcedureCode)
	} else if err != nil {
		return prepared{}, err
	} else if applied, err := s.Catalog.Units(ctx, proc.Code); err != nil {
		return prepared{}, err
	} else if !slices.Contains(applied, competent) {
		f.Add("procedure", "dossier.procedure.not_applied", proc.Code, competent)
	}
	if err := f.Err(); err != nil {
		return prepared{}, err
	}
	channel, err := dossier.ParseChannel(in.Channel)
	if err != nil {
		return prepared{}, err
	}
	method, err := dossier.ParseReturnMethod(in.ReturnMethod)
	if err != nil {
		return prepared{}, err
	}
	secret, err := dossier.NewSecret(s.Rand)
	if err != nil {
		return prepared{}, fault.Wrap(err, "secret")
	}
	cal, err := s.Calendar.For(ctx, unitCode)
	if err != nil {
		return prepared{}, err
	}
	return prepared{proc: proc, cal: cal, filing: dossier.FilingInput{Code: "PENDING", LookupSecret: secret, Channel: channel,
		ReceivingUnit: unitCode, CompetentUnit: competent, Applicant: in.Applicant, Components: in.Components, Sets: in.Sets,
		ReturnMethod: method, ReturnAddress: in.ReturnAddress, Memo: dossier.Memo{Note: in.Note}}}, nil
}
