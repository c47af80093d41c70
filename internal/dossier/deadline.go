package dossier

import (
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// CorrectionHours is the working time the desk has to accept an online
// dossier or ask for corrections (domain.md §4).
const CorrectionHours = 8 * time.Hour

// SupplementRequestDays is how many working days after receipt an office may
// ask for a supplement before the request is flagged late (Art. 19(5)).
const SupplementRequestDays = 3

// rulesFor copies the clock rules of the procedure's channel, with the
// defaults applied; ok is false if the procedure has no such channel.
func rulesFor(p procedure.Procedure, ch Channel) (Rules, bool) {
	c, ok := p.Channel(ch.Kind())
	if !ok {
		return Rules{}, false
	}
	r := Rules{Time: c.Time, Unit: c.Unit, Cutoff: strings.TrimSpace(p.CutoffHour),
		SupplementPolicy: p.SupplementPolicy, SupplementDays: p.SupplementDays}
	if r.SupplementPolicy == "" {
		r.SupplementPolicy = procedure.Restart
	}
	if r.SupplementDays <= 0 {
		r.SupplementDays = procedure.DefaultSupplementDays
	}
	return r, true
}

// appointment computes the appointment of a clock started by an event at
// from (a receipt, or a complete supplement under restart). It returns an
// Invalid fault with key dossier.deadline.uncomputable if the rules cannot be
// computed (bad cut-off, unit or time; beyond 2100).
func appointment(cal *calendar.Calendar, code string, r Rules, from time.Time) (calendar.Due, error) {
	req := calendar.DueRequest{Received: from, Amount: r.Time, Unit: calendar.TimeUnit(r.Unit)}
	if r.Cutoff != "" {
		c, err := calendar.ParseClock(r.Cutoff)
		if err != nil {
			return calendar.Due{}, deadlineErr(code, err)
		}
		req.Cutoff = &c
	}
	due, err := cal.Due(req)
	if err != nil {
		return calendar.Due{}, deadlineErr(code, err)
	}
	return due, nil
}

func deadlineErr(code string, cause error) error {
	return &fault.Error{Kind: fault.Invalid, Message: fault.Message{Key: keyDeadline, Args: []any{code}}, Err: cause}
}

// moveDue sets the current appointment and records the change; with legal
// it moves OriginalDueAt too (every change but a reschedule).
func moveDue(d *Dossier, to time.Time, legal bool, reason DueReason, by, note string, now time.Time) {
	d.DueHistory = append(d.DueHistory, DueChange{At: now, From: d.DueAt, To: to, Reason: reason, By: by, Note: note})
	d.DueAt = to
	if legal {
		d.OriginalDueAt = to
	}
}

// endWait closes the open wait at now and returns it; ok is false if none is
// open.
func endWait(d *Dossier, cal *calendar.Calendar, now time.Time) (Wait, bool) {
	i := d.OpenWait()
	if i < 0 {
		return Wait{}, false
	}
	w := &d.Waits[i]
	w.To = now
	w.WorkingTime = max(cal.WorkingTimeBetween(w.From, now), 0)
	return *w, true
}

// pauseBy moves both appointments and the running step's due later by the
// working time of the wait w. It returns the Invalid deadline fault if a
// moved instant falls beyond 2100.
func pauseBy(d *Dossier, cal *calendar.Calendar, w Wait, reason DueReason, by string, now time.Time) error {
	if w.WorkingTime <= 0 {
		return nil
	}
	due := cal.AddWorkingHours(d.DueAt, w.WorkingTime)
	orig := cal.AddWorkingHours(d.OriginalDueAt, w.WorkingTime)
	if due.IsZero() || orig.IsZero() {
		return deadlineErr(d.ProcedureCode, nil)
	}
	moveDue(d, due, false, reason, by, "", now)
	d.OriginalDueAt = orig
	if i := d.CurrentStep(); i >= 0 && !d.Steps[i].Due.IsZero() {
		d.Steps[i].Due = cal.AddWorkingHours(d.Steps[i].Due, w.WorkingTime)
	}
	return nil
}

// SupplementRequestLimit returns the last instant at which an office may ask
// for a supplement without the request being flagged late: receipt plus
// SupplementRequestDays working days of working time (a receipt outside
// working hours counts from the next working period). It returns the zero
// time for a dossier not received.
func SupplementRequestLimit(d Dossier, cal *calendar.Calendar) time.Time {
	if d.ReceivedAt.IsZero() {
		return time.Time{}
	}
	if cal == nil {
		cal = calendar.Default()
	}
	return cal.AddWorkingHours(d.ReceivedAt, SupplementRequestDays*cal.Hours().Daily())
}

// SupplementExpiresAt returns the instant from which the desk may close a
// dossier waiting for a supplement (status 5): the applicant's period of
// Rules.SupplementDays calendar days is counted as the Civil Code counts a
// period (Arts. 147–148): the day of the request is not counted, and the
// period ends at 24:00 of its last day, or of the next working day when the
// last day is a rest day. It returns the zero time if the dossier is not
// waiting for a supplement.
func SupplementExpiresAt(d Dossier, cal *calendar.Calendar) time.Time {
	i := d.OpenWait()
	if i < 0 || d.Waits[i].Kind != WaitSupplement {
		return time.Time{}
	}
	if cal == nil {
		cal = calendar.Default()
	}
	days := d.Rules.SupplementDays
	if days <= 0 {
		days = procedure.DefaultSupplementDays
	}
	last := calendar.DateOf(d.Waits[i].From).AddDays(days)
	for n := 0; n < 366 && !cal.IsWorkingDay(last); n++ {
		last = last.AddDays(1)
	}
	return last.AddDays(1).At(0, 0)
}

// RescheduleDeadline returns the last instant at which the appointment due
// may still be moved by an apology (Mẫu 04): "at the latest one day before
// the appointment" is read as the closing time of the last working day before
// the appointment's day. It returns the zero time if due is zero.
func RescheduleDeadline(due time.Time, cal *calendar.Calendar) time.Time {
	if due.IsZero() {
		return time.Time{}
	}
	if cal == nil {
		cal = calendar.Default()
	}
	day := calendar.DateOf(due).AddDays(-1)
	for n := 0; n < 366 && !cal.IsWorkingDay(day); n++ {
		day = day.AddDays(-1)
	}
	closing := cal.Hours().Closing()
	return day.At(closing.Hour, closing.Minute)
}

// TimeLeft returns the working time from now to the current appointment:
// negative when it has passed, zero for a dossier without appointment.
func TimeLeft(d Dossier, cal *calendar.Calendar, now time.Time) time.Duration {
	if d.DueAt.IsZero() {
		return 0
	}
	if cal == nil {
		cal = calendar.Default()
	}
	return cal.WorkingTimeBetween(now, d.DueAt)
}
