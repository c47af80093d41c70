package dossier

import (
	"time"

	"motcua/internal/calendar"
)

// Classify classifies an end against a due time (domain.md §6): Late if end
// is after due; Early if end falls on an earlier calendar day than due in
// Vietnam time; OnTime otherwise (the same day, at or before due). It returns
// "" (not classified) if either instant is zero.
func Classify(due, end time.Time) Timeliness {
	switch {
	case due.IsZero() || end.IsZero():
		return ""
	case end.After(due):
		return Late
	case calendar.DateOf(end).Before(calendar.DateOf(due)):
		return Early
	}
	return OnTime
}

// End returns the end of processing: the first of result ready, refusal
// after appraisal, withdrawal request, stop or close (FinishedAt), or the
// return if no earlier end was recorded. It returns the zero time for a
// dossier still pending, and for one never received (status 1 or 3).
func (d Dossier) End() time.Time {
	if d.ReceivedAt.IsZero() {
		return time.Time{}
	}
	if !d.FinishedAt.IsZero() {
		return d.FinishedAt
	}
	return d.ReturnedAt
}

// Classification returns the dossier's class: End against OriginalDueAt, so
// that a rescheduled dossier finishing after its original appointment is
// late. It returns "" for a dossier not finished or never received.
func (d Dossier) Classification() Timeliness { return Classify(d.OriginalDueAt, d.End()) }

// Overdue reports whether a pending received dossier has passed its
// OriginalDueAt at now (column 13 of report II.06a). A dossier waiting for
// the applicant (status 5 or 6) is not overdue: its clock does not run. It
// returns false for a finished dossier or one never received.
func (d Dossier) Overdue(now time.Time) bool {
	switch {
	case d.ReceivedAt.IsZero() || !d.End().IsZero() || d.OriginalDueAt.IsZero():
		return false
	case d.Status == StatusAwaitingSupplement || d.Status == StatusAwaitingFees:
		return false
	}
	return now.After(d.OriginalDueAt)
}

// finish records the end of processing at now: FinishedAt, the outcome and
// the classification.
func finish(d *Dossier, o Outcome, now time.Time) {
	if d.FinishedAt.IsZero() {
		d.FinishedAt = now
	}
	d.Outcome = o
	d.Timeliness = d.Classification()
}
