package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// Bulk insertion, for synthetic data and historical imports: dossiers that already carry their codes
// are written bulkBatchSize at a time, each batch in one transaction with one audit entry, with
// multi-row INSERTs on SQLite and COPY on PostgreSQL. Ids are allocated up front (SQLite: after the
// largest id, the writer holding the database lock; PostgreSQL: from the identity sequence) so that
// events can name their dossier without reading anything back.

// bulkBatchSize is the number of dossiers written per transaction by BulkInsertDossiers.
const bulkBatchSize = 5000

// sqliteMaxVars is SQLite's default limit on the parameters of one statement (SQLITE_MAX_VARIABLE_NUMBER).
const sqliteMaxVars = 32766

// The columns written by a bulk insert, in the order of the rows built by bulkRows.
var (
	bulkDossierColumns = []string{"id", "code", "lookup_secret", "procedure_code", "procedure_version", "field_name",
		"receiving_unit", "competent_unit", "channel", "status", "applicant_name", "applicant_key", "applicant_id",
		"applicant_phone", "assignee", "submitted_at", "correction_due_at", "received_at", "due_at", "original_due_at",
		"finished_at", "returned_at", "outcome", "timeliness", "version", "created_at", "updated_at", "timeline"}
	bulkDocColumns   = []string{"dossier_id", "doc"}
	bulkEventColumns = []string{"dossier_id", "at", "actor", "actor_unit", "action", "from_status", "to_status",
		"step", "note", "private", "attachments"}
)

// BulkInsertDossiers stores dossiers that already carry their Code (required) and LookupSecret, each
// with version 1 and its events (events is nil, or one slice per dossier, in the same order). They are
// written 5,000 per transaction, each transaction with one audit entry "dossier.bulk_insert" (object
// "dossier:bulk", summary with the count and the first and last codes), and the daily code sequences
// are raised so that later receptions never take a bulk-inserted code (codes that do not follow
// dossier.DefaultCodeFormat for their competent unit leave the sequences alone). It returns how many
// dossiers were committed: on error, the transactions before the failing one stay written and nothing
// of the failing one is. Errors: Invalid when a code is empty or events does not match ds, Conflict when
// a code exists already or twice in ds, Internal otherwise.
func (db *DB) BulkInsertDossiers(ctx context.Context, actor account.Principal, ds []dossier.Dossier, events [][]dossier.Event) (int, error) {
	if events != nil && len(events) != len(ds) {
		return 0, &fault.Error{Kind: fault.Invalid, Message: fault.Message{Key: "error.invalid"},
			Err: fmt.Errorf("bulk insert: %d event lists for %d dossiers", len(events), len(ds))}
	}
	for i, d := range ds {
		if strings.TrimSpace(d.Code) == "" {
			return 0, &fault.Error{Kind: fault.Invalid, Message: fault.Message{Key: "error.invalid"},
				Err: fmt.Errorf("bulk insert: dossier %d has no code", i)}
		}
	}
	done := 0
	for start := 0; start < len(ds); start += bulkBatchSize {
		end := min(start+bulkBatchSize, len(ds))
		var evs [][]dossier.Event
		if events != nil {
			evs = events[start:end]
		}
		if err := db.bulkBatch(ctx, actor, ds[start:end], evs); err != nil {
			return done, err
		}
		done = end
	}
	return done, nil
}

// bulkBatch writes one batch in one transaction on a dedicated connection (PostgreSQL's COPY needs
// the driver connection of the transaction).
func (db *DB) bulkBatch(ctx context.Context, actor account.Principal, ds []dossier.Dossier, events [][]dossier.Event) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return mapErr(err, "bulk insert: connection")
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err, "bulk insert: begin")
	}
	defer sqlTx.Rollback()
	tx := &Tx{Tx: sqlTx, db: db, Now: db.Now()}
	if err := tx.bulkWrite(ctx, conn, actor, ds, events); err != nil {
		return mapErr(err, "bulk insert")
	}
	if err := tx.flushHead(ctx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return mapErr(err, "bulk insert: commit")
	}
	return nil
}

