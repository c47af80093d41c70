package history

import (
	"slices"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// Actor is the username recorded on the events, the appointments and the refusals and stop notices
// of imported dossiers.
const Actor = "import"

// Lookup is what Build needs to know of the world.
type Lookup struct {
	// Unit reports whether code (upper case) identifies a unit. Units closed or merged since still
	// own their history, so any unit ever recorded should be known.
	Unit func(code string) bool
	// Procedure returns the version of the procedure code to pin for a dossier received at t (the
	// version in force then, or the current one for dates before the catalog was recorded); ok is
	// false when the code is unknown. t is zero when the receipt is missing or invalid.
	Procedure func(code string, t time.Time) (p procedure.Procedure, ok bool)
}

// Record is a valid row made into a dossier (without Code and LookupSecret: see Number) and its
// events.
type Record struct {
	Line    int
	Dossier dossier.Dossier
	Events  []dossier.Event
}

// Problem is one reason a row was rejected: the column at fault and a translatable message.
type Problem struct {
	Column  string
	Message fault.Message
}

// Rejection is a rejected row: its number and every problem found, in the order of Columns.
type Rejection struct {
	Line     int
	Problems []Problem
}

// Build validates every row and makes a dossier of each valid one; rejected rows are reported with
// their reasons and do not stop the others. It never fails: a row is either a Record or a
// Rejection. A row is rejected for an unknown unit or procedure, an unknown channel or outcome, a
// missing or impossible date (RFC 3339 with its offset; received_at and due_at are required), a
// finish before the receipt, a due before the receipt, a return before the finish (or without
// one), and an outcome without finished_at or finished_at without an outcome.
func Build(rows []Row, lk Lookup) ([]Record, []Rejection) {
	recs := make([]Record, 0, len(rows))
	var rejected []Rejection
	for _, r := range rows {
		rec, f := build(r, lk)
		if len(f) > 0 {
			rejected = append(rejected, Rejection{Line: r.Line, Problems: problems(f)})
			continue
		}
		recs = append(recs, rec)
	}
	return recs, rejected
}

// problems orders a row's field messages by column.
func problems(f fault.Fields) []Problem {
	out := make([]Problem, 0, len(f))
	for _, c := range Columns() {
		if m, ok := f[c]; ok {
			out = append(out, Problem{Column: c, Message: m})
		}
	}
	return out
}

// outcomes are the outcomes a history file may give (closed is a stop in the books).
var outcomes = []dossier.Outcome{dossier.OutcomeResult, dossier.OutcomeRefused, dossier.OutcomeWithdrawn, dossier.OutcomeStopped}

// build validates one row and makes its dossier; the fields are empty when the row is valid.
func build(r Row, lk Lookup) (Record, fault.Fields) {
	var f fault.Fields
	unit := strings.ToUpper(r.Unit)
	switch {
	case unit == "":
		f.Add(ColUnit, "history.required")
	case !lk.Unit(unit):
		f.Add(ColUnit, "history.unit.unknown", r.Unit)
	}
	received := instant(&f, ColReceivedAt, r.ReceivedAt, true)
	due := instant(&f, ColDueAt, r.DueAt, true)
	finished := instant(&f, ColFinishedAt, r.FinishedAt, false)
	returned := instant(&f, ColReturnedAt, r.ReturnedAt, false)

	var proc procedure.Procedure
	if r.Procedure == "" {
		f.Add(ColProcedure, "history.required")
	} else if p, ok := lk.Procedure(r.Procedure, received); ok {
		proc = p
	} else {
		f.Add(ColProcedure, "history.procedure.unknown", r.Procedure)
	}
	ch, err := dossier.ParseChannel(r.Channel)
	if err != nil {
		f.Add(ColChannel, "history.channel.invalid", r.Channel)
	}
	outcome := dossier.Outcome(strings.ToLower(r.Outcome))
	if outcome != "" && !slices.Contains(outcomes, outcome) {
		f.Add(ColOutcome, "history.outcome.invalid", r.Outcome)
	}

	switch {
	case !received.IsZero() && !due.IsZero() && due.Before(received):
		f.Add(ColDueAt, "history.due.before_received")
	}
	switch {
	case !received.IsZero() && !finished.IsZero() && finished.Before(received):
		f.Add(ColFinishedAt, "history.finished.before_received")
	case r.Outcome != "" && r.FinishedAt == "":
		f.Add(ColFinishedAt, "history.finished.required")
	case r.Outcome == "" && r.FinishedAt != "":
		f.Add(ColOutcome, "history.outcome.required")
	}
	switch {
	case r.ReturnedAt != "" && r.FinishedAt == "":
		f.Add(ColReturnedAt, "history.returned.without_finished")
	case !returned.IsZero() && !finished.IsZero() && returned.Before(finished):
		f.Add(ColReturnedAt, "history.returned.before_finished")
	}
	if len(f) > 0 {
		return Record{}, f
	}

	d := dossier.Dossier{ProcedureCode: proc.Code, ProcedureVersion: proc.Version, ProcedureName: proc.Name,
		FieldCode: proc.Field.Code, FieldName: proc.Field.Name, Rules: rules(proc, ch),
		ReceivingUnit: unit, CompetentUnit: unit, Channel: ch,
		Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: r.ApplicantName},
		Sets:      1, ReturnMethod: dossier.ReturnAtDesk,
		ReceivedAt: received, ClockStart: received, DueAt: due, OriginalDueAt: due,
		DueHistory: []dossier.DueChange{{At: received, To: due, Reason: dossier.DueReceived, By: Actor}},
		FinishedAt: finished, ReturnedAt: returned, Outcome: outcome, Timeliness: dossier.Classify(due, finished)}
	if r.Field != "" && r.Field != proc.Field.Name {
		d.FieldCode, d.FieldName = "", r.Field
	}
	if ch == dossier.ChannelOnline {
		d.SubmittedAt = received
		d.ReturnMethod = dossier.ReturnElectronic
	}
	return Record{Line: r.Line, Dossier: d, Events: finishDossier(&d)}, nil
}

