// Package storetest opens fresh, migrated databases for tests: SQLite always, and PostgreSQL when
// MOTCUA_TEST_POSTGRES holds a DSN (each test gets its own schema, dropped at the end). With
// MOTCUA_TEST_REQUIRE_POSTGRES=1 a missing DSN fails the test instead of running SQLite alone, so CI
// cannot silently skip the production engine.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"motcua/internal/store"
)

// Engine is one open test database.
type Engine struct {
	Name string
	DB   *store.DB
	// DSN reopens the same database (e.g. for a second connection or the command line).
	DSN string
}

// Options tune the databases opened.
type Options struct {
	// Now is the clock given to the store; nil means time.Now.
	Now func() time.Time
}

// Engines returns a fresh migrated SQLite database and, when configured, a fresh PostgreSQL schema.
// Both are closed and removed when the test ends.
func Engines(t testing.TB, opt Options) []Engine {
	t.Helper()
	out := []Engine{SQLite(t, opt)}
	if pg, ok := Postgres(t, opt); ok {
		out = append(out, pg)
	}
	return out
}

// SQLite returns a fresh migrated SQLite database in a temporary folder.
func SQLite(t testing.TB, opt Options) Engine {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "motcua.db")
	db, err := store.Open(context.Background(), dsn, store.Options{Now: opt.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return Engine{Name: "sqlite", DB: db, DSN: dsn}
}

// Postgres returns a fresh migrated PostgreSQL schema, or false when MOTCUA_TEST_POSTGRES is unset
// (failing the test instead when MOTCUA_TEST_REQUIRE_POSTGRES=1).
func Postgres(t testing.TB, opt Options) (Engine, bool) {
	t.Helper()
	base := os.Getenv("MOTCUA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("MOTCUA_TEST_REQUIRE_POSTGRES") == "1" {
			t.Fatal("MOTCUA_TEST_POSTGRES is not set but MOTCUA_TEST_REQUIRE_POSTGRES=1")
		}
		return Engine{}, false
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("postgres at MOTCUA_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	dsn := u.String()
	db, err := store.Open(context.Background(), dsn, store.Options{Now: opt.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return Engine{Name: "postgres", DB: db, DSN: dsn}, true
}
