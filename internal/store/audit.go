package store

import (
	"context"

	"motcua/internal/account"
	"motcua/internal/audit"
)

// The statements of appending to the audit log.
const (
	auditHeadSelect = `SELECT seq, hash FROM audit_head WHERE id = 1`
	auditInsert     = `INSERT INTO audit_log (seq, at, actor_id, actor, unit_code, action, object, before, after, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	auditHeadUpdate = `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`
)

// record appends an audit entry inside tx, chained after the last one. The head row is read and
// locked by the first entry of the transaction, so concurrent writers append one after the other;
// the head is written back once, before commit (see inTx).
func (tx *Tx) record(ctx context.Context, actor account.Principal, unitCode, action, object string, before, after any) error {
	if tx.head == nil {
		h := &auditHead{}
		if err := tx.queryRow(ctx, auditHeadSelect+tx.forUpdate()).Scan(&h.seq, &h.hash); err != nil {
			return err
		}
		tx.head = h
	}
	e := audit.Entry{At: tx.Now, ActorID: actor.UserID, Actor: actor.Username, UnitCode: unitCode,
		Action: action, Object: object, Before: audit.Summary(before), After: audit.Summary(after)}
	e.Seal(tx.head.seq, tx.head.hash)
	if _, err := tx.exec(ctx, auditInsert,
		e.Seq, ms(e.At), e.ActorID, e.Actor, e.UnitCode, e.Action, e.Object, e.Before, e.After, e.PrevHash, e.Hash); err != nil {
		return err
	}
	tx.head.seq, tx.head.hash, tx.head.dirty = e.Seq, e.Hash, true
	return nil
}

// VerifyAudit walks the whole audit log in order and returns the first break (nil when intact) and
// the number of entries checked; err is set only when the log cannot be read.
func (db *DB) VerifyAudit(ctx context.Context) (problem *audit.Problem, checked int64, err error) {
	rows, err := db.readQuery(ctx, `SELECT seq, at, actor_id, actor, unit_code, action, object, before, after, prev_hash, hash
		FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var v audit.Verifier
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, v.Count(), err
		}
		if p := v.Next(e); p != nil {
			return p, v.Count(), nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, v.Count(), err
	}
	var seq int64
	var hash string
	if err := db.readRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		return nil, v.Count(), err
	}
	return v.Finish(seq, hash), v.Count(), nil
}

// AuditEntries returns the newest entries first whose object starts with objectPrefix and, when
// unitCodes is not empty, that concern one of those units.
func (db *DB) AuditEntries(ctx context.Context, objectPrefix string, unitCodes []string, limit int) ([]audit.Entry, error) {
	return db.ListAudit(ctx, AuditFilter{ObjectPrefix: objectPrefix, UnitCodes: unitCodes, Limit: limit})
}

// AuditFilter narrows ListAudit.
type AuditFilter struct {
	// ObjectPrefix keeps entries whose object starts with it (e.g. "unit:").
	ObjectPrefix string
	// UnitCodes keeps entries about these units; empty means all.
	UnitCodes []string
	Limit     int
}

// ListAudit returns the newest entries first, filtered.
func (db *DB) ListAudit(ctx context.Context, f AuditFilter) ([]audit.Entry, error) {
	q := `SELECT seq, at, actor_id, actor, unit_code, action, object, before, after, prev_hash, hash FROM audit_log WHERE object LIKE $1`
	args := []any{f.ObjectPrefix + "%"}
	if len(f.UnitCodes) > 0 {
		q += ` AND unit_code IN (`
		for i, c := range f.UnitCodes {
			if i > 0 {
				q += ", "
			}
			args = append(args, c)
			q += placeholder(len(args))
		}
		q += `)`
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	args = append(args, f.Limit)
	q += ` ORDER BY seq DESC LIMIT ` + placeholder(len(args))
	rows, err := db.readQuery(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "list audit")
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanAudit(r scanner) (audit.Entry, error) {
	var e audit.Entry
	var at int64
	err := r.Scan(&e.Seq, &at, &e.ActorID, &e.Actor, &e.UnitCode, &e.Action, &e.Object, &e.Before, &e.After, &e.PrevHash, &e.Hash)
	e.At = fromMS(at)
	return e, err
}
