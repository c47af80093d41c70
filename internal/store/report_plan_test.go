package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSettlementUsesCoveringIndex checks on SQLite that the II.06a query reads only the covering
// index dossiers_report (migration 0008), never the table.
func TestSettlementUsesCoveringIndex(t *testing.T) {
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
	q := strings.Replace(settlementCounts, "{units}", "$3, $4, $5", 1) + ` ORDER BY field_name`
	from, before := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	rows, err := db.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+q, ms(from), ms(before), "A", "B", "C")
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
	text := strings.Join(plan, "\n")
	t.Logf("plan:\n%s", text)
	if !strings.Contains(text, "USING COVERING INDEX dossiers_report (receiving_unit=? AND received_at>? AND received_at<?)") {
		t.Errorf("the report does not search the covering index:\n%s", text)
	}
}
