package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sqlitePlan returns the EXPLAIN QUERY PLAN details of q on a fresh, analysed SQLite database.
func sqlitePlan(t *testing.T, q string, args ...any) string {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "\n")
}

// TestSettlementPlans checks on SQLite that the II.06a queries read only indexes, never the table:
// the scan of every dossier the covering index dossiers_report (migration 0008), the live counts of
// the open and of the misordered dossiers the partial index dossiers_open (migration 0012), each by a
// range, the open ones counted in the order of the index, without sorting them.
func TestSettlementPlans(t *testing.T) {
	from, before := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	const index = " INDEXED BY dossiers_open"
	for _, c := range []struct{ name, query, cond, want string }{
		{"scan", strings.ReplaceAll(settlementCounts, "{index}", ""), "", "USING COVERING INDEX dossiers_report (receiving_unit=? AND received_at>? AND received_at<?)"},
		{"open", strings.ReplaceAll(openCounts, "{group}", "receiving_unit, {key}"), "", "USING COVERING INDEX dossiers_open (receiving_unit=? AND finished_at=?)\n"},
		{"misordered", settlementCounts, misorderedCondition, "USING COVERING INDEX dossiers_open (receiving_unit=? AND finished_at>?)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := strings.NewReplacer("{units}", "$3, $4, $5", "{key}", "field_name", "{open}", c.cond, "{index}", index).Replace(c.query) +
				` ORDER BY field_name`
			plan := sqlitePlan(t, q, ms(from), ms(before), "A", "B", "C")
			t.Logf("plan:\n%s", plan)
			if c.name == "open" && strings.Contains(plan, "TEMP B-TREE FOR GROUP BY") {
				t.Errorf("the open dossiers are sorted before they are counted:\n%s", plan)
			}
			if !strings.Contains(plan+"\n", c.want) {
				t.Errorf("the report does not search %q:\n%s", c.want, plan)
			}
		})
	}
}
