package feedback

import (
	"strings"
	"time"
	"unicode/utf8"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// MaxText is the longest text (content, reason, answer) accepted, in characters.
const MaxText = 5000

// allowed is the one table of which action may be taken in which status.
var allowed = map[Action][]Status{
	ActReject:      {Received},
	ActRequestInfo: {Received},
	ActSupplement:  {MoreInfoRequested},
	ActAnswer:      {Received},
	ActPublish:     {Answered},
}

// Allowed reports whether the action may be taken in the status.
func Allowed(a Action, s Status) bool {
	for _, x := range allowed[a] {
		if x == s {
			return true
		}
	}
	return false
}

// textField is the form field that carries an action's text.
var textField = map[Action]string{ActReject: "reason", ActRequestInfo: "request", ActSupplement: "info", ActAnswer: "answer"}

// TextField returns the name of the field that carries the action's text, or "" for none.
func TextField(a Action) string { return textField[a] }

// Apply takes the action on f at now by actor (a username; "" for the sender) with its text, and
// returns the changed item and its event. cal is the calendar of the item's unit: it moves the answer
// deadline by the working time spent waiting for the sender and sets the publication deadline.
// Errors: Conflict (feedback.transition.invalid) when the action is not allowed in the status;
// Invalid on the action's text field when the text is missing or too long.
func Apply(f Feedback, a Action, text, actor string, cal *calendar.Calendar, now time.Time) (Feedback, Event, error) {
	if !Allowed(a, f.Status) {
		if _, known := allowed[a]; !known {
			return f, Event{}, fault.New(fault.Invalid, "feedback.action.unknown")
		}
		return f, Event{}, fault.New(fault.Conflict, "feedback.transition.invalid")
	}
	text = strings.TrimSpace(text)
	if field := textField[a]; field != "" {
		var fs fault.Fields
		switch {
		case text == "":
			fs.Add(field, "feedback.text.required")
		case utf8.RuneCountInString(text) > MaxText:
			fs.Add(field, "feedback.text.too_long", MaxText)
		}
		if err := fs.Err(); err != nil {
			return f, Event{}, err
		}
	}
	ev := Event{At: now, Actor: actor, Action: a, From: f.Status, Note: text}
	switch a {
	case ActReject:
		f.Status, f.RejectedAt, f.Reason = Rejected, now, text
	case ActRequestInfo:
		f.Status, f.PausedAt, f.InfoRequest = MoreInfoRequested, now, text
		if f.InfoRequestedAt.IsZero() {
			f.InfoRequestedAt = now
		}
	case ActSupplement:
		f.Status = Received
		if !f.PausedAt.IsZero() {
			if due := cal.Pause(f.AnswerDue, f.PausedAt, now); !due.IsZero() {
				f.AnswerDue = due
			}
		}
		f.PausedAt = time.Time{}
		f.Content += "\n\n" + text
	case ActAnswer:
		f.Status, f.AnsweredAt, f.Answer = Answered, now, text
		f.PublishDue = cal.AddWorkingDays(now, PublishDays)
	case ActPublish:
		f.Status, f.PublishedAt = Published, now
		f.PublicName = MaskName(f.Name)
		f.PublicContent = f.MaskText(f.Content)
		f.PublicAnswer = f.MaskText(f.Answer)
	}
	if actor != "" {
		f.Handler = actor
	}
	ev.To = f.Status
	return f, ev, nil
}
