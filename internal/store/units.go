package store

import (
	"context"
	"database/sql"
	"strconv"

	"motcua/internal/account"
	"motcua/internal/fault"
)

var _ account.Store = (*DB)(nil)

const unitColumns = `u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0), COALESCE(p.code, ''), u.path,
	u.valid_from, COALESCE(u.valid_to, ''), COALESCE(s.code, ''), u.created_at, u.updated_at`

const unitFrom = ` FROM units u LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN units s ON s.id = u.successor_id`

func scanUnit(r scanner) (account.Unit, error) {
	var u account.Unit
	var created, updated int64
	err := r.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.ParentCode, &u.Path,
		&u.ValidFrom, &u.ValidTo, &u.SuccessorCode, &created, &updated)
	u.CreatedAt, u.UpdatedAt = fromMS(created), fromMS(updated)
	return u, err
}

// UnitByCode returns the unit with the given identifier, or a NotFound error.
func (db *DB) UnitByCode(ctx context.Context, code string) (account.Unit, error) {
	u, err := scanUnit(db.readRow(ctx, `SELECT `+unitColumns+unitFrom+` WHERE u.code = $1`, code))
	if err != nil {
		return u, unitErr(err, code)
	}
	return u, nil
}

func unitErr(err error, code string) error {
	if err == sql.ErrNoRows {
		return fault.New(fault.NotFound, "unit.not_found", code)
	}
	return mapErr(err, "unit")
}

// Units returns every unit, ordered by path (a parent before its children).
func (db *DB) Units(ctx context.Context) ([]account.Unit, error) {
	rows, err := db.readQuery(ctx, `SELECT `+unitColumns+unitFrom+` ORDER BY u.path`)
	if err != nil {
		return nil, mapErr(err, "units")
	}
	defer rows.Close()
	var out []account.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, mapErr(err, "units")
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UnitHistory returns every recorded (name, parent) version of every unit, oldest first.
func (db *DB) UnitHistory(ctx context.Context) ([]account.UnitVersion, error) {
	rows, err := db.readQuery(ctx, `SELECT unit_id, valid_from, name, COALESCE(parent_id, 0)
		FROM unit_history ORDER BY unit_id, valid_from, id`)
	if err != nil {
		return nil, mapErr(err, "unit history")
	}
	defer rows.Close()
	var out []account.UnitVersion
	for rows.Next() {
		var v account.UnitVersion
		if err := rows.Scan(&v.UnitID, &v.ValidFrom, &v.Name, &v.ParentID); err != nil {
			return nil, mapErr(err, "unit history")
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CreateUnit inserts a unit under parent (nil for a root) with its first history row and audit entry.
// A duplicate code is a Conflict error.
func (db *DB) CreateUnit(ctx context.Context, actor account.Principal, u account.Unit, parent *account.Unit) (account.Unit, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		var parentID sql.NullInt64
		parentPath := "/"
		if parent != nil {
			parentID = nullInt64(parent.ID)
			parentPath = parent.Path
			u.ParentID, u.ParentCode = parent.ID, parent.Code
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO units (code, name, kind, parent_id, path, valid_from, valid_to, created_at, updated_at)
			VALUES ($1, $2, $3, $4, '', $5, $6, $7, $7) RETURNING id`,
			u.Code, u.Name, string(u.Kind), parentID, u.ValidFrom, nullString(u.ValidTo), ms(tx.Now)).Scan(&u.ID)
		if isUniqueViolation(err) {
			return fault.New(fault.Conflict, "unit.code.taken", u.Code)
		}
		if err != nil {
			return err
		}
		u.Path = parentPath + strconv.FormatInt(u.ID, 10) + "/"
		u.CreatedAt, u.UpdatedAt = tx.Now, tx.Now
		if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 WHERE id = $2`, u.Path, u.ID); err != nil {
			return err
		}
		if err := tx.addHistory(ctx, u.ID, u.ValidFrom, u.Name, u.ParentID); err != nil {
			return err
		}
		return tx.record(ctx, actor, u.Code, "unit.create", "unit:"+u.Code, nil, unitSummary(u))
	})
	return u, err
}

func (tx *Tx) addHistory(ctx context.Context, unitID int64, from, name string, parentID int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO unit_history (unit_id, valid_from, name, parent_id, created_at)
		VALUES ($1, $2, $3, $4, $5)`, unitID, from, name, nullInt64(parentID), ms(tx.Now))
	return err
}

// unitSummary is what the audit log records of a unit.
func unitSummary(u account.Unit) map[string]string {
	m := map[string]string{"code": u.Code, "name": u.Name, "kind": string(u.Kind), "parent": u.ParentCode, "valid_from": u.ValidFrom}
	if u.ValidTo != "" {
		m["valid_to"] = u.ValidTo
	}
	if u.SuccessorCode != "" {
		m["successor"] = u.SuccessorCode
	}
	return m
}

// RenameUnit gives the unit a new name from the given day on. The unit must still be current.
func (db *DB) RenameUnit(ctx context.Context, actor account.Principal, u account.Unit, name, from string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		after := u
		after.Name = name
		if _, err := tx.ExecContext(ctx, `UPDATE units SET name = $1, updated_at = $2 WHERE id = $3`, name, ms(tx.Now), u.ID); err != nil {
			return err
		}
		if err := tx.addHistory(ctx, u.ID, from, name, u.ParentID); err != nil {
			return err
		}
		return tx.record(ctx, actor, u.Code, "unit.rename", "unit:"+u.Code, unitSummary(u), unitSummary(after))
	})
}

// MoveUnit places the unit (and its subtree) under a new parent from the given day on.
func (db *DB) MoveUnit(ctx context.Context, actor account.Principal, u account.Unit, parent account.Unit, from string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		newPath := parent.Path + strconv.FormatInt(u.ID, 10) + "/"
		if _, err := tx.ExecContext(ctx, `UPDATE units SET parent_id = $1, updated_at = $2 WHERE id = $3`, parent.ID, ms(tx.Now), u.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET path = $1 || substr(path, $2) WHERE path LIKE $3`,
			newPath, len(u.Path)+1, u.Path+"%"); err != nil {
			return err
		}
		if err := tx.addHistory(ctx, u.ID, from, u.Name, parent.ID); err != nil {
			return err
		}
		after := u
		after.ParentID, after.ParentCode = parent.ID, parent.Code
		return tx.record(ctx, actor, u.Code, "unit.move", "unit:"+u.Code, unitSummary(u), unitSummary(after))
	})
}

// CloseUnit ends the unit and every current unit below it on the given day (their last day is the
// day before). With a successor, the unit is recorded as merged into it.
func (db *DB) CloseUnit(ctx context.Context, actor account.Principal, u account.Unit, on string, successor *account.Unit) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var succ sql.NullInt64
		action := "unit.close"
		after := u
		after.ValidTo = on
		if successor != nil {
			succ = nullInt64(successor.ID)
			action = "unit.merge"
			after.SuccessorCode = successor.Code
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET valid_to = $1, successor_id = $2, updated_at = $3 WHERE id = $4`,
			on, succ, ms(tx.Now), u.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET valid_to = $1, updated_at = $2
			WHERE path LIKE $3 AND id <> $4 AND (valid_to IS NULL OR valid_to > $1)`, on, ms(tx.Now), u.Path+"%", u.ID); err != nil {
			return err
		}
		return tx.record(ctx, actor, u.Code, action, "unit:"+u.Code, unitSummary(u), unitSummary(after))
	})
}
