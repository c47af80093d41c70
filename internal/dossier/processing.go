package dossier

import (
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// Memo is the free part of most actions: a note for the timeline and file
// references (scans, signed documents).
type Memo struct {
	Note        string
	Attachments []string
}

// TransferInput hands a received dossier to the competent office.
type TransferInput struct {
	CompetentUnit string `json:"competent_unit"` // optional: corrects the competent body's identifier
	Memo
}

// Transfer hands a received dossier to the competent office (2 → 4, Art.
// 18): if the running workflow step is the desk's (role reception), it is
// finished and classified and the next step starts. The event names the step
// finished. Errors: Forbidden unless reception; Conflict
// (dossier.transition.invalid) in any status but 2.
func Transfer(d Dossier, in TransferInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActTransfer, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	if u := strings.TrimSpace(in.CompetentUnit); u != "" {
		d.CompetentUnit = u
	}
	step := ""
	if i := d.CurrentStep(); i >= 0 && d.Steps[i].Role == RoleReception {
		step = advance(&d, cal, a, now)
	}
	d.Status = StatusProcessing
	e := event(a, ActTransfer, StatusReceived, StatusProcessing, now, in.Note, in.Attachments)
	e.Step = step
	return d, []Event{e}, nil
}

// AssignInput names who takes a step.
type AssignInput struct {
	Assignee     string // username, required; the caller checks the user exists and may act
	AssigneeName string `json:"assignee_name"`
	Step         int    // 1-based number of the step; 0 means the running step
	Memo
}

// Assign records the head's assignment of a step to an officer (phân công):
// the step's Assignee, and the dossier's Assignee. A dossier without workflow
// only records the dossier's Assignee. The event is private. Errors:
// Forbidden unless head; Conflict (dossier.transition.invalid) in any status
// but 4, dossier.step.none when Step is 0 and no step runs, dossier.step.done
// for a step done or skipped; Invalid for no assignee (dossier.required on
// "assignee") or no such step (dossier.step.unknown on "step").
func Assign(d Dossier, in AssignInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, _, now, err := begin(d, ActAssign, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	user := strings.TrimSpace(in.Assignee)
	if user == "" {
		return Dossier{}, nil, fieldErr("assignee", keyRequired)
	}
	i := in.Step - 1
	switch {
	case len(d.Steps) == 0 && in.Step == 0:
		i = -1
	case in.Step == 0:
		if i = d.CurrentStep(); i < 0 {
			return Dossier{}, nil, fault.New(fault.Conflict, keyStepNone)
		}
	case i < 0 || i >= len(d.Steps):
		return Dossier{}, nil, fieldErr("step", keyStepUnknown, in.Step)
	}
	e := event(a, ActAssign, d.Status, d.Status, now, in.Note, in.Attachments)
	e.Private = true
	if i >= 0 {
		s := &d.Steps[i]
		if !s.Done.IsZero() || s.Skipped {
			return Dossier{}, nil, fault.New(fault.Conflict, keyStepDone, s.Name)
		}
		s.Assignee, s.AssigneeName = user, strings.TrimSpace(in.AssigneeName)
		e.Step = s.Name
	}
	d.Assignee = user
	return d, []Event{e}, nil
}

// CompleteStep finishes the running workflow step, classifies it against its
// due (early, on time, late) and starts the next one; the status stays 4.
// The event is private and names the step finished. Errors: Forbidden
// (dossier.role.forbidden) for an actor of no office role, Forbidden
// (dossier.step.forbidden) for one neither assigned to the step nor of its
// role; Conflict (dossier.transition.invalid) in any status but 4, and
// dossier.step.none when no step runs.
func CompleteStep(d Dossier, in Memo, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActCompleteStep, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	e := event(a, ActCompleteStep, d.Status, d.Status, now, in.Note, in.Attachments)
	e.Step = advance(&d, cal, a, now)
	e.Private = true
	return d, []Event{e}, nil
}

// ConsultInput asks another unit for its opinion (liên thông).
type ConsultInput struct {
	Unit    string // required
	Subject string
	Hours   int // budget in working hours, at least 1
	Memo
}

// Consult records a consultation of another unit with its own budget: its
// due is Hours of working time from now. The status stays 4; the event is
// private. Errors: Forbidden unless specialist or head; Conflict
// (dossier.transition.invalid) in any status but 4; Invalid for no unit
// (dossier.required on "unit") or Hours < 1 (dossier.hours.invalid on
// "hours").
func Consult(d Dossier, in ConsultInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActConsult, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	var f fault.Fields
	unit := strings.TrimSpace(in.Unit)
	checkText(&f, "unit", unit, maxName, true)
	if in.Hours < 1 {
		f.Add("hours", keyHoursInvalid, in.Hours)
	}
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	due := cal.AddWorkingHours(now, time.Duration(in.Hours)*time.Hour)
	if due.IsZero() {
		return Dossier{}, nil, deadlineErr(d.ProcedureCode, nil)
	}
	d.Consultations = append(d.Consultations, Consultation{Unit: unit, Subject: strings.TrimSpace(in.Subject),
		Hours: in.Hours, AskedAt: now, AskedBy: a.Username, Due: due})
	e := event(a, ActConsult, d.Status, d.Status, now, in.Note, in.Attachments)
	e.Private = true
	return d, []Event{e}, nil
}

// AnswerInput records a consulted unit's answer.
type AnswerInput struct {
	Consultation int // 1-based number in Dossier.Consultations
	Answer       string
	Memo
}

// AnswerConsultation records the answer of a consulted unit and classifies
// it against the consultation's due. The status is unchanged; the event is
// private. Errors: Forbidden unless specialist or head; Conflict
// (dossier.transition.invalid) outside statuses 4–6, and
// dossier.consultation.answered if already answered; Invalid for no such
// consultation (dossier.consultation.unknown on "consultation").
func AnswerConsultation(d Dossier, in AnswerInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, _, now, err := begin(d, ActAnswerConsultation, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	i := in.Consultation - 1
	if i < 0 || i >= len(d.Consultations) {
		return Dossier{}, nil, fieldErr("consultation", keyConsultationUnknown, in.Consultation)
	}
	c := &d.Consultations[i]
	if !c.AnsweredAt.IsZero() {
		return Dossier{}, nil, fault.New(fault.Conflict, keyConsultationAnswered, c.Unit)
	}
	c.AnsweredAt, c.Answer, c.Timeliness = now, strings.TrimSpace(in.Answer), Classify(c.Due, now)
	e := event(a, ActAnswerConsultation, d.Status, d.Status, now, in.Note, in.Attachments)
	e.Private = true
	return d, []Event{e}, nil
}
