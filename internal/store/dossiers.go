package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/fold"
	"motcua/internal/processing"
)

var _ processing.Store = (*DB)(nil)

// dossierValues returns the values of the indexed columns of a dossier, in the order of the table,
// and its document (stored in dossier_docs).
func dossierValues(d dossier.Dossier) ([]any, string, error) {
	doc, err := json.Marshal(d)
	if err != nil {
		return nil, "", err
	}
	var code any
	if d.Code != "" {
		code = d.Code
	}
	key := fold.String(d.Applicant.Name + " " + d.Applicant.IDNumber + " " + d.Applicant.Phone)
	return []any{code, d.LookupSecret, d.ProcedureCode, d.ProcedureVersion, d.FieldName, d.ReceivingUnit, d.CompetentUnit,
		int(d.Channel), int(d.Status), d.Applicant.Name, key, d.Applicant.IDNumber, d.Applicant.Phone, d.Assignee,
		ms(d.SubmittedAt), ms(d.CorrectionDueAt), ms(d.ReceivedAt), ms(d.DueAt), ms(d.OriginalDueAt), ms(d.FinishedAt),
		ms(d.ReturnedAt), string(d.Outcome), string(d.Timeliness), d.Version}, string(doc), nil
}

const dossierInsert = `INSERT INTO dossiers (code, lookup_secret, procedure_code, procedure_version, field_name, receiving_unit,
	competent_unit, channel, status, applicant_name, applicant_key, applicant_id, applicant_phone, assignee, submitted_at,
	correction_due_at, received_at, due_at, original_due_at, finished_at, returned_at, outcome, timeliness, version,
	created_at, updated_at, timeline)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $25, $26)
	RETURNING id`