// finishDossier sets the status from the outcome and returns one event per state passed: the
// receipt, processing, the end and the return.
func finishDossier(d *dossier.Dossier) []dossier.Event {
	ev := func(at time.Time, act dossier.Action, from, to dossier.Status) dossier.Event {
		return dossier.Event{At: at, Actor: Actor, ActorUnit: d.ReceivingUnit, Action: act, From: from, To: to}
	}
	events := []dossier.Event{ev(d.ReceivedAt, dossier.ActReceive, dossier.None, dossier.StatusReceived),
		ev(d.ReceivedAt, dossier.ActTransfer, dossier.StatusReceived, dossier.StatusProcessing)}
	d.Status = dossier.StatusProcessing
	switch d.Outcome {
	case dossier.OutcomeResult:
		d.Status = dossier.StatusDone
		events = append(events, ev(d.FinishedAt, dossier.ActResultReady, dossier.StatusProcessing, dossier.StatusDone))
	case dossier.OutcomeRefused:
		d.Status = dossier.StatusDone
		d.Refusal = dossier.Refusal{Stage: "appraisal", At: d.FinishedAt, By: Actor}
		events = append(events, ev(d.FinishedAt, dossier.ActRefuse, dossier.StatusProcessing, dossier.StatusDone))
	case dossier.OutcomeWithdrawn:
		// The request (7) and the stop notice (8) are one line in the books: the dossier ends stopped.
		d.Status = dossier.StatusStopped
		d.StopNotice = dossier.StopNotice{RequestedAt: d.FinishedAt, At: d.FinishedAt, By: Actor}
		events = append(events, ev(d.FinishedAt, dossier.ActRequestWithdrawal, dossier.StatusProcessing, dossier.StatusWithdrawalAsked),
			ev(d.FinishedAt, dossier.ActStop, dossier.StatusWithdrawalAsked, dossier.StatusStopped))
	case dossier.OutcomeStopped:
		d.Status = dossier.StatusStopped
		d.StopNotice = dossier.StopNotice{At: d.FinishedAt, By: Actor}
		events = append(events, ev(d.FinishedAt, dossier.ActStop, dossier.StatusProcessing, dossier.StatusStopped))
	}
	if d.Status == dossier.StatusDone && !d.ReturnedAt.IsZero() {
		d.Status = dossier.StatusReturned
		events = append(events, ev(d.ReturnedAt, dossier.ActReturn, dossier.StatusDone, dossier.StatusReturned))
	}
	return events
}

// rules copies the clock rules of the procedure's channel (its first channel if it has not this
// one: the books record what happened even where the catalog says otherwise), with the defaults.
func rules(p procedure.Procedure, ch dossier.Channel) dossier.Rules {
	c, ok := p.Channel(ch.Kind())
	if !ok && len(p.Channels) > 0 {
		c = p.Channels[0]
	}
	r := dossier.Rules{Time: c.Time, Unit: c.Unit, Cutoff: strings.TrimSpace(p.CutoffHour),
		SupplementPolicy: p.SupplementPolicy, SupplementDays: p.SupplementDays}
	if r.SupplementPolicy == "" {
		r.SupplementPolicy = procedure.Restart
	}
	if r.SupplementDays <= 0 {
		r.SupplementDays = procedure.DefaultSupplementDays
	}
	return r
}

// instant parses an RFC 3339 cell into Vietnam time, adding history.date.required (when required
// and empty) or history.date.invalid (unparsable, or outside the calendar's 1900–2100) to f.
func instant(f *fault.Fields, column, v string, required bool) time.Time {
	if v == "" {
		if required {
			f.Add(column, "history.date.required")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil || t.Year() < calendar.MinYear || t.Year() > calendar.MaxYear {
		f.Add(column, "history.date.invalid", v)
		return time.Time{}
	}
	return t.In(calendar.Location)
}
