package store

import (
	"context"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// lookupQuery reads what the public lookup shows of a dossier and its timeline in one statement,
// from the indexed columns only: the dossier document is not decoded on this hot public path.
const lookupQuery = `SELECT d.code, d.lookup_secret, d.procedure_code, d.procedure_version, d.field_name, d.receiving_unit,
	d.competent_unit, d.channel, d.status, d.applicant_name, d.received_at, d.due_at, d.original_due_at, d.finished_at,
	d.returned_at, d.outcome, d.timeliness,
	e.id, e.at, e.action, e.from_status, e.to_status, e.private
	FROM dossiers d LEFT JOIN dossier_events e ON e.dossier_id = d.id
	WHERE d.code = $1 ORDER BY e.id`

// LookupDossier returns the public view of a dossier: its code, lookup secret, procedure, units,
// channel, status, applicant's name, times and outcome (the other fields are left zero), with its
// events without notes or actors. Errors: NotFound.
func (db *DB) LookupDossier(ctx context.Context, code string) (dossier.Dossier, []dossier.Event, error) {
	rows, err := db.readQuery(ctx, lookupQuery, code)
	if err != nil {
		return dossier.Dossier{}, nil, mapErr(err, "lookup")
	}
	defer rows.Close()
	var d dossier.Dossier
	var events []dossier.Event
	found := false
	for rows.Next() {
		var channel, status int
		var received, due, original, finished, returned int64
		var outcome, timeliness string
		var eid, eat, efrom, eto, eprivate *int64
		var eaction *string
		if err := rows.Scan(&d.Code, &d.LookupSecret, &d.ProcedureCode, &d.ProcedureVersion, &d.FieldName, &d.ReceivingUnit,
			&d.CompetentUnit, &channel, &status, &d.Applicant.Name, &received, &due, &original, &finished, &returned, &outcome, &timeliness,
			&eid, &eat, &eaction, &efrom, &eto, &eprivate); err != nil {
			return dossier.Dossier{}, nil, mapErr(err, "lookup")
		}
		if !found {
			found = true
			d.Channel, d.Status, d.Outcome, d.Timeliness = dossier.Channel(channel), dossier.Status(status), dossier.Outcome(outcome), dossier.Timeliness(timeliness)
			d.ReceivedAt, d.DueAt, d.OriginalDueAt = instant(received), instant(due), instant(original)
			d.FinishedAt, d.ReturnedAt = instant(finished), instant(returned)
			d.Rescheduled = !d.OriginalDueAt.IsZero() && !d.DueAt.Equal(d.OriginalDueAt)
		}
		if eid != nil {
			events = append(events, dossier.Event{At: fromMS(*eat).In(icTime), Action: dossier.Action(*eaction),
				From: dossier.Status(*efrom), To: dossier.Status(*eto), Private: *eprivate != 0})
		}
	}
	if err := rows.Err(); err != nil {
		return dossier.Dossier{}, nil, mapErr(err, "lookup")
	}
	if !found {
		return dossier.Dossier{}, nil, fault.New(fault.NotFound, "dossier.not_found", code)
	}
	return d, events, nil
}

// instant is a stored instant in business time; 0 is the zero time.
func instant(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).In(icTime)
}
