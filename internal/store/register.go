package store

import (
	"context"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// maxRegisterRows bounds one register (sổ theo dõi hồ sơ): a province's desk receives far fewer
// dossiers in any period one prints.
const maxRegisterRows = 100000

// RegisterDossiers returns the dossiers received by the desks of the given units in [from, before),
// in order of receipt: the rows of the register (Mẫu 07 of 2025, Mẫu 06 of 2018), which follows
// received dossiers (refusals at the desk were never received). Invalid when there are more than
// maxRegisterRows.
func (db *DB) RegisterDossiers(ctx context.Context, units []string, from, before time.Time) ([]dossier.Dossier, error) {
	if len(units) == 0 {
		return nil, nil
	}
	args := []any{ms(from), ms(before)}
	var ph []string
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	rows, err := db.readQuery(ctx, `SELECT x.doc FROM dossiers d JOIN dossier_docs x ON x.dossier_id = d.id
		WHERE d.received_at >= $1 AND d.received_at < $2 AND d.receiving_unit IN (`+strings.Join(ph, ", ")+`) ORDER BY d.received_at, d.id`, args...)
	if err != nil {
		return nil, mapErr(err, "register")
	}
	defer rows.Close()
	var out []dossier.Dossier
	for rows.Next() {
		if len(out) == maxRegisterRows {
			return nil, fault.New(fault.Invalid, "register.too_many", maxRegisterRows)
		}
		var doc string
		if err := rows.Scan(&doc); err != nil {
			return nil, mapErr(err, "register")
		}
		var d dossier.Dossier
		if err := unmarshalDoc([]byte(doc), &d); err != nil {
			return nil, fault.Wrap(err, "stored dossier")
		}
		out = append(out, d)
	}
	return out, mapErr(rows.Err(), "register")
}

// RegisterEntry returns the number of a received dossier in its unit's register of the year: how many
// dossiers the unit received from 1 January (business time) up to it, in the register's order (receipt
// time, then insertion). Errors: Internal when the query fails.
func (db *DB) RegisterEntry(ctx context.Context, unit, code string, receivedAt time.Time) (int, error) {
	year := time.Date(receivedAt.In(icTime).Year(), 1, 1, 0, 0, 0, 0, icTime)
	var n int
	err := db.readRow(ctx, `SELECT count(*) FROM dossiers WHERE receiving_unit = $1 AND received_at >= $2
		AND (received_at < $3 OR (received_at = $3 AND id <= (SELECT id FROM dossiers WHERE code = $4)))`,
		unit, ms(year), ms(receivedAt), code).Scan(&n)
	return n, mapErr(err, "register entry")
}
