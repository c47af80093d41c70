package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
)

const userColumns = `us.id, us.username, us.full_name, us.unit_id, un.code, un.name, un.path, us.active,
	us.failed_logins, us.locked_until, us.created_at, us.updated_at`

const userFrom = ` FROM users us JOIN units un ON un.id = us.unit_id`

func scanUser(r scanner) (account.User, error) {
	var u account.User
	var active, locked, created, updated int64
	err := r.Scan(&u.ID, &u.Username, &u.FullName, &u.UnitID, &u.UnitCode, &u.UnitName, &u.UnitPath, &active,
		&u.FailedLogins, &locked, &created, &updated)
	u.Active = active != 0
	u.LockedUntil, u.CreatedAt, u.UpdatedAt = fromMS(locked), fromMS(created), fromMS(updated)
	return u, err
}

// loadRoles fills in the roles of the given users.
func (db *DB) loadRoles(ctx context.Context, q querier, users []account.User) error {
	if len(users) == 0 {
		return nil
	}
	idx := map[int64]int{}
	var ph []string
	var args []any
	for i, u := range users {
		idx[u.ID] = i
		args = append(args, u.ID)
		ph = append(ph, placeholder(len(args)))
	}
	query := `SELECT user_id, role FROM user_roles WHERE user_id IN (` + strings.Join(ph, ",") + `) ORDER BY user_id, role`
	var rows *sql.Rows
	var err error
	if q == querier(db.read) && len(users) == 1 { // the hot path of every token or session check
		rows, err = db.readQuery(ctx, query, args...)
	} else {
		rows, err = q.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var role string
		if err := rows.Scan(&id, &role); err != nil {
			return err
		}
		users[idx[id]].Roles = append(users[idx[id]].Roles, account.Role(role))
	}
	for i := range users {
		sortRoles(users[i].Roles)
	}
	return rows.Err()
}

// sortRoles orders roles as account.Roles lists them.
func sortRoles(rs []account.Role) {
	rank := map[account.Role]int{}
	for i, r := range account.Roles {
		rank[r] = i
	}
	sort.Slice(rs, func(i, j int) bool { return rank[rs[i]] < rank[rs[j]] })
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// UserByUsername returns the user and the stored password hash, or a NotFound error.
func (db *DB) UserByUsername(ctx context.Context, username string) (account.User, string, error) {
	var hash string
	row := db.readRow(ctx, `SELECT `+userColumns+`, us.password_hash`+userFrom+` WHERE us.username = $1`, username)
	var u account.User
	var active, locked, created, updated int64
	err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.UnitID, &u.UnitCode, &u.UnitName, &u.UnitPath, &active,
		&u.FailedLogins, &locked, &created, &updated, &hash)
	if err == sql.ErrNoRows {
		return u, "", fault.New(fault.NotFound, "user.not_found", username)
	}
	if err != nil {
		return u, "", mapErr(err, "user")
	}
	u.Active = active != 0
	u.LockedUntil, u.CreatedAt, u.UpdatedAt = fromMS(locked), fromMS(created), fromMS(updated)
	us := []account.User{u}
	if err := db.loadRoles(ctx, db.read, us); err != nil {
		return u, "", mapErr(err, "roles")
	}
	return us[0], hash, nil
}

// Users returns the users whose unit lies under scopePath ("/" for all), ordered by unit then username.
func (db *DB) Users(ctx context.Context, scopePath string) ([]account.User, error) {
	rows, err := db.readQuery(ctx, `SELECT `+userColumns+userFrom+` WHERE un.path LIKE $1 ORDER BY un.path, us.username`, scopePath+"%")
	if err != nil {
		return nil, mapErr(err, "users")
	}
	var out []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, mapErr(err, "users")
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "users")
	}
	return out, mapErr(db.loadRoles(ctx, db.read, out), "roles")
}

// CreateUser inserts a user with roles and a password hash. A taken username is a Conflict error.
func (db *DB) CreateUser(ctx context.Context, actor account.Principal, u account.User, hash string) (account.User, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, unit_id, password_hash, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id`, u.Username, u.FullName, u.UnitID, hash, ms(tx.Now)).Scan(&u.ID)
		if isUniqueViolation(err) {
			return fault.New(fault.Conflict, "user.username.taken", u.Username)
		}
		if err != nil {
			return err
		}
		if err := tx.setRoles(ctx, u.ID, u.Roles); err != nil {
			return err
		}
		u.Active, u.CreatedAt, u.UpdatedAt = true, tx.Now, tx.Now
		return tx.record(ctx, actor, u.UnitCode, "user.create", "user:"+u.Username, nil, userSummary(u))
	})
	return u, err
}

func (tx *Tx) setRoles(ctx context.Context, userID int64, roles []account.Role) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, userID); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, userID, string(r)); err != nil {
			return err
		}
	}
	return nil
}

// userSummary is what the audit log records of a user (never the password hash).
func userSummary(u account.User) map[string]any {
	roles := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = string(r)
	}
	return map[string]any{"username": u.Username, "full_name": u.FullName, "unit": u.UnitCode, "roles": roles, "active": u.Active}
}

// UpdateUser changes a user's name, roles and active flag, recording before and after.
func (db *DB) UpdateUser(ctx context.Context, actor account.Principal, before, after account.User) error {
	return db.inTx(ctx, func(tx *Tx) error {
		active := 0
		if after.Active {
			active = 1
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET full_name = $1, active = $2, updated_at = $3 WHERE id = $4`,
			after.FullName, active, ms(tx.Now), before.ID); err != nil {
			return err
		}
		if err := tx.setRoles(ctx, before.ID, after.Roles); err != nil {
			return err
		}
		if !after.Active {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, before.ID); err != nil {
				return err
			}
		}
		return tx.record(ctx, actor, before.UnitCode, "user.update", "user:"+before.Username, userSummary(before), userSummary(after))
	})
}

