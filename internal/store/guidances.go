package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// InsertGuidance stores a guidance given at the desk of a unit when no dossier was recorded, with its
// audit entry, and returns its number.
func (db *DB) InsertGuidance(ctx context.Context, actor account.Principal, unitCode string, g dossier.Guidance) (int64, error) {
	doc, err := json.Marshal(g)
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `INSERT INTO desk_guidances (unit_code, at, officer, procedure_code, applicant_name, doc)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, unitCode, ms(g.At), g.Officer, g.ProcedureCode, g.Applicant.Name, string(doc)).Scan(&id); err != nil {
			return err
		}
		return tx.record(ctx, actor, unitCode, "dossier.guide_at_desk", "guidance:"+strconv.FormatInt(id, 10), nil,
			map[string]any{"procedure": g.ProcedureCode, "applicant": g.Applicant.Name, "items": len(g.Items)})
	})
	return id, err
}

// Guidance returns a desk guidance and the unit that gave it, or NotFound.
func (db *DB) Guidance(ctx context.Context, id int64) (dossier.Guidance, string, error) {
	var unit, doc string
	err := db.readRow(ctx, `SELECT unit_code, doc FROM desk_guidances WHERE id = $1`, id).Scan(&unit, &doc)
	if err == sql.ErrNoRows {
		return dossier.Guidance{}, "", fault.New(fault.NotFound, "guidance.not_found", id)
	}
	if err != nil {
		return dossier.Guidance{}, "", mapErr(err, "guidance")
	}
	var g dossier.Guidance
	if err := json.Unmarshal([]byte(doc), &g); err != nil {
		return g, "", fault.Wrap(err, "stored guidance")
	}
	return g, unit, nil
}
