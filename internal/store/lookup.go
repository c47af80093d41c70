package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// lookupQuery reads what the public lookup shows of a dossier in one row: its indexed columns and
// its public timeline (the column timeline, migration 0013); the document is not decoded and the
// events are not read on this hot public path.
const lookupQuery = `SELECT code, lookup_secret, procedure_code, procedure_version, field_name, receiving_unit,
	competent_unit, channel, status, applicant_name, received_at, due_at, original_due_at, finished_at,
	returned_at, outcome, timeliness, timeline
	FROM dossiers WHERE code = $1`

// lookupEvents reads the events of a dossier stored before its row kept the timeline.
const lookupEvents = `SELECT at, action, from_status, to_status, private FROM dossier_events
	WHERE dossier_id = (SELECT id FROM dossiers WHERE code = $1) ORDER BY id`

// LookupDossier returns the public view of a dossier: its code, lookup secret, procedure, units,
// channel, status, applicant's name, times and outcome (the other fields are left zero), with its
// public events (time, action, from and to status; no notes, actors or private events). Errors:
// NotFound.
func (db *DB) LookupDossier(ctx context.Context, code string) (dossier.Dossier, []dossier.Event, error) {
	var d dossier.Dossier
	var channel, status int
	var received, due, original, finished, returned int64
	var outcome, timeliness, timeline string
	err := db.readRow(ctx, lookupQuery, code).Scan(&d.Code, &d.LookupSecret, &d.ProcedureCode, &d.ProcedureVersion, &d.FieldName,
		&d.ReceivingUnit, &d.CompetentUnit, &channel, &status, &d.Applicant.Name, &received, &due, &original, &finished, &returned,
		&outcome, &timeliness, &timeline)
	if err == sql.ErrNoRows {
		return dossier.Dossier{}, nil, fault.New(fault.NotFound, "dossier.not_found", code)
	}
	if err != nil {
		return dossier.Dossier{}, nil, mapErr(err, "lookup")
	}
	d.Channel, d.Status, d.Outcome, d.Timeliness = dossier.Channel(channel), dossier.Status(status), dossier.Outcome(outcome), dossier.Timeliness(timeliness)
	d.ReceivedAt, d.DueAt, d.OriginalDueAt = instant(received), instant(due), instant(original)
	d.FinishedAt, d.ReturnedAt = instant(finished), instant(returned)
	d.Rescheduled = !d.OriginalDueAt.IsZero() && !d.DueAt.Equal(d.OriginalDueAt)
	if timeline != "" {
		events, err := parseTimeline(timeline)
		if err != nil {
			return dossier.Dossier{}, nil, fault.Wrap(err, "lookup: timeline of "+code)
		}
		return d, events, nil
	}
	events, err := db.storedPublicEvents(ctx, code)
	return d, events, err
}

// storedPublicEvents reads the public events of a dossier from dossier_events.
func (db *DB) storedPublicEvents(ctx context.Context, code string) ([]dossier.Event, error) {
	rows, err := db.readQuery(ctx, lookupEvents, code)
	if err != nil {
		return nil, mapErr(err, "lookup")
	}
	defer rows.Close()
	var events []dossier.Event
	for rows.Next() {
		var at, from, to, private int64
		var action string
		if err := rows.Scan(&at, &action, &from, &to, &private); err != nil {
			return nil, mapErr(err, "lookup")
		}
		if private == 0 {
			events = append(events, dossier.Event{At: fromMS(at).In(icTime), Action: dossier.Action(action), From: dossier.Status(from), To: dossier.Status(to)})
		}
	}
	return events, mapErr(rows.Err(), "lookup")
}

// publicTimeline encodes the public events among events as the column timeline keeps them: each as
// ";at,action,from,to", at in Unix milliseconds.
func publicTimeline(events []dossier.Event) string {
	var b strings.Builder
	for _, e := range events {
		if e.Private {
			continue
		}
		b.WriteByte(';')
		b.WriteString(strconv.FormatInt(ms(e.At), 10))
		b.WriteByte(',')
		b.WriteString(string(e.Action))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(int(e.From)))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(int(e.To)))
	}
	return b.String()
}

// parseTimeline decodes the column timeline.
func parseTimeline(s string) ([]dossier.Event, error) {
	events := make([]dossier.Event, 0, strings.Count(s, ";"))
	for part := range strings.SplitSeq(s, ";") {
		if part == "" {
			continue
		}
		f := strings.Split(part, ",")
		if len(f) != 4 {
			return nil, fault.New(fault.Internal, "error.internal")
		}
		at, err1 := strconv.ParseInt(f[0], 10, 64)
		from, err2 := strconv.Atoi(f[2])
		to, err3 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, fault.New(fault.Internal, "error.internal")
		}
		events = append(events, dossier.Event{At: fromMS(at).In(icTime), Action: dossier.Action(f[1]), From: dossier.Status(from), To: dossier.Status(to)})
	}
	return events, nil
}

// instant is a stored instant in business time; 0 is the zero time.
func instant(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).In(icTime)
}
