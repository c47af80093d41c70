package feedback

import (
	"time"

	"motcua/internal/calendar"
)

// The deadlines of domain.md §9, in working days.
const (
	RejectDays  = 2  // reject, from receipt
	InfoDays    = 5  // first request for more information, from receipt
	AnswerDays  = 15 // answer, from receipt
	PublishDays = 2  // publish, from the answer
)

// Deadline names a deadline of an item, for the on-time figures.
type Deadline string

// The deadline kinds.
const (
	DeadlineReject  Deadline = "reject"
	DeadlineInfo    Deadline = "info"
	DeadlineAnswer  Deadline = "answer"
	DeadlinePublish Deadline = "publish"
)

// Timeliness is whether a step was taken by its deadline.
type Timeliness string

// The classes of a step: on time (at or before the deadline) or late.
const (
	OnTime Timeliness = "on_time"
	Late   Timeliness = "late"
)

// Classify returns OnTime when done is not after due, Late otherwise; "" when either is zero.
func Classify(done, due time.Time) Timeliness {
	if done.IsZero() || due.IsZero() {
		return ""
	}
	if done.After(due) {
		return Late
	}
	return OnTime
}

// SetDeadlines fills the deadlines counted from receipt: reject, first information request and
// answer, each a number of working days on cal after received (receipt outside working hours counts
// from the next opening).
func SetDeadlines(f *Feedback, cal *calendar.Calendar, received time.Time) {
	f.ReceivedAt = received
	f.RejectDue = cal.AddWorkingDays(received, RejectDays)
	f.InfoDue = cal.AddWorkingDays(received, InfoDays)
	f.AnswerDue = cal.AddWorkingDays(received, AnswerDays)
}

// NextDue is the deadline the unit works to now: the answer while received, the publication once
// answered; zero while waiting for the sender or when closed.
func (f Feedback) NextDue() time.Time {
	switch f.Status {
	case Received:
		return f.AnswerDue
	case Answered:
		return f.PublishDue
	}
	return time.Time{}
}
