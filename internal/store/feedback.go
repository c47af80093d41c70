package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/feedback"
)

var _ feedback.Store = (*DB)(nil)

// feedbackColumns are the columns of feedback after id, in the order of feedbackValues.
const feedbackColumns = `ref, access_key, unit_code, subject, procedure_code, dossier_code, dossier_linked, sender_name,
	sender_phone, sender_email, content, status, received_at, reject_due_at, info_due_at, answer_due_at, publish_due_at,
	rejected_at, info_requested_at, paused_at, answered_at, published_at, closed_at, reason, info_request, answer,
	public_name, public_content, public_answer, search_key, handler, version, updated_at`

// feedbackValues are the stored values of an item, in the order of feedbackColumns.
func feedbackValues(f feedback.Feedback) []any {
	linked := 0
	if f.DossierLinked {
		linked = 1
	}
	return []any{f.Ref, f.Key, f.UnitCode, string(f.Subject), f.ProcedureCode, f.DossierCode, linked, f.Name,
		f.Phone, f.Email, f.Content, string(f.Status), ms(f.ReceivedAt), ms(f.RejectDue), ms(f.InfoDue), ms(f.AnswerDue),
		ms(f.PublishDue), ms(f.RejectedAt), ms(f.InfoRequestedAt), ms(f.PausedAt), ms(f.AnsweredAt), ms(f.PublishedAt),
		ms(f.ClosedAt()), f.Reason, f.InfoRequest, f.Answer, f.PublicName, f.PublicContent, f.PublicAnswer, f.SearchKey(),
		f.Handler, f.Version, ms(f.UpdatedAt)}
}

// scanFeedback reads a row of "id, " + feedbackColumns.
func scanFeedback(r scanner) (feedback.Feedback, error) {
	var f feedback.Feedback
	var subject, status, searchKey string
	var linked int
	var t [12]int64
	var closed int64
	err := r.Scan(&f.ID, &f.Ref, &f.Key, &f.UnitCode, &subject, &f.ProcedureCode, &f.DossierCode, &linked, &f.Name,
		&f.Phone, &f.Email, &f.Content, &status, &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7], &t[8], &t[9],
		&closed, &f.Reason, &f.InfoRequest, &f.Answer, &f.PublicName, &f.PublicContent, &f.PublicAnswer, &searchKey,
		&f.Handler, &f.Version, &t[10])
	if err != nil {
		return f, err
	}
	f.Subject, f.Status, f.DossierLinked = feedback.Subject(subject), feedback.Status(status), linked != 0
	at := func(v int64) time.Time { return instant(v) }
	f.ReceivedAt, f.RejectDue, f.InfoDue, f.AnswerDue, f.PublishDue = at(t[0]), at(t[1]), at(t[2]), at(t[3]), at(t[4])
	f.RejectedAt, f.InfoRequestedAt, f.PausedAt, f.AnsweredAt, f.PublishedAt = at(t[5]), at(t[6]), at(t[7]), at(t[8]), at(t[9])
	f.UpdatedAt = at(t[10])
	return f, nil
}

const feedbackSelect = `SELECT id, ` + feedbackColumns + ` FROM feedback`