// bulkWrite writes the rows, the sequences and the audit entry of a batch inside tx.
func (tx *Tx) bulkWrite(ctx context.Context, conn *sql.Conn, actor account.Principal, ds []dossier.Dossier, events [][]dossier.Event) error {
	ids, err := tx.allocateDossierIDs(ctx, len(ds))
	if err != nil {
		return err
	}
	dossierRows, docRows, eventRows, err := bulkRows(ds, events, ids, ms(tx.Now))
	if err != nil {
		return err
	}
	if tx.db.Engine == Postgres {
		err = copyRows(ctx, conn, "dossiers", bulkDossierColumns, dossierRows)
		if err == nil {
			err = copyRows(ctx, conn, "dossier_docs", bulkDocColumns, docRows)
		}
		if err == nil {
			err = copyRows(ctx, conn, "dossier_events", bulkEventColumns, eventRows)
		}
	} else {
		for _, r := range docRows {
			r[1] = tx.db.packDoc(r[1].(string))
		}
		err = tx.insertRows(ctx, "dossiers", bulkDossierColumns, dossierRows)
		if err == nil {
			err = tx.insertRows(ctx, "dossier_docs", bulkDocColumns, docRows)
		}
		if err == nil {
			err = tx.insertRows(ctx, "dossier_events", bulkEventColumns, eventRows)
		}
	}
	if err != nil {
		if isUniqueViolation(err) {
			return &fault.Error{Kind: fault.Conflict, Message: fault.Message{Key: "error.conflict"}, Err: err}
		}
		return err
	}
	if err := tx.raiseSequences(ctx, ds); err != nil {
		return err
	}
	if err := tx.summariseDossiers(ctx, ds); err != nil { // the finished ones, for report II.06a
		return err
	}
	first, last := ds[0].Code, ds[len(ds)-1].Code
	return tx.record(ctx, actor, actor.UnitCode, "dossier.bulk_insert", "dossier:bulk", nil,
		map[string]any{"count": len(ds), "first": first, "last": last})
}

