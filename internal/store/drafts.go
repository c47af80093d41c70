package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/portal"
)

var _ portal.Store = (*DB)(nil)

// InsertDraft stores a new online draft. Errors: Conflict when the token is taken.
func (db *DB) InsertDraft(ctx context.Context, d portal.Draft) error {
	doc, err := json.Marshal(d.Data)
	if err != nil {
		return fault.Wrap(err, "draft")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO portal_drafts (token, procedure_code, unit_code, doc, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, d.Token, d.ProcedureCode, d.UnitCode, string(doc), ms(d.CreatedAt), ms(d.UpdatedAt))
		return err
	})
}

// Draft returns the online draft named by token. Errors: NotFound (portal.draft.not_found).
func (db *DB) Draft(ctx context.Context, token string) (portal.Draft, error) {
	var d portal.Draft
	var doc string
	var code, secret sql.NullString
	var created, updated, submitted int64
	err := db.readRow(ctx, `SELECT token, procedure_code, unit_code, doc, created_at, updated_at, dossier_code, lookup_secret, submitted_at
		FROM portal_drafts WHERE token = $1`, token).Scan(&d.Token, &d.ProcedureCode, &d.UnitCode, &doc, &created, &updated, &code, &secret, &submitted)
	if err == sql.ErrNoRows {
		return d, fault.New(fault.NotFound, "portal.draft.not_found")
	}
	if err != nil {
		return d, mapErr(err, "draft")
	}
	if err := json.Unmarshal([]byte(doc), &d.Data); err != nil {
		return d, fault.Wrap(err, "stored draft")
	}
	d.CreatedAt, d.UpdatedAt, d.SubmittedAt = fromMS(created), fromMS(updated), fromMS(submitted)
	d.DossierCode, d.LookupSecret = code.String, secret.String
	return d, nil
}

// UpdateDraft stores the draft's unit, data and update time unless it was filed meanwhile.
// Errors: NotFound, Conflict (portal.draft.submitted).
func (db *DB) UpdateDraft(ctx context.Context, d portal.Draft) error {
	doc, err := json.Marshal(d.Data)
	if err != nil {
		return fault.Wrap(err, "draft")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var code sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT dossier_code FROM portal_drafts WHERE token = $1`+tx.forUpdate(), d.Token).Scan(&code); err == sql.ErrNoRows {
			return fault.New(fault.NotFound, "portal.draft.not_found")
		} else if err != nil {
			return err
		}
		if code.Valid {
			return fault.New(fault.Conflict, "portal.draft.submitted", code.String)
		}
		_, err := tx.ExecContext(ctx, `UPDATE portal_drafts SET unit_code = $1, doc = $2, updated_at = $3 WHERE token = $4`,
			d.UnitCode, string(doc), ms(d.UpdatedAt), d.Token)
		return err
	})
}

// DeleteDraftsBefore deletes the online drafts last changed before the instant, filed or not, and
// returns how many it deleted.
func (db *DB) DeleteDraftsBefore(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM portal_drafts WHERE updated_at < $1`, ms(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// FileDraft stores a new dossier as InsertDossier does (its code drawn in the transaction) and
// records its code and lookup secret on the draft named by token, in one transaction that first locks
// the draft's row: of two concurrent calls for one draft, the second finds the code and writes
// nothing. Errors: NotFound, Conflict (portal.draft.submitted with the code), those of InsertDossier.
func (db *DB) FileDraft(ctx context.Context, token string, actor account.Principal, d dossier.Dossier, events []dossier.Event, format string, codeDay time.Time) (dossier.Dossier, error) {
	out := d
	err := db.inTx(ctx, func(tx *Tx) error {
		var code sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT dossier_code FROM portal_drafts WHERE token = $1`+tx.forUpdate(), token).Scan(&code); err == sql.ErrNoRows {
			return fault.New(fault.NotFound, "portal.draft.not_found")
		} else if err != nil {
			return err
		}
		if code.Valid {
			return fault.New(fault.Conflict, "portal.draft.submitted", code.String)
		}
		filed, err := tx.insertOne(ctx, insertRequest{actor: actor, d: d, events: events, format: format, day: codeDay})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE portal_drafts SET dossier_code = $1, lookup_secret = $2, submitted_at = $3 WHERE token = $4`,
			filed.Code, filed.LookupSecret, ms(filed.SubmittedAt), token); err != nil {
			return err
		}
		out = filed
		return nil
	})
	return out, err
}
