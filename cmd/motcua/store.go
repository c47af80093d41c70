package main

import (
	"context"

	"motcua/internal/store"
)

// openStore connects to the database and applies pending migrations.
func openStore(ctx context.Context, dsn string, a *app) (*store.DB, error) {
	db, _, err := a.open(ctx, dsn)
	return db, err
}