// allocateDossierIDs returns n new dossier ids: on SQLite those after the largest id (the writer holds
// the database lock for the transaction), on PostgreSQL taken from the identity sequence.
func (tx *Tx) allocateDossierIDs(ctx context.Context, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if tx.db.Engine == Postgres {
		rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM dossiers`).Scan(&maxID); err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, maxID+1+int64(i))
	}
	return ids, nil
}

// bulkRows builds the rows of the dossiers (as version 1, created at now) and of their events.
func bulkRows(ds []dossier.Dossier, events [][]dossier.Event, ids []int64, now int64) (dossierRows, docRows, eventRows [][]any, err error) {
	dossierRows = make([][]any, 0, len(ds))
	docRows = make([][]any, 0, len(ds))
	for i, d := range ds {
		d.Version = 1
		vals, doc, err := dossierValues(d)
		if err != nil {
			return nil, nil, nil, err
		}
		row := make([]any, 0, len(bulkDossierColumns))
		row = append(row, ids[i])
		row = append(row, vals...)
		var timeline string
		if events != nil {
			timeline = publicTimeline(events[i])
		}
		dossierRows = append(dossierRows, append(row, now, now, timeline))
		docRows = append(docRows, []any{ids[i], doc})
		if events == nil {
			continue
		}
		for _, e := range events[i] {
			files, err := json.Marshal(e.Attachments)
			if err != nil {
				return nil, nil, nil, err
			}
			private := 0
			if e.Private {
				private = 1
			}
			actor := e.Actor
			if e.ActorName != "" {
				actor = e.Actor + "|" + e.ActorName
			}
			eventRows = append(eventRows, []any{ids[i], ms(e.At), actor, e.ActorUnit, string(e.Action), int(e.From), int(e.To),
				e.Step, e.Note, private, string(files)})
		}
	}
	return dossierRows, docRows, eventRows, nil
}

// copyRows writes rows with PostgreSQL's COPY on the transaction's connection.
func copyRows(ctx context.Context, conn *sql.Conn, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("bulk insert: driver connection %T is not pgx", driverConn)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
		return err
	})
}

// insertRows writes rows with multi-row INSERT statements, as many rows per statement as SQLite's
// parameter limit allows.
func (tx *Tx) insertRows(ctx context.Context, table string, columns []string, rows [][]any) error {
	per := sqliteMaxVars / len(columns)
	args := make([]any, 0, per*len(columns))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, multiInsert(tx.db.Engine, table, columns, len(chunk), ""), args...); err != nil {
			return err
		}
	}
	return nil
}

// multiInsert returns an INSERT of n rows into table, followed by suffix. Its placeholders are $N on
// PostgreSQL but anonymous ? on SQLite: SQLite looks named parameters ($N is one) up by name in a
// list, which makes binding thousands of them quadratic (about 20 s for 5,000 dossiers).
func multiInsert(engine Engine, table string, columns []string, n int, suffix string) string {
	var b strings.Builder
	b.Grow(len(table) + 40 + 20*len(columns) + n*len(columns)*8 + len(suffix))
	b.WriteString("INSERT INTO ")
	b.WriteString(table)
	b.WriteString(" (")
	b.WriteString(strings.Join(columns, ", "))
	b.WriteString(") VALUES ")
	p := 0
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range columns {
			if j > 0 {
				b.WriteString(", ")
			}
			if engine == SQLite {
				b.WriteByte('?')
				continue
			}
			p++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(p))
		}
		b.WriteByte(')')
	}
	b.WriteString(suffix)
	return b.String()
}

// raiseSequences raises the daily sequence of every prefix used by the dossiers' codes to at least the
// largest number used, so that InsertDossier continues after them. Codes not in the default format for
// their competent unit are left out.
func (tx *Tx) raiseSequences(ctx context.Context, ds []dossier.Dossier) error {
	highest := map[string]int{}
	for _, d := range ds {
		if prefix, seq, ok := codeSequence(d.Code, d.CompetentUnit); ok && seq > highest[prefix] {
			highest[prefix] = seq
		}
	}
	prefixes := make([]string, 0, len(highest))
	for p := range highest {
		prefixes = append(prefixes, p)
	}
	slices.Sort(prefixes) // a fixed order, so that concurrent imports lock rows in the same order on PostgreSQL
	const per = 1000
	for start := 0; start < len(prefixes); start += per {
		chunk := prefixes[start:min(start+per, len(prefixes))]
		args := make([]any, 0, 2*len(chunk))
		for _, p := range chunk {
			args = append(args, p, highest[p])
		}
		q := multiInsert(tx.db.Engine, "dossier_sequences", []string{"prefix", "last"}, len(chunk),
			` ON CONFLICT (prefix) DO UPDATE SET last = CASE WHEN excluded.last > dossier_sequences.last
				THEN excluded.last ELSE dossier_sequences.last END`)
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// codeSequence parses a code made with dossier.DefaultCodeFormat ("<unit>-<yymmdd>-<seq4>") for the
// competent unit, returning its sequence prefix (as InsertDossier names it) and number, or false.
func codeSequence(code, unit string) (prefix string, seq int, ok bool) {
	if unit == "" {
		return "", 0, false
	}
	rest, ok := strings.CutPrefix(code, unit+"-")
	if !ok || len(rest) < 6+1+4 || rest[6] != '-' || !allDigits(rest[:6]) || !allDigits(rest[7:]) {
		return "", 0, false
	}
	seq, err := strconv.Atoi(rest[7:])
	if err != nil || seq <= 0 || (len(rest[7:]) > 4 && rest[7] == '0') {
		return "", 0, false
	}
	return unit + "-" + rest[:6], seq, true
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
