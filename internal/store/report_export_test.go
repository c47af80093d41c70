package store

import (
	"context"
	"strings"
	"time"

	"motcua/internal/report"
)

// SettlementScan is the reference of the summary-based report for the external tests: report II.06a
// counted by scanning every dossier of the period, as SettlementCountsBy does for periods that are not
// whole days.
func (db *DB) SettlementScan(ctx context.Context, units []string, from, before time.Time, by report.Grouping) ([]report.Row, error) {
	if len(units) == 0 {
		return nil, nil
	}
	return db.settlementScan(ctx, db.readQuery, units, from, before, groupColumns[by], "")
}

// RebuildSummary empties settlement_summary and fills it again with the backfill statements of
// migration 0012, as when that migration runs over stored dossiers.
func (db *DB) RebuildSummary(ctx context.Context) error {
	all, err := Migrations(db.Engine)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM settlement_summary`); err != nil {
			return err
		}
		for _, m := range all {
			if m.Version != 12 {
				continue
			}
			for _, stmt := range splitStatements(m.SQL) {
				if strings.HasPrefix(stmt, "INSERT INTO settlement_summary") {
					if _, err := tx.ExecContext(ctx, stmt); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
