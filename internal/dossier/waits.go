package dossier

import (
	"fmt"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// RequestSupplement records an office's request for a supplement during
// processing (4 → 5, Art. 19(5)). It goes to the applicant through the desk:
// the guidance (Mẫu 02) is appended to Guidances for the desk to issue, and a
// supplement wait starts with the procedure's policy. The request is counted
// (RepeatedSupplementRequest from the second) and flagged
// LateSupplementRequest after SupplementRequestLimit. Errors: Forbidden
// unless specialist, head or reception; Conflict (dossier.transition.invalid)
// in any status but 4; Invalid as for DeskGuidance's items.
func RequestSupplement(d Dossier, in GuidanceInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActRequestSupplement, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	g, err := guidance(in, a, "processing", now)
	if err != nil {
		return Dossier{}, nil, err
	}
	g.DossierCode, g.ProcedureCode, g.ProcedureName, g.Applicant = d.Code, d.ProcedureCode, d.ProcedureName, d.Applicant
	d.Guidances = append(d.Guidances, g)
	d.SupplementRequests++
	if d.SupplementRequests > 1 {
		d.RepeatedSupplementRequest = true
	}
	if limit := SupplementRequestLimit(d, cal); !limit.IsZero() && now.After(limit) {
		d.LateSupplementRequest = true
	}
	policy := d.Rules.SupplementPolicy
	if policy == "" {
		policy = procedure.Restart
	}
	d.Waits = append(d.Waits, Wait{Kind: WaitSupplement, From: now, Policy: policy})
	d.Status = StatusAwaitingSupplement
	return d, []Event{event(a, ActRequestSupplement, StatusProcessing, StatusAwaitingSupplement, now, in.Note, in.Attachments)}, nil
}

// SupplementInput is the complete supplement handed in at the desk.
type SupplementInput struct {
	Components []Paper // papers added or replaced, matched by name
	Memo
}

// ReceiveSupplement records the complete supplement (5 → 4). The wait ends
// now. Under policy restart the legal time starts again from now: a new
// appointment is computed by the calendar as at receipt (cut-off included)
// and becomes both DueAt and OriginalDueAt, and the running step's budget
// restarts from now. Under pause both appointments and the running step's
// due move later by the working time waited. Either way the change is in
// DueHistory and the interval in Waits. Errors: Forbidden unless reception
// or the applicant (who hands it in online);
// Conflict (dossier.transition.invalid) in any status but 5; Invalid for a
// paper without name or with a negative count, and
// dossier.deadline.uncomputable.
func ReceiveSupplement(d Dossier, in SupplementInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActReceiveSupplement, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	checkPapers(&f, in.Components)
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	d.Components = mergePapers(d.Components, in.Components)
	w, _ := endWait(&d, cal, now)
	if w.Policy == procedure.Pause {
		err = pauseBy(&d, cal, w, DuePaused, a.Username, now)
	} else {
		err = restart(&d, cal, a, now)
	}
	if err != nil {
		return Dossier{}, nil, err
	}
	d.Status = StatusProcessing
	return d, []Event{event(a, ActReceiveSupplement, StatusAwaitingSupplement, StatusProcessing, now, in.Note, in.Attachments)}, nil
}

// restart starts the legal time again at now (policy restart).
func restart(d *Dossier, cal *calendar.Calendar, a Actor, now time.Time) error {
	due, err := appointment(cal, d.ProcedureCode, d.Rules, now)
	if err != nil {
		return err
	}
	d.ClockStart = due.Start
	moveDue(d, due.At, true, DueRestarted, a.Username, "", now)
	if i := d.CurrentStep(); i >= 0 && d.Steps[i].Hours > 0 {
		d.Steps[i].Due = cal.AddWorkingHours(due.Start, time.Duration(d.Steps[i].Hours)*time.Hour)
	}
	return nil
}

// mergePapers marks the papers as provided in the checklist, adding those it
// does not list.
func mergePapers(cs []Component, papers []Paper) []Component {
	for _, p := range papers {
		found := false
		for i := range cs {
			if sameName(cs[i].Name, p.Name) {
				cs[i].Originals, cs[i].CertifiedCopies, cs[i].Copies, cs[i].Provided = p.Originals, p.CertifiedCopies, p.Copies, true
				found = true
				break
			}
		}
		if !found {
			cs = append(cs, Component{Name: strings.TrimSpace(p.Name), Originals: p.Originals,
				CertifiedCopies: p.CertifiedCopies, Copies: p.Copies, Provided: true})
		}
	}
	return cs
}

// CloseUnsupplemented closes a dossier whose supplement did not come in time
// (5 → 8, outcome closed, đóng hồ sơ). The wait ends now and, since the
// applicant's time is not the office's, both appointments move by the working
// time waited before the dossier is classified. The running step ends, the
// others are skipped. Errors: Forbidden unless reception; Conflict
// (dossier.transition.invalid) in any status but 5, and
// dossier.close.too_early before SupplementExpiresAt (argument: that instant).
func CloseUnsupplemented(d Dossier, in Memo, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActCloseUnsupplemented, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	if from := SupplementExpiresAt(d, cal); now.Before(from) {
		return Dossier{}, nil, fault.New(fault.Conflict, keyCloseTooEarly, stamp(from))
	}
	if err := stopClock(&d, cal, a, now); err != nil {
		return Dossier{}, nil, err
	}
	d.Status = StatusStopped
	d.StopNotice = StopNotice{Reason: strings.TrimSpace(in.Note), At: now, By: a.Username}
	finish(&d, OutcomeClosed, now)
	return d, []Event{event(a, ActCloseUnsupplemented, StatusAwaitingSupplement, StatusStopped, now, in.Note, in.Attachments)}, nil
}

// stopClock ends a dossier's clock for good at now: an open wait ends and
// moves the appointments by its working time; the workflow ends.
func stopClock(d *Dossier, cal *calendar.Calendar, a Actor, now time.Time) error {
	if w, ok := endWait(d, cal, now); ok {
		if err := pauseBy(d, cal, w, DueWaitEnded, a.Username, now); err != nil {
			return err
		}
	}
	endSteps(d, a, now)
	return nil
}

// FeeItem is one financial obligation asked for.
type FeeItem struct {
	Name      string `json:"name"`
	AmountVND int64  `json:"amount_vnd"`
}

// FeesInput asks the applicant to pay fees or taxes.
type FeesInput struct {
	Fees []FeeItem // optional; amounts must not be negative
	Memo
}

// RequestFees records that fees or taxes must be paid before processing goes
// on (4 → 6); a fees wait starts (always paused time). Errors: Forbidden
// unless specialist, head or reception; Conflict (dossier.transition.invalid)
// in any status but 4; Invalid for a fee without name (dossier.required on
// "fees[i].name") or with a negative amount (dossier.fee.amount.negative on
// "fees[i].amount_vnd").
func RequestFees(d Dossier, in FeesInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, _, now, err := begin(d, ActRequestFees, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	for i, fee := range in.Fees {
		checkText(&f, fmt.Sprintf("fees[%d].name", i), strings.TrimSpace(fee.Name), maxName, true)
		if fee.AmountVND < 0 {
			f.Add(fmt.Sprintf("fees[%d].amount_vnd", i), keyAmountNegative, fee.AmountVND)
		}
	}
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	for _, fee := range in.Fees {
		d.Fees = append(d.Fees, Fee{Name: strings.TrimSpace(fee.Name), AmountVND: fee.AmountVND, RequestedAt: now})
	}
	d.Waits = append(d.Waits, Wait{Kind: WaitFees, From: now, Policy: procedure.Pause})
	d.Status = StatusAwaitingFees
	return d, []Event{event(a, ActRequestFees, StatusProcessing, StatusAwaitingFees, now, in.Note, in.Attachments)}, nil
}

// FeesPaid records the payment (6 → 4): the wait ends now, the fees asked
// are marked paid, and both appointments and the running step's due move
// later by the working time waited. Errors: Forbidden unless reception,
// specialist or head; Conflict (dossier.transition.invalid) in any status but
// 6; Invalid dossier.deadline.uncomputable beyond 2100.
func FeesPaid(d Dossier, in Memo, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActFeesPaid, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	for i := range d.Fees {
		if d.Fees[i].PaidAt.IsZero() {
			d.Fees[i].PaidAt = now
		}
	}
	if w, ok := endWait(&d, cal, now); ok {
		if err := pauseBy(&d, cal, w, DueFeesPaid, a.Username, now); err != nil {
			return Dossier{}, nil, err
		}
	}
	d.Status = StatusProcessing
	return d, []Event{event(a, ActFeesPaid, StatusAwaitingFees, StatusProcessing, now, in.Note, in.Attachments)}, nil
}
