package dossier

import (
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// FilingInput is what the applicant files, online (Submit, Resubmit) or at
// the desk (Receive).
type FilingInput struct {
	// Code and LookupSecret are allocated by the caller (see Code and
	// NewSecret) for a new dossier; an online dossier keeps its own.
	Code         string
	LookupSecret string
	// Channel is ChannelInPerson or ChannelPostal for a desk receipt; Submit
	// always files ChannelOnline and Receive keeps an online dossier's.
	Channel       Channel
	ReceivingUnit string // default: the actor's unit
	CompetentUnit string // default: the receiving unit
	Applicant     Applicant
	Case          string  // the procedure's case whose components apply, if it has cases
	Components    []Paper // the papers handed in or uploaded
	Sets          int     // default 1
	ReturnMethod  ReturnMethod
	ReturnAddress string
	Memo          // the note, and the scanned papers as attachments
}

// fill validates the filing into d. It records every problem in f; strict
// asks for a receipt's completeness (identity number, mandatory components).
func fill(d *Dossier, f *fault.Fields, in FilingInput, a Actor, p procedure.Procedure, strict bool) {
	d.ReceivingUnit = strings.TrimSpace(in.ReceivingUnit)
	if d.ReceivingUnit == "" {
		d.ReceivingUnit = a.UnitCode
	}
	if d.ReceivingUnit == "" {
		f.Add("receiving_unit", keyRequired)
	}
	d.CompetentUnit = strings.TrimSpace(in.CompetentUnit)
	if d.CompetentUnit == "" {
		d.CompetentUnit = d.ReceivingUnit
	}
	d.Applicant = checkApplicant(f, in.Applicant, strict)
	d.Case = strings.TrimSpace(in.Case)
	checkPapers(f, in.Components)
	var missing *fault.Fields
	if strict {
		missing = f
	}
	d.Components = checklist(missing, p, d.Case, in.Components)
	d.Sets = in.Sets
	if d.Sets == 0 {
		d.Sets = 1
	}
	if d.Sets < 0 {
		f.Add("sets", keySetsInvalid, in.Sets)
	}
	d.ReturnMethod = checkReturn(f, in.ReturnMethod, in.ReturnAddress, d.Applicant)
	d.ReturnAddress = strings.TrimSpace(in.ReturnAddress)
	d.ProcedureCode, d.ProcedureVersion, d.ProcedureName = p.Code, p.Version, p.Name
	d.FieldCode, d.FieldName = p.Field.Code, p.Field.Name
	if r, ok := rulesFor(p, d.Channel); ok {
		d.Rules = r
	}
}

// checkIdentity records a missing code and a malformed lookup secret.
func checkIdentity(f *fault.Fields, d *Dossier, in FilingInput) {
	d.Code = strings.TrimSpace(in.Code)
	if d.Code == "" {
		f.Add("code", keyRequired)
	}
	d.LookupSecret = NormalizeSecret(in.LookupSecret)
	if !ValidSecret(d.LookupSecret) {
		f.Add("lookup_secret", keySecretInvalid)
	}
}

// Submit records a dossier filed online (status 1, Mới đăng ký) under the
// procedure version in force at now, with CorrectionDueAt: CorrectionHours of
// working time from now (an arrival at night or on a rest day counts from the
// next working period). Completeness is checked at reception, not here.
// Errors: Forbidden (dossier.role.forbidden) unless the actor is an
// applicant or reception officer; Invalid with per-field keys for a missing
// code, bad lookup secret, unknown unit, bad applicant data, negative
// counts, a bad return method, or a procedure not in force or not offered
// online.
func Submit(in FilingInput, a Actor, p procedure.Procedure, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(Dossier{}, ActSubmit, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	d.Channel = ChannelOnline
	checkIdentity(&f, &d, in)
	checkProcedure(&f, p, d.Channel, p.InForceAt(now))
	fill(&d, &f, in, a, p, false)
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	d.Status = StatusSubmitted
	d.SubmittedAt = now
	d.CorrectionDueAt = cal.AddWorkingHours(now, CorrectionHours)
	return d, []Event{event(a, ActSubmit, None, StatusSubmitted, now, in.Note, in.Attachments)}, nil
}

// Resubmit replaces the filing of an online dossier still in status 1
// (typically after the desk asked for corrections): the code and secret are
// kept, and the units when the input names none; the 8 working hours of the
// desk start again from now. Errors: those
// of Submit (the input's code and secret are ignored), and Conflict
// (dossier.transition.invalid) in any other status.
func Resubmit(d Dossier, in FilingInput, a Actor, p procedure.Procedure, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActResubmit, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	if !sameName(p.Code, d.ProcedureCode) {
		f.Add("procedure", keyProcedureMismatch, d.ProcedureCode, p.Code)
	}
	if in.ReceivingUnit == "" {
		in.ReceivingUnit, in.CompetentUnit = d.ReceivingUnit, d.CompetentUnit
	}
	checkProcedure(&f, p, d.Channel, p.InForceAt(now))
	fill(&d, &f, in, a, p, false)
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	d.SubmittedAt = now
	d.CorrectionDueAt = cal.AddWorkingHours(now, CorrectionHours)
	d.CorrectionRequestedAt = time.Time{}
	return d, []Event{event(a, ActResubmit, StatusSubmitted, StatusSubmitted, now, in.Note, in.Attachments)}, nil
}

// Receive records a valid receipt (status 2, Mẫu 01) of a new desk dossier
// (d is the zero Dossier; channel in person or postal) or of an online
// dossier in status 1 (its code, secret and channel are kept; the input's
// applicant, components, sets and return replace the submitted ones when
// given). p is the procedure version in force at now, which the dossier pins.
// It sets ReceivedAt; computes ClockStart and DueAt = OriginalDueAt with the
// calendar from the channel's time and unit and the cut-off hour; and starts
// the first workflow step. An online dossier answered after CorrectionDueAt
// gets CorrectionLate.
//
// Errors: Forbidden unless the actor is a reception officer; Conflict
// (dossier.transition.invalid) in any status but None and 1; Invalid listing
// every problem at once: code, lookup secret, channel (dossier.channel.invalid
// for online at the desk, dossier.channel.unavailable), procedure
// (dossier.procedure.not_in_force, dossier.procedure.mismatch), applicant
// (kind, name, a citizen's identity number of 9 or 12 digits, phone, e-mail),
// each missing mandatory component (dossier.component.missing under
// "required_components[j]"), counts, sets, return method and address; Invalid
// dossier.deadline.uncomputable if the appointment cannot be computed.
func Receive(d Dossier, in FilingInput, a Actor, p procedure.Procedure, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActReceive, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	from := d.Status
	var f fault.Fields
	if from == None {
		checkIdentity(&f, &d, in)
		d.Channel = in.Channel
		if d.Channel != ChannelInPerson && d.Channel != ChannelPostal {
			f.Add("channel", keyChannelInvalid, in.Channel.String())
		}
	} else {
		if !sameName(p.Code, d.ProcedureCode) {
			f.Add("procedure", keyProcedureMismatch, d.ProcedureCode, p.Code)
		}
		in = mergeOnline(d, in)
	}
	checkProcedure(&f, p, d.Channel, p.InForceAt(now))
	fill(&d, &f, in, a, p, true)
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	due, err := appointment(cal, p.Code, d.Rules, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	if from == StatusSubmitted && d.CorrectionOverdue(now) {
		d.CorrectionLate = true
	}
	d.Status = StatusReceived
	d.ReceivedAt = now
	d.ClockStart = due.Start
	d.OriginalDueAt = due.At
	moveDue(&d, due.At, true, DueReceived, a.Username, "", now)
	d.Steps = instantiate(p.Workflow)
	if len(d.Steps) > 0 {
		startStep(&d, 0, cal, now, due.Start)
	}
	return d, []Event{event(a, ActReceive, from, StatusReceived, now, in.Note, in.Attachments)}, nil
}

// mergeOnline fills the parts of a receipt input left empty from the online
// submission.
func mergeOnline(d Dossier, in FilingInput) FilingInput {
	if in.Applicant == (Applicant{}) {
		in.Applicant = d.Applicant
	}
	if len(in.Components) == 0 {
		in.Components = papersOf(d.Components)
	}
	if in.Case == "" {
		in.Case = d.Case
	}
	if in.Sets == 0 {
		in.Sets = d.Sets
	}
	if in.ReturnMethod == "" {
		in.ReturnMethod, in.ReturnAddress = d.ReturnMethod, d.ReturnAddress
	}
	if in.ReceivingUnit == "" {
		in.ReceivingUnit = d.ReceivingUnit
	}
	if in.CompetentUnit == "" {
		in.CompetentUnit = d.CompetentUnit
	}
	return in
}
