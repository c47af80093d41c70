package dossier

import (
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// WithdrawalInput is the applicant's request to stop (Art. 21).
type WithdrawalInput struct {
	Reason string
	Memo
}

// RequestWithdrawal records the applicant's request to withdraw the dossier
// (→ 7), allowed from the receipt until the result or refusal is decided
// (statuses 2, 4, 5, 6). The request is the end of processing (FinishedAt,
// outcome withdrawn, classified): an open wait ends and moves the
// appointments by its working time, the running step ends, the others are
// skipped. Stop then issues the notice (7 → 8). Errors: Forbidden unless
// applicant or reception; Conflict (dossier.transition.invalid) in any other
// status.
func RequestWithdrawal(d Dossier, in WithdrawalInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActRequestWithdrawal, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	from := d.Status
	stage := stageOf(d)
	if err := stopClock(&d, cal, a, now); err != nil {
		return Dossier{}, nil, err
	}
	d.Status = StatusWithdrawalAsked
	d.StopNotice = StopNotice{RequestedAt: now, Reason: strings.TrimSpace(in.Reason), Stage: stage}
	finish(&d, OutcomeWithdrawn, now)
	return d, []Event{event(a, ActRequestWithdrawal, from, StatusWithdrawalAsked, now, noteOr(in.Note, []string{in.Reason}), in.Attachments)}, nil
}

// StopInput is the data of the stop notice (Mẫu 05 of 2025).
type StopInput struct {
	Reason   string // required unless the applicant asked (status 7)
	Stage    string // stage reached; default: the running step or the status
	Decision string
	Refunds  string // papers and fees returned under sector law
	Memo
}

// stageOf names how far the dossier got: the running step, else the status.
func stageOf(d Dossier) string {
	if i := d.CurrentStep(); i >= 0 {
		return d.Steps[i].Name
	}
	return d.Status.NameVI()
}

// Stop stops processing with a written notice (→ 8). From status 7 it
// completes the applicant's withdrawal (outcome withdrawn, the end stays at
// the request). From 2, 4, 5 or 6 it is the competent body's own stop
// (outcome stopped): an open wait ends and moves the appointments by its
// working time, the workflow ends, and the dossier is classified at now.
// Errors: Forbidden unless head, leader or reception; Conflict
// (dossier.transition.invalid) in any other status; Invalid for no reason
// (dossier.required on "reason") outside status 7.
func Stop(d Dossier, in StopInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActStop, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	from := d.Status
	reason := strings.TrimSpace(in.Reason)
	n := d.StopNotice
	if from != StatusWithdrawalAsked {
		var f fault.Fields
		checkText(&f, "reason", reason, maxAddress*4, true)
		if err := f.Err(); err != nil {
			return Dossier{}, nil, err
		}
		n = StopNotice{Stage: stageOf(d)}
		if err := stopClock(&d, cal, a, now); err != nil {
			return Dossier{}, nil, err
		}
		finish(&d, OutcomeStopped, now)
	}
	if reason != "" {
		n.Reason = reason
	}
	if s := strings.TrimSpace(in.Stage); s != "" {
		n.Stage = s
	}
	n.Decision, n.Refunds = strings.TrimSpace(in.Decision), strings.TrimSpace(in.Refunds)
	n.At, n.By = now, a.Username
	d.StopNotice = n
	d.Status = StatusStopped
	return d, []Event{event(a, ActStop, from, StatusStopped, now, noteOr(in.Note, []string{n.Reason}), in.Attachments)}, nil
}

// RefuseAfterAppraisal records a refusal decided after appraisal (4 → 9,
// outcome refused, with reasons): the running office step ends, the office
// steps not reached are skipped, the desk's return step starts, and the
// dossier is classified at now. Errors: Forbidden unless head or leader;
// Conflict (dossier.transition.invalid) in any status but 4; Invalid for no
// reason (dossier.reasons.required on "reasons").
func RefuseAfterAppraisal(d Dossier, in RefusalInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActRefuse, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	rs := reasons(&f, in.Reasons)
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	toDesk(&d, cal, a, now, true)
	d.Refusal = Refusal{Stage: "appraisal", At: now, By: a.Username, Reasons: rs}
	d.Status = StatusDone
	finish(&d, OutcomeRefused, now)
	return d, []Event{event(a, ActRefuse, StatusProcessing, StatusDone, now, noteOr(in.Note, rs), in.Attachments)}, nil
}

// ResultInput gives the result documents.
type ResultInput struct {
	Results []ResultDoc // at least one, each named
	Memo
}

// ResultReady records that the signed result is numbered and back at the
// desk (4 → 9, outcome result): the running office step ends, the desk's
// return step starts, and the dossier is classified at now. Every office step
// of the workflow must have been done (the running one is finished here).
// Open consultations do not block it. Errors: Forbidden unless clerk, leader
// or head; Conflict (dossier.transition.invalid) in any status but 4, and
// dossier.steps.pending naming the first office step not done; Invalid for
// no result (dossier.results.required on "results") or one without a name.
func ResultReady(d Dossier, in ResultInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActResultReady, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	var docs []ResultDoc
	for _, r := range in.Results {
		if r.Name = strings.TrimSpace(r.Name); r.Name != "" {
			r.Number = strings.TrimSpace(r.Number)
			docs = append(docs, r)
		}
	}
	if len(docs) == 0 {
		f.Add("results", keyResultsRequired)
	}
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	if pending := toDesk(&d, cal, a, now, false); pending != "" {
		return Dossier{}, nil, fault.New(fault.Conflict, keyStepsPending, pending)
	}
	d.Results = append(d.Results, docs...)
	d.Status = StatusDone
	finish(&d, OutcomeResult, now)
	return d, []Event{event(a, ActResultReady, StatusProcessing, StatusDone, now, in.Note, in.Attachments)}, nil
}

// ReturnInput says how the result was handed over.
type ReturnInput struct {
	Method  ReturnMethod // default: the dossier's ReturnMethod
	Address string       // for post: overrides the dossier's return address
	Memo
}

// Return records that the result (or refusal) was handed over (9 → 10) at
// the desk, by post or electronically: ReturnedAt is now, the desk's return
// step ends. The classification does not change: the end was the result.
// Errors: Forbidden unless reception or clerk; Conflict
// (dossier.transition.invalid) in any status but 9; Invalid for an unknown
// method (dossier.return_method.invalid) or post without an address
// (dossier.return_address.required).
func Return(d Dossier, in ReturnInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, _, now, err := begin(d, ActReturn, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	m := in.Method
	if m == "" {
		m = d.ReturnMethod
	}
	addr := strings.TrimSpace(in.Address)
	if addr == "" {
		addr = d.ReturnAddress
	}
	var f fault.Fields
	m = checkReturn(&f, m, addr, d.Applicant)
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	d.ReturnMethod, d.ReturnAddress = m, addr
	d.ReturnedAt = now
	endSteps(&d, a, now)
	d.Status = StatusReturned
	return d, []Event{event(a, ActReturn, StatusDone, StatusReturned, now, in.Note, in.Attachments)}, nil
}