// InsertFeedback stores a new item (version 1) with its first event. Errors: Conflict when the
// reference is taken; Internal.
func (db *DB) InsertFeedback(ctx context.Context, f feedback.Feedback, e feedback.Event) (feedback.Feedback, error) {
	f.Version = 1
	err := db.inTx(ctx, func(tx *Tx) error {
		vals := feedbackValues(f)
		ph := make([]string, len(vals))
		for i := range vals {
			ph[i] = placeholder(i + 1)
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO feedback (`+feedbackColumns+`) VALUES (`+strings.Join(ph, ", ")+`) RETURNING id`,
			vals...).Scan(&f.ID); err != nil {
			return err
		}
		return tx.insertFeedbackEvent(ctx, f.ID, e)
	})
	return f, err
}

// insertFeedbackEvent appends an event of the item with the given id.
func (tx *Tx) insertFeedbackEvent(ctx context.Context, id int64, e feedback.Event) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO feedback_events (feedback_id, at, actor, action, from_status, to_status, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, ms(e.At), e.Actor, string(e.Action), string(e.From), string(e.To), e.Note)
	return err
}

// FeedbackByRef returns an item. Errors: NotFound (feedback.not_found); Internal.
func (db *DB) FeedbackByRef(ctx context.Context, ref string) (feedback.Feedback, error) {
	f, err := scanFeedback(db.read.QueryRowContext(ctx, feedbackSelect+` WHERE ref = $1`, ref))
	if err == sql.ErrNoRows {
		return f, fault.New(fault.NotFound, "feedback.not_found")
	}
	return f, mapErr(err, "feedback")
}

// FeedbackEvents returns the events of an item, oldest first (none for an unknown reference).
func (db *DB) FeedbackEvents(ctx context.Context, ref string) ([]feedback.Event, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT e.at, e.actor, e.action, e.from_status, e.to_status, e.note
		FROM feedback_events e JOIN feedback f ON f.id = e.feedback_id WHERE f.ref = $1 ORDER BY e.id`, ref)
	if err != nil {
		return nil, mapErr(err, "feedback events")
	}
	defer rows.Close()
	var out []feedback.Event
	for rows.Next() {
		var e feedback.Event
		var at int64
		var action, from, to string
		if err := rows.Scan(&at, &e.Actor, &action, &from, &to, &e.Note); err != nil {
			return nil, mapErr(err, "feedback events")
		}
		e.At, e.Action, e.From, e.To = instant(at), feedback.Action(action), feedback.Status(from), feedback.Status(to)
		out = append(out, e)
	}
	return out, mapErr(rows.Err(), "feedback events")
}

// UpdateFeedback stores after in place of before if nobody changed the item since before was read
// (its version), with the event and, for an officer's action, an audit entry. Errors: NotFound;
// Conflict (feedback.changed) when the version moved on; Internal.
func (db *DB) UpdateFeedback(ctx context.Context, actor account.Principal, before, after feedback.Feedback, e feedback.Event) (feedback.Feedback, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		after.Version = before.Version + 1
		vals := feedbackValues(after)
		set := strings.Split(strings.Join(strings.Fields(feedbackColumns), ""), ",")
		for i := range set {
			set[i] += " = " + placeholder(i+1)
		}
		n := len(vals)
		res, err := tx.ExecContext(ctx, `UPDATE feedback SET `+strings.Join(set, ", ")+` WHERE id = `+placeholder(n+1)+
			` AND version = `+placeholder(n+2), append(vals, before.ID, before.Version)...)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fault.New(fault.Conflict, "feedback.changed")
		}
		if err := tx.insertFeedbackEvent(ctx, before.ID, e); err != nil {
			return err
		}
		if actor.Username == "" {
			return nil // the sender, not an officer
		}
		return tx.record(ctx, actor, after.UnitCode, "feedback."+string(e.Action), "feedback:"+after.Ref,
			map[string]string{"status": string(before.Status)}, map[string]string{"status": string(after.Status), "note": e.Note})
	})
	return after, err
}

// feedbackUnitList returns "$k, $k+1, ..." for the units and appends them to args.
func feedbackUnitList(units []string, args []any) (string, []any) {
	ph := make([]string, 0, len(units))
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	return strings.Join(ph, ", "), args
}

// OpenFeedback returns the items of the units that are received, waiting for more information or
// answered but not published, by answer deadline. None for no units.
func (db *DB) OpenFeedback(ctx context.Context, units []string) ([]feedback.Feedback, error) {
	if len(units) == 0 {
		return nil, nil
	}
	args := []any{string(feedback.Received), string(feedback.MoreInfoRequested), string(feedback.Answered)}
	list, args := feedbackUnitList(units, args)
	return db.feedbackList(ctx, feedbackSelect+` WHERE status IN ($1, $2, $3) AND unit_code IN (`+list+`) ORDER BY answer_due_at, id`, args...)
}