// SetPassword stores a new password hash, unlocks the account and ends the user's other sessions
// (all of them when keepSession is empty).
func (db *DB) SetPassword(ctx context.Context, actor account.Principal, u account.User, hash, keepSession string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = 0, updated_at = $2 WHERE id = $3`,
			hash, ms(tx.Now), u.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, u.ID, keepSession); err != nil {
			return err
		}
		return tx.record(ctx, actor, u.UnitCode, "user.password", "user:"+u.Username, nil, map[string]string{"password": "changed"})
	})
}

// RecordLoginFailure counts a failed login and locks the account for account.LockDuration once the
// count reaches account.MaxFailedLogins. It returns the time the account is locked until (zero if not).
func (db *DB) RecordLoginFailure(ctx context.Context, u account.User) (time.Time, error) {
	var until time.Time
	err := db.inTx(ctx, func(tx *Tx) error {
		var failed int
		if err := tx.QueryRowContext(ctx, `SELECT failed_logins FROM users WHERE id = $1`+tx.forUpdate(), u.ID).Scan(&failed); err != nil {
			return err
		}
		failed++
		var lock int64
		if failed >= account.MaxFailedLogins {
			until = tx.Now.Add(account.LockDuration)
			lock = ms(until)
			failed = 0
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3`, failed, lock, u.ID); err != nil {
			return err
		}
		if lock != 0 {
			return tx.record(ctx, account.Principal{Username: u.Username, UserID: u.ID}, u.UnitCode, "user.locked", "user:"+u.Username,
				nil, map[string]string{"locked_until": until.UTC().Format(time.RFC3339)})
		}
		return nil
	})
	return until, err
}

// StartSession resets the failure count and stores a new session.
func (db *DB) StartSession(ctx context.Context, s account.Session) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1`, s.UserID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
			s.TokenHash, s.UserID, s.CSRF, ms(s.CreatedAt), ms(s.ExpiresAt))
		return err
	})
}

// SessionUser returns the live session with the token hash and its active user, or NotFound when
// the session is unknown or expired or the user inactive.
func (db *DB) SessionUser(ctx context.Context, tokenHash string, now time.Time) (account.Session, account.User, error) {
	var s account.Session
	var created, expires int64
	row := db.readRow(ctx, `SELECT s.token_hash, s.user_id, s.csrf, s.created_at, s.expires_at, `+userColumns+
		` FROM sessions s JOIN users us ON us.id = s.user_id JOIN units un ON un.id = us.unit_id
		  WHERE s.token_hash = $1 AND s.expires_at > $2 AND us.active = 1`, tokenHash, ms(now))
	var u account.User
	var active, locked, ucreated, updated int64
	err := row.Scan(&s.TokenHash, &s.UserID, &s.CSRF, &created, &expires,
		&u.ID, &u.Username, &u.FullName, &u.UnitID, &u.UnitCode, &u.UnitName, &u.UnitPath, &active,
		&u.FailedLogins, &locked, &ucreated, &updated)
	if err == sql.ErrNoRows {
		return s, u, fault.New(fault.NotFound, "session.not_found")
	}
	if err != nil {
		return s, u, mapErr(err, "session")
	}
	s.CreatedAt, s.ExpiresAt = fromMS(created), fromMS(expires)
	u.Active = active != 0
	u.LockedUntil, u.CreatedAt, u.UpdatedAt = fromMS(locked), fromMS(ucreated), fromMS(updated)
	us := []account.User{u}
	if err := db.loadRoles(ctx, db.read, us); err != nil {
		return s, u, mapErr(err, "roles")
	}
	return s, us[0], nil
}

// EndSession deletes a session (logout). Deleting an unknown session is not an error.
func (db *DB) EndSession(ctx context.Context, tokenHash string) error {
	_, err := db.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return mapErr(err, "end session")
}

// ExtendSession moves a session's expiry, for sliding expiration.
func (db *DB) ExtendSession(ctx context.Context, tokenHash string, expires time.Time) error {
	_, err := db.write.ExecContext(ctx, `UPDATE sessions SET expires_at = $1 WHERE token_hash = $2`, ms(expires), tokenHash)
	return mapErr(err, "extend session")
}
