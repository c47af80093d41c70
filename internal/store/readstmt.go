package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxReadStmts bounds the cache of prepared read statements: queries built at run time with many
// shapes (filters, searches) beyond it run unprepared.
const maxReadStmts = 256

// readStmts caches the statements of the read pool, prepared on first use. SQLite parses and plans
// every statement it is not given prepared, which costs more than the lookup itself on the hot read
// paths (token, unit, dossier); database/sql prepares a Stmt on each pooled connection as needed.
// PostgreSQL's pgx keeps its own statement cache, so there the cache is not used.
type readStmts struct {
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

// stmt returns the prepared statement of a read query, or nil to run it unprepared.
func (db *DB) readStmt(ctx context.Context, query string) *sql.Stmt {
	if db.Engine != SQLite {
		return nil
	}
	c := &db.reads
	c.mu.RLock()
	st, ok := c.stmts[query]
	n := len(c.stmts)
	c.mu.RUnlock()
	if ok || n >= maxReadStmts {
		return st
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	st, err := db.read.PrepareContext(ctx, query)
	if err != nil {
		return nil // the unprepared query reports the error
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st
}

// readRow runs a one-row query on the read pool, prepared.
func (db *DB) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := db.readStmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.read.QueryRowContext(ctx, query, args...)
}

// readQuery runs a query on the read pool, prepared.
func (db *DB) readQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := db.readStmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return db.read.QueryContext(ctx, query, args...)
}

// closeReadStmts closes the cached read statements.
func (db *DB) closeReadStmts() {
	db.reads.mu.Lock()
	defer db.reads.mu.Unlock()
	for _, st := range db.reads.stmts {
		st.Close()
	}
	db.reads.stmts = nil
}
