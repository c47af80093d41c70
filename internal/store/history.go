package store

import (
	"context"
	"time"

	"motcua/internal/dossier"
)

// Reads for historical imports and synthetic data (motcua import, motcua generate): the daily code
// sequences already taken, so that bulk-inserted codes continue after them, and a count of stored
// dossiers by classification for checks.

// DossierSequences returns the last number taken of every daily code sequence of the given units
// (competent units), keyed by sequence prefix as InsertDossier and BulkInsertDossiers name it
// ("<unit>-<yymmdd>"). Prefixes never used are absent: their next number is 1. Errors: Internal.
func (db *DB) DossierSequences(ctx context.Context, units []string) (map[string]int, error) {
	out := map[string]int{}
	for _, u := range units {
		// Unit identifiers are digits, capitals and dots: nothing LIKE treats specially.
		rows, err := db.readQuery(ctx, `SELECT prefix, last FROM dossier_sequences WHERE prefix LIKE $1`, u+"-%")
		if err != nil {
			return nil, mapErr(err, "dossier sequences")
		}
		for rows.Next() {
			var p string
			var last int
			if err := rows.Scan(&p, &last); err != nil {
				rows.Close()
				return nil, mapErr(err, "dossier sequences")
			}
			out[p] = last
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, mapErr(err, "dossier sequences")
		}
	}
	return out, nil
}

// CountByTimeliness returns how many dossiers received by unit (receiving unit) in [from, before)
// are in each classification; unfinished dossiers count under "". Errors: Internal.
func (db *DB) CountByTimeliness(ctx context.Context, unit string, from, before time.Time) (map[dossier.Timeliness]int, error) {
	rows, err := db.readQuery(ctx, `SELECT timeliness, COUNT(*) FROM dossiers
		WHERE receiving_unit = $1 AND received_at >= $2 AND received_at < $3 GROUP BY timeliness`, unit, ms(from), ms(before))
	if err != nil {
		return nil, mapErr(err, "count by timeliness")
	}
	defer rows.Close()
	out := map[dossier.Timeliness]int{}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, mapErr(err, "count by timeliness")
		}
		out[dossier.Timeliness(t)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "count by timeliness")
	}
	return out, nil
}
