package feedback

import (
	"context"
	"sort"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
)

// Urgency is how an open item stands against its deadline on the staff queue.
type Urgency string

// The urgencies: new (received, not yet touched by an officer, within its deadline), due soon (the
// deadline within 2 working days), overdue, waiting for the sender, and in hand (none of those).
const (
	UrgencyNew     Urgency = "new"
	UrgencyDueSoon Urgency = "due_soon"
	UrgencyOverdue Urgency = "overdue"
	UrgencyWaiting Urgency = "waiting"
	UrgencyInHand  Urgency = "in_hand"
)

// SoonDays is how many working days before a deadline an item counts as due soon.
const SoonDays = 2

// QueueItem is an open item with the deadline the unit works to and its urgency.
type QueueItem struct {
	Feedback
	Due     time.Time
	Urgency Urgency
	// Overdue lists the deadlines already missed (reject, info, answer, publish) while still open.
	Overdue []Deadline
}

// Queue is the staff's list of open items, sorted by deadline (items waiting for the sender last),
// with counts per urgency.
type Queue struct {
	Items                                 []QueueItem
	Total, New, DueSoon, Overdue, Waiting int
}

// Queue returns the open items of the units p handles, as they stand at now. Errors: Unauthorized,
// Forbidden (no right to handle feedback), Internal.
func (s *Service) Queue(ctx context.Context, p account.Principal, now time.Time) (Queue, error) {
	if p.UnitPath == "" {
		return Queue{}, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Can(account.HandleFeedback) {
		return Queue{}, fault.New(fault.Forbidden, "error.forbidden")
	}
	codes, _, err := s.handledUnits(ctx, p)
	if err != nil {
		return Queue{}, err
	}
	items, err := s.Store.OpenFeedback(ctx, codes)
	if err != nil {
		return Queue{}, err
	}
	var q Queue
	for _, f := range items {
		cal, err := s.Calendars.For(ctx, f.UnitCode)
		if err != nil {
			return Queue{}, err
		}
		it := QueueItem{Feedback: f, Due: f.NextDue()}
		soon := cal.AddWorkingDays(now, SoonDays)
		switch {
		case f.Status == MoreInfoRequested:
			it.Urgency = UrgencyWaiting
			q.Waiting++
		case now.After(it.Due):
			it.Urgency = UrgencyOverdue
			q.Overdue++
		case !soon.IsZero() && !soon.Before(it.Due):
			it.Urgency = UrgencyDueSoon
			q.DueSoon++
		case f.Status == Received && f.Handler == "":
			it.Urgency = UrgencyNew
			q.New++
		default:
			it.Urgency = UrgencyInHand
		}
		it.Overdue = f.Missed(now)
		q.Items = append(q.Items, it)
	}
	sort.SliceStable(q.Items, func(i, j int) bool {
		a, b := q.Items[i].Due, q.Items[j].Due
		if a.IsZero() != b.IsZero() {
			return b.IsZero()
		}
		if !a.Equal(b) {
			return a.Before(b)
		}
		return q.Items[i].Ref < q.Items[j].Ref
	})
	q.Total = len(q.Items)
	return q, nil
}

// Missed lists the deadlines of an open item already passed at now without the step being taken:
// reject and first information request while untouched, the answer while received, the publication
// while answered.
func (f Feedback) Missed(now time.Time) []Deadline {
	var out []Deadline
	if f.Status == Received && f.InfoRequestedAt.IsZero() && f.Handler == "" && now.After(f.RejectDue) {
		out = append(out, DeadlineReject)
	}
	if f.Status == Received && f.InfoRequestedAt.IsZero() && now.After(f.InfoDue) {
		out = append(out, DeadlineInfo)
	}
	if f.Status == Received && now.After(f.AnswerDue) {
		out = append(out, DeadlineAnswer)
	}
	if f.Status == Answered && now.After(f.PublishDue) {
		out = append(out, DeadlinePublish)
	}
	return out
}
