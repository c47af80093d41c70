package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the SQLite database to dest while the server keeps running
// (VACUUM INTO reads one snapshot). It refuses to overwrite an existing file and is not available on
// PostgreSQL, whose own tools (pg_dump) do this.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if db.Engine != SQLite {
		return errors.New("backup: for PostgreSQL use pg_dump")
	}
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("backup: %s already exists", dest)
	}
	// A connection of its own, so that neither the writer nor the read pool is held meanwhile.
	conn, err := sql.Open("sqlite", "file:"+escapePath(db.path)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO $1`, dest); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