// feedbackList reads the items a query of feedbackSelect returns.
func (db *DB) feedbackList(ctx context.Context, q string, args ...any) ([]feedback.Feedback, error) {
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "feedback list")
	}
	defer rows.Close()
	var out []feedback.Feedback
	for rows.Next() {
		f, err := scanFeedback(rows)
		if err != nil {
			return nil, mapErr(err, "feedback list")
		}
		out = append(out, f)
	}
	return out, mapErr(rows.Err(), "feedback list")
}

// PublishedFeedback returns published items whose search key contains search (already folded; ""
// matches all), newest publication first, limit of them from offset, and the number of matches.
func (db *DB) PublishedFeedback(ctx context.Context, search string, limit, offset int) ([]feedback.Feedback, int, error) {
	where := ` WHERE published_at > 0`
	var args []any
	if search != "" {
		args = append(args, "%"+escapeLike(search)+"%")
		where += ` AND search_key LIKE $1 ESCAPE '\'`
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM feedback`+where, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err, "feedback answers")
	}
	n := len(args)
	args = append(args, limit, offset)
	out, err := db.feedbackList(ctx, feedbackSelect+where+` ORDER BY published_at DESC, id DESC LIMIT `+placeholder(n+1)+` OFFSET `+placeholder(n+2), args...)
	return out, total, err
}

// escapeLike escapes the LIKE wildcards of s with a backslash.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// feedbackCounts is the on-time figures of feedback in one statement: $1 and $2 are the period
// [from, before) in Unix milliseconds; the units follow. A step counts in the period when it was
// taken in it, on time when taken at or before its deadline; pending are the items received before
// the end and not closed (rejected or answered) by then, within when their answer deadline is not
// passed at the end.
const feedbackCounts = `SELECT
	COALESCE(SUM(CASE WHEN received_at >= $1 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN rejected_at >= $1 AND rejected_at < $2 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN rejected_at >= $1 AND rejected_at < $2 AND rejected_at <= reject_due_at THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN info_requested_at >= $1 AND info_requested_at < $2 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN info_requested_at >= $1 AND info_requested_at < $2 AND info_requested_at <= info_due_at THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN answered_at >= $1 AND answered_at < $2 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN answered_at >= $1 AND answered_at < $2 AND answered_at <= answer_due_at THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN published_at >= $1 AND published_at < $2 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN published_at >= $1 AND published_at < $2 AND published_at <= publish_due_at THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN closed_at = 0 OR closed_at >= $2 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN (closed_at = 0 OR closed_at >= $2) AND answer_due_at >= $2 THEN 1 ELSE 0 END), 0)
	FROM feedback WHERE received_at < $2 AND unit_code IN ({units})`

// FeedbackCounts returns the on-time figures of the feedback addressed to the units over [from,
// before), rate computed. Zero counts for no units; Internal when the query fails.
func (db *DB) FeedbackCounts(ctx context.Context, units []string, from, before time.Time) (feedback.Counts, error) {
	var c feedback.Counts
	if len(units) == 0 {
		return c.Rate(), nil
	}
	list, args := feedbackUnitList(units, []any{ms(from), ms(before)})
	err := db.read.QueryRowContext(ctx, strings.Replace(feedbackCounts, "{units}", list, 1), args...).Scan(&c.Received,
		&c.Rejected.Total, &c.Rejected.OnTime, &c.InfoRequested.Total, &c.InfoRequested.OnTime, &c.Answered.Total,
		&c.Answered.OnTime, &c.Published.Total, &c.Published.OnTime, &c.Pending, &c.PendingWithin)
	if err != nil {
		return c, mapErr(err, "feedback counts")
	}
	for _, s := range []*feedback.Step{&c.Rejected, &c.InfoRequested, &c.Answered, &c.Published} {
		s.Late = s.Total - s.OnTime
	}
	return c.Rate(), nil
}