// The statements of recording a new dossier.
const (
	sequenceNext = `INSERT INTO dossier_sequences (prefix, last) VALUES ($1, 1)
		ON CONFLICT (prefix) DO UPDATE SET last = dossier_sequences.last + 1 RETURNING last`
	docInsert   = `INSERT INTO dossier_docs (dossier_id, doc) VALUES ($1, $2)`
	docUpdate   = `UPDATE dossier_docs SET doc = $1 WHERE dossier_id = $2`
	eventInsert = `INSERT INTO dossier_events (dossier_id, at, actor, actor_unit, action, from_status, to_status,
		step, note, private, attachments) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
)

// InsertDossier stores a new dossier with its events and audit entry. When the dossier has no code,
// the next number of the day is taken for its prefix inside the same transaction and the code is
// made with dossier.Code(format, ...), so codes are unique per unit and day under concurrent
// receptions. Concurrent calls are written together in one transaction (group commit, see batch.go),
// and a failing insert does not undo the others (see writeBatch). It returns the
// dossier as stored (with its code and version 1).
func (db *DB) InsertDossier(ctx context.Context, actor account.Principal, d dossier.Dossier, events []dossier.Event, format string, codeDay time.Time) (dossier.Dossier, error) {
	return db.batchInsert(ctx, insertRequest{actor: actor, d: d, events: events, format: format, day: codeDay})
}

// insertOne writes one new dossier inside tx.
func (tx *Tx) insertOne(ctx context.Context, r insertRequest) (dossier.Dossier, error) {
	d := r.d
	if d.Code == "" {
		day := r.day.In(icTime)
		prefix := d.CompetentUnit + "-" + day.Format("060102")
		var seq int
		if err := tx.queryRow(ctx, sequenceNext, prefix).Scan(&seq); err != nil {
			return d, err
		}
		d.Code = dossier.Code(r.format, d.CompetentUnit, day, seq)
	}
	d.Version = 1
	vals, doc, err := dossierValues(d)
	if err != nil {
		return d, err
	}
	var id int64
	if err := tx.queryRow(ctx, dossierInsert, append(vals, ms(tx.Now), publicTimeline(r.events))...).Scan(&id); err != nil {
		if isUniqueViolation(err) {
			return d, fault.New(fault.Conflict, "error.conflict")
		}
		return d, err
	}
	if _, err := tx.exec(ctx, docInsert, id, tx.db.packDoc(doc)); err != nil {
		return d, err
	}
	if err := tx.insertEvents(ctx, id, r.events); err != nil {
		return d, err
	}
	if factsOf(d).summarised() { // a reception is open: only a dossier stored finished is summarised
		if err := tx.summariseDossiers(ctx, []dossier.Dossier{d}); err != nil {
			return d, err
		}
	}
	return d, tx.record(ctx, r.actor, d.ReceivingUnit, "dossier."+string(lastAction(r.events)), "dossier:"+d.Code, nil, dossierSummary(d))
}

// icTime is business time, for the day in dossier codes.
var icTime = time.FixedZone("ICT", 7*3600)

func lastAction(events []dossier.Event) dossier.Action {
	if len(events) == 0 {
		return "change"
	}
	return events[len(events)-1].Action
}

func dossierSummary(d dossier.Dossier) map[string]any {
	return map[string]any{"code": d.Code, "status": int(d.Status), "procedure": d.ProcedureCode, "due_at": d.DueAt.Format(time.RFC3339),
		"assignee": d.Assignee, "outcome": string(d.Outcome)}
}

func (tx *Tx) insertEvents(ctx context.Context, id int64, events []dossier.Event) error {
	for _, e := range events {
		files, err := json.Marshal(e.Attachments)
		if err != nil {
			return err
		}
		private := 0
		if e.Private {
			private = 1
		}
		actor := e.Actor
		if e.ActorName != "" {
			actor = e.Actor + "|" + e.ActorName
		}
		if _, err := tx.exec(ctx, eventInsert,
			id, ms(e.At), actor, e.ActorUnit, string(e.Action), int(e.From), int(e.To), e.Step, e.Note, private, string(files)); err != nil {
			return err
		}
	}
	return nil
}

// UpdateDossier stores a changed dossier with its events and audit entry, provided nobody changed it
// since it was read (its Version); otherwise it returns Conflict "dossier.changed" and writes nothing.
// It returns the dossier with its new version.
func (db *DB) UpdateDossier(ctx context.Context, actor account.Principal, before, after dossier.Dossier, events []dossier.Event) (dossier.Dossier, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		var id int64
		var stored summaryFacts // as stored, for the report's summary
		err := tx.QueryRowContext(ctx, `SELECT id, receiving_unit, field_name, procedure_code, channel, received_at,
			original_due_at, finished_at, timeliness FROM dossiers WHERE code = $1`, before.Code).Scan(&id, &stored.unit,
			&stored.field, &stored.procedure, &stored.channel, &stored.received, &stored.due, &stored.finished, &stored.timeliness)
		if err == sql.ErrNoRows {
			return fault.New(fault.NotFound, "dossier.not_found", before.Code)
		}
		if err != nil {
			return err
		}
		after.Version = before.Version + 1
		vals, doc, err := dossierValues(after)
		if err != nil {
			return err
		}
		set := `code = $1, lookup_secret = $2, procedure_code = $3, procedure_version = $4, field_name = $5, receiving_unit = $6,
			competent_unit = $7, channel = $8, status = $9, applicant_name = $10, applicant_key = $11, applicant_id = $12,
			applicant_phone = $13, assignee = $14, submitted_at = $15, correction_due_at = $16, received_at = $17, due_at = $18,
			original_due_at = $19, finished_at = $20, returned_at = $21, outcome = $22, timeliness = $23, version = $24,
			updated_at = $25, timeline = CASE WHEN timeline = '' THEN '' ELSE timeline || $28 END`
		res, err := tx.ExecContext(ctx, `UPDATE dossiers SET `+set+` WHERE id = $26 AND version = $27`,
			append(vals, ms(tx.Now), id, before.Version, publicTimeline(events))...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.Conflict, "dossier.changed", before.Code)
		}
		if _, err := tx.exec(ctx, docUpdate, tx.db.packDoc(doc), id); err != nil {
			return err
		}
		if changed := factsOf(after); changed != stored && (stored.summarised() || changed.summarised()) {
			// Finished now (or a finished dossier corrected): move its counts in the summary.
			delta := summaryDelta{}
			delta.add(stored, -1)
			delta.add(changed, 1)
			if err := tx.applySummary(ctx, delta); err != nil {
				return err
			}
		}
		if err := tx.insertEvents(ctx, id, events); err != nil {
			return err
		}
		return tx.record(ctx, actor, after.ReceivingUnit, "dossier."+string(lastAction(events)), "dossier:"+after.Code, dossierSummary(before), dossierSummary(after))
	})
	return after, err
}

// DossierByCode returns a dossier, or NotFound.
func (db *DB) DossierByCode(ctx context.Context, code string) (dossier.Dossier, error) {
	var doc string
	err := db.readRow(ctx, `SELECT x.doc FROM dossiers d JOIN dossier_docs x ON x.dossier_id = d.id WHERE d.code = $1`, code).Scan(&doc)
	if err == sql.ErrNoRows {
		return dossier.Dossier{}, fault.New(fault.NotFound, "dossier.not_found", code)
	}
	if err != nil {
		return dossier.Dossier{}, mapErr(err, "dossier")
	}
	var d dossier.Dossier
	if err := unmarshalDoc([]byte(doc), &d); err != nil {
		return d, fault.Wrap(err, "stored dossier")
	}
	return d, nil
}

// DossierEvents returns a dossier's timeline, oldest first.
func (db *DB) DossierEvents(ctx context.Context, code string) ([]dossier.Event, error) {
	rows, err := db.readQuery(ctx, `SELECT e.at, e.actor, e.actor_unit, e.action, e.from_status, e.to_status, e.step, e.note,
		e.private, e.attachments FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code = $1 ORDER BY e.id`, code)
	if err != nil {
		return nil, mapErr(err, "dossier events")
	}
	defer rows.Close()
	var out []dossier.Event
	for rows.Next() {
		var e dossier.Event
		var at int64
		var from, to, private int
		var action, files string
		if err := rows.Scan(&at, &e.Actor, &e.ActorUnit, &action, &from, &to, &e.Step, &e.Note, &private, &files); err != nil {
			return nil, mapErr(err, "dossier events")
		}
		e.At, e.Action, e.From, e.To, e.Private = fromMS(at).In(icTime), dossier.Action(action), dossier.Status(from), dossier.Status(to), private != 0
		e.Actor, e.ActorName, _ = strings.Cut(e.Actor, "|")
		_ = json.Unmarshal([]byte(files), &e.Attachments)
		out = append(out, e)
	}
	return out, mapErr(rows.Err(), "dossier events")
}

// ListDossiers returns a page of the dossiers matching q, ordered by appointment, and how many match.
func (db *DB) ListDossiers(ctx context.Context, q processing.Query) ([]dossier.Dossier, int, error) {
	where := []string{"1 = 1"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return placeholder(len(args))
	}
	if len(q.Units) > 0 {
		var ph []string
		for _, u := range q.Units {
			ph = append(ph, arg(u))
		}
		in := strings.Join(ph, ", ")
		where = append(where, "(receiving_unit IN ("+in+") OR competent_unit IN ("+in+"))")
	}
	if len(q.Statuses) > 0 {
		var ph []string
		for _, s := range q.Statuses {
			ph = append(ph, arg(int(s)))
		}
		where = append(where, "status IN ("+strings.Join(ph, ", ")+")")
	}
	if q.Assignee != "" {
		where = append(where, "assignee = "+arg(q.Assignee))
	}
	if !q.DueBefore.IsZero() {
		where = append(where, "due_at > 0 AND due_at < "+arg(ms(q.DueBefore)))
	}
	where = append(where, reportFilters(q, arg)...)
	if q.Text != "" {
		t := fold.String(q.Text)
		where = append(where, "(code = "+arg(strings.ToUpper(strings.TrimSpace(q.Text)))+" OR applicant_key LIKE "+arg("%"+t+"%")+")")
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := db.readRow(ctx, `SELECT count(*) FROM dossiers WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err, "list dossiers")
	}
	limit := q.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := db.readQuery(ctx, `SELECT x.doc FROM (SELECT id, due_at FROM dossiers WHERE `+cond+`
		ORDER BY CASE WHEN due_at = 0 THEN 1 ELSE 0 END, due_at, id LIMIT `+placeholder(len(args)+1)+` OFFSET `+placeholder(len(args)+2)+`) d
		JOIN dossier_docs x ON x.dossier_id = d.id ORDER BY CASE WHEN d.due_at = 0 THEN 1 ELSE 0 END, d.due_at, d.id`, append(args, limit, q.Offset)...)
	if err != nil {
		return nil, 0, mapErr(err, "list dossiers")
	}
	defer rows.Close()
	var out []dossier.Dossier
	for rows.Next() {
		var doc string
		var d dossier.Dossier
		if err := rows.Scan(&doc); err != nil {
			return nil, 0, mapErr(err, "list dossiers")
		}
		if err := unmarshalDoc([]byte(doc), &d); err != nil {
			return nil, 0, fault.Wrap(err, "stored dossier")
		}
		out = append(out, d)
	}
	return out, total, mapErr(rows.Err(), "list dossiers")
}
