// Package store implements motcua's storage over database/sql, for embedded SQLite (modernc.org/sqlite,
// the default) and PostgreSQL (pgx). The SQL is written once, with $1-style placeholders that both
// engines accept; instants are stored as Unix milliseconds and days as 'YYYY-MM-DD' text so that
// comparisons behave the same on both. Business rules are computed in Go before rows are written.
//
// Every write runs in one transaction that also appends the audit entry describing it, so a change
// and its record are written together or not at all. The time of a transaction is read once from the
// injected clock.
package store
