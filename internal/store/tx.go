package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"motcua/internal/fault"
)

// Tx is a write transaction with the instant it runs at.
type Tx struct {
	*sql.Tx
	db  *DB
	Now time.Time
	// head is the audit chain's head as this transaction left it: read (and locked) by the first
	// entry, advanced by each, and written back once before commit.
	head *auditHead
}

// auditHead is the last entry of the audit chain.
type auditHead struct {
	seq   int64
	hash  string
	dirty bool // advanced since it was read
}

// inTx runs fn in a write transaction, committing if fn returns nil and rolling back otherwise.
// Driver errors are turned into fault errors by mapErr.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err, "begin")
	}
	defer sqlTx.Rollback()
	tx := &Tx{Tx: sqlTx, db: db, Now: db.Now()}
	if err := fn(tx); err != nil {
		return mapErr(err, "tx")
	}
	if err := tx.flushHead(ctx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return mapErr(err, "commit")
	}
	return nil
}

// flushHead writes the audit head back if entries advanced it; every transaction that records
// audit entries calls it before commit.
func (tx *Tx) flushHead(ctx context.Context) error {
	if tx.head == nil || !tx.head.dirty {
		return nil
	}
	if _, err := tx.exec(ctx, auditHeadUpdate, tx.head.seq, tx.head.hash); err != nil {
		return mapErr(err, "audit head")
	}
	tx.head.dirty = false
	return nil
}

// exec runs a statement of the write path, prepared once when it is one of hotQueries.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := tx.db.prepared(query); st != nil {
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// queryRow runs a one-row query of the write path, prepared once when it is one of hotQueries.
func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.db.prepared(query); st != nil {
		return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// prepared returns the statement prepared on the writer for a hot query, or nil.
func (db *DB) prepared(query string) *sql.Stmt {
	if db.Engine == Postgres {
		// pgx caches the statements of each connection itself; a database/sql Stmt would be prepared
		// again on the transaction's connection and closed with it, one more round trip each time.
		return nil
	}
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	return db.stmts[query]
}

// prepareHot prepares the statements of the hot write path on the writer, once the schema exists
// and outside any transaction (SQLite's single writer connection would otherwise be busy): SQLite
// re-parses every statement it is not given prepared. PostgreSQL needs none: pgx caches its own.
func (db *DB) prepareHot(ctx context.Context) error {
	if db.Engine == Postgres {
		return nil // see prepared
	}
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	for _, q := range []string{auditHeadSelect, auditInsert, auditHeadUpdate, sequenceNext, dossierInsert, docInsert, docUpdate, eventInsert} {
		if _, ok := db.stmts[q]; ok {
			continue
		}
		st, err := db.write.PrepareContext(ctx, q)
		if err != nil {
			return err
		}
		db.stmts[q] = st
	}
	return nil
}

// forUpdate returns the row-locking suffix for SELECTs inside a write transaction: needed on
// PostgreSQL, meaningless on SQLite where the writer already holds the database lock.
func (tx *Tx) forUpdate() string {
	if tx.db.Engine == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// mapErr turns driver errors into domain errors in one place: unique violations become Conflict,
// no rows becomes NotFound; fault errors pass through; anything else becomes Internal.
func mapErr(err error, context string) error {
	if err == nil {
		return nil
	}
	var fe *fault.Error
	if errors.As(err, &fe) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &fault.Error{Kind: fault.NotFound, Message: fault.Message{Key: "error.not_found"}, Err: err}
	}
	if isUniqueViolation(err) {
		return &fault.Error{Kind: fault.Conflict, Message: fault.Message{Key: "error.conflict"}, Err: err}
	}
	if errors.Is(err, errCanceled) {
		return err
	}
	return fault.Wrap(err, context)
}

var errCanceled = context.Canceled

// isUniqueViolation reports whether err is a unique or primary-key constraint failure on either engine.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		code := sqErr.Code()
		return code == 2067 || code == 1555 // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// ms converts an instant to stored Unix milliseconds; the zero time is stored as 0.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMS converts stored Unix milliseconds back to an instant; 0 is the zero time.
func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

// nullInt64 stores 0 as NULL, for optional references.
func nullInt64(v int64) sql.NullInt64 {
	return sql.NullInt64{Int64: v, Valid: v != 0}
}

// nullString stores "" as NULL.
func nullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}
