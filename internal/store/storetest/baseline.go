package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/internal/store"
)

// BaselineInsert is the baseline of the bulk benchmarks: it writes n plain dossier rows of unit (with
// their document doc) with one event each in one transaction, with multi-row INSERTs
// of as many rows as a statement's parameters allow (? placeholders on SQLite, where binding thousands
// of named $N ones is quadratic).
func BaselineInsert(ctx context.Context, raw *sql.DB, engine store.Engine, unit, codePrefix string, n int, doc string) error {
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Ids as the store allocates them: after the largest on SQLite, from the identity sequence on PostgreSQL.
	ids := make([]int64, 0, n)
	if engine == store.Postgres {
		idRows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return err
		}
		for idRows.Next() {
			var id int64
			if err := idRows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if err := idRows.Err(); err != nil {
			return err
		}
	} else {
		var maxID int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM dossiers`).Scan(&maxID); err != nil {
			return err
		}
		for i := range n {
			ids = append(ids, maxID+1+int64(i))
		}
	}
	now := time.Now().UnixMilli()
	const dossierCols, docCols, eventCols = 27, 2, 11
	var rows, docs, events [][]any
	for i := range n {
		id := ids[i]
		rows = append(rows, []any{id, fmt.Sprintf("%s-%05d", codePrefix, i), "ABCDEF", "2.000635", 1, "Hộ tịch", unit, unit,
			1, 2, "Nguyễn Thị Lan " + strconv.Itoa(i), "nguyen thi lan " + strconv.Itoa(i) + " 027190001234 0912345678", "027190001234",
			"0912345678", "", 0, 0, now, now, now, 0, 0, "", "", 1, now, now})
		docs = append(docs, []any{id, doc})
		events = append(events, []any{id, now, "tiepnhan|Trần Văn Nam", unit, "receive", 0, 2, "", "", 0, "null"})
	}
	for _, part := range []struct {
		head string
		cols int
		rows [][]any
	}{
		{`INSERT INTO dossiers (id, code, lookup_secret, procedure_code, procedure_version, field_name, receiving_unit,
			competent_unit, channel, status, applicant_name, applicant_key, applicant_id, applicant_phone, assignee, submitted_at,
			correction_due_at, received_at, due_at, original_due_at, finished_at, returned_at, outcome, timeliness, version,
			created_at, updated_at) VALUES `, dossierCols, rows},
		{`INSERT INTO dossier_docs (dossier_id, doc) VALUES `, docCols, docs},
		{`INSERT INTO dossier_events (dossier_id, at, actor, actor_unit, action, from_status, to_status, step, note, private,
			attachments) VALUES `, eventCols, events},
	} {
		per := 32766 / part.cols
		for start := 0; start < len(part.rows); start += per {
			chunk := part.rows[start:min(start+per, len(part.rows))]
			var q strings.Builder
			q.WriteString(part.head)
			var args []any
			for i, r := range chunk {
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteByte('(')
				for j, v := range r {
					if j > 0 {
						q.WriteString(", ")
					}
					args = append(args, v)
					if engine == store.SQLite {
						q.WriteByte('?')
					} else {
						q.WriteString("$" + strconv.Itoa(len(args)))
					}
				}
				q.WriteByte(')')
			}
			if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// RawWriter opens a plain connection to a benchmark database with the store's own write settings,
// for the baselines of the bulk benchmarks; it is closed when the benchmark ends.
func RawWriter(b testing.TB, e Engine) *sql.DB {
	b.Helper()
	driver, dsn := "pgx", e.DSN
	if e.DB.Engine == store.SQLite {
		driver, dsn = "sqlite", "file:"+e.DSN+"?_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		b.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	b.Cleanup(func() { raw.Close() })
	return raw
}
