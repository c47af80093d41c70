package dossier

import (
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// RescheduleInput is the apology and proposed new date (Mẫu 04).
type RescheduleInput struct {
	Reason   string    // required: why the dossier is late
	NewDueAt time.Time `json:"new_due_at"` // required: the new appointment, after the current one
	Memo
}

// Reschedule records the competent office's apology and the new appointment
// the desk gives the applicant (Mẫu 04, Art. 19(6)); the status stays 4. It
// is allowed only once per dossier and at the latest at RescheduleDeadline
// (the closing time of the last working day before the appointment's day).
// DueAt becomes the new date; OriginalDueAt is kept, so a dossier finishing
// after it is still late. Errors: Forbidden unless head, leader or
// reception; Conflict dossier.transition.invalid in any status but 4,
// dossier.reschedule.already for a second attempt (argument: the appointment
// given the first time), dossier.reschedule.too_late after the deadline
// (argument: the deadline); Invalid for no reason (dossier.required on
// "reason") or a new date not after the current appointment
// (dossier.reschedule.not_later on "new_due_at", argument: the current
// appointment).
func Reschedule(d Dossier, in RescheduleInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, cal, now, err := begin(d, ActReschedule, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	if d.Rescheduled {
		prev := d.DueAt
		if n := len(d.Apologies); n > 0 {
			prev = d.Apologies[n-1].To
		}
		return Dossier{}, nil, fault.New(fault.Conflict, keyRescheduleAgain, stamp(prev))
	}
	if limit := RescheduleDeadline(d.DueAt, cal); now.After(limit) {
		return Dossier{}, nil, fault.New(fault.Conflict, keyRescheduleLate, stamp(limit))
	}
	var f fault.Fields
	reason := strings.TrimSpace(in.Reason)
	checkText(&f, "reason", reason, maxAddress*4, true)
	if !in.NewDueAt.After(d.DueAt) {
		f.Add("new_due_at", keyRescheduleEarlier, stamp(d.DueAt))
	}
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	to := in.NewDueAt.In(calendar.Location)
	d.Apologies = append(d.Apologies, Apology{At: now, By: a.Username, Reason: reason, From: d.DueAt, To: to})
	d.Rescheduled = true
	moveDue(&d, to, false, DueRescheduled, a.Username, reason, now)
	return d, []Event{event(a, ActReschedule, d.Status, d.Status, now, noteOr(in.Note, []string{reason}), in.Attachments)}, nil
}
