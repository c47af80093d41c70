package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

// The supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open motcua database: a writer and a reader pool (the same pool on PostgreSQL; on SQLite a
// single writer connection beside a read pool, as WAL allows one writer at a time).
type DB struct {
	Engine Engine
	write  *sql.DB
	read   *sql.DB
	now    func() time.Time
	path   string // the SQLite file, for backups

	// Group commit of new dossiers (batch.go).
	batchOnce   sync.Once
	inserts     chan insertRequest
	batcherDone chan struct{}
	closeMu     sync.RWMutex
	closed      bool

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
	reads  readStmts
}

// Options tune Open.
type Options struct {
	// Now is the clock; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
	// ReadConns is the size of the SQLite read pool (default 4).
	ReadConns int
}

// EngineOf tells which engine a --db value names: a postgres:// or postgresql:// URL, else a SQLite path.
func EngineOf(dsn string) Engine {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return Postgres
	}
	return SQLite
}

// Open connects to the database named by dsn (a SQLite file path or a postgres:// URL) and checks the
// connection. It does not migrate; call Migrate. It returns an error when the database cannot be
// opened or reached.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	db := &DB{Engine: EngineOf(dsn), now: opt.Now}
	if db.now == nil {
		db.now = time.Now
	}
	var err error
	switch db.Engine {
	case Postgres:
		db.write, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		db.write.SetMaxOpenConns(32)
		db.write.SetMaxIdleConns(32)
		db.write.SetConnMaxIdleTime(5 * time.Minute)
		db.read = db.write
	default:
		if dsn == "" {
			return nil, errors.New("store: empty database path")
		}
		db.path = dsn
		pragmas := "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
		// The writer keeps savepoint journals in memory (group commit uses one savepoint per dossier)
		// and a larger page cache than the default 2 MB.
		db.write, err = sql.Open("sqlite", "file:"+escapePath(dsn)+"?"+pragmas+"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)&_txlock=immediate")
		if err != nil {
			return nil, err
		}
		db.write.SetMaxOpenConns(1)
		db.write.SetMaxIdleConns(1)
		db.write.SetConnMaxLifetime(0)
		// The writer creates the file and switches it to WAL before readers open it.
		if err := db.write.PingContext(ctx); err != nil {
			db.write.Close()
			return nil, fmt.Errorf("open %s: %w", dsn, err)
		}
		db.read, err = sql.Open("sqlite", "file:"+escapePath(dsn)+"?"+pragmas+"&_pragma=query_only(1)&_pragma=cache_size(-32000)&_pragma=mmap_size(2147418112)")
		if err != nil {
			db.write.Close()
			return nil, err
		}
		n := opt.ReadConns
		if n <= 0 {
			n = 4
		}
		db.read.SetMaxOpenConns(n)
		db.read.SetMaxIdleConns(n)
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	return db, nil
}

// escapePath makes a file path safe inside a file: URI.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// Close writes the inserts still queued, then closes both pools.
func (db *DB) Close() error {
	db.stopBatcher()
	db.stmtMu.Lock()
	for _, st := range db.stmts {
		st.Close()
	}
	db.stmtMu.Unlock()
	db.closeReadStmts()
	err := db.write.Close()
	if db.read != db.write {
		if e := db.read.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Ping checks that the database answers, for the health endpoint.
func (db *DB) Ping(ctx context.Context) error {
	return db.read.PingContext(ctx)
}

// Now returns the current time from the database's clock, in milliseconds precision as stored.
func (db *DB) Now() time.Time {
	return db.now().Truncate(time.Millisecond)
}
