package store

import (
	"context"
	"database/sql"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
)

var _ account.TokenStore = (*DB)(nil)

// CreateToken stores an API token's hash with an audit entry.
func (db *DB) CreateToken(ctx context.Context, actor account.Principal, u account.User, t account.APIToken) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)`,
			t.TokenHash, u.ID, t.Name, ms(tx.Now)); err != nil {
			return err
		}
		return tx.record(ctx, actor, u.UnitCode, "token.create", "user:"+u.Username, nil, map[string]string{"token": t.Name})
	})
}

// TokenUser returns the user of a live token, or NotFound.
func (db *DB) TokenUser(ctx context.Context, tokenHash string) (account.User, error) {
	u, err := scanUser(db.readRow(ctx, `SELECT `+userColumns+userFrom+`
		JOIN api_tokens t ON t.user_id = us.id WHERE t.token_hash = $1 AND t.revoked_at = 0`, tokenHash))
	if err == sql.ErrNoRows {
		return u, fault.New(fault.NotFound, "error.unauthorized")
	}
	if err != nil {
		return u, mapErr(err, "token")
	}
	us := []account.User{u}
	if err := db.loadRoles(ctx, db.read, us); err != nil {
		return u, mapErr(err, "roles")
	}
	return us[0], nil
}

// TouchToken records when a token was last used, at most once a minute per token to spare the writer.
func (db *DB) TouchToken(ctx context.Context, tokenHash string, at time.Time) error {
	_, err := db.write.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 AND last_used_at < $3`,
		ms(at), tokenHash, ms(at.Add(-time.Minute)))
	return mapErr(err, "touch token")
}
