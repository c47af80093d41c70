package store

import (
	"context"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/workcal"
)

var _ workcal.Store = (*DB)(nil)

// CalendarOverrides returns every override of every scope, by scope and date.
func (db *DB) CalendarOverrides(ctx context.Context) ([]workcal.Override, error) {
	rows, err := db.readQuery(ctx, `SELECT unit_code, day, kind, name_vi, name_en, created_by, created_at
		FROM calendar_overrides ORDER BY unit_code, day`)
	if err != nil {
		return nil, mapErr(err, "calendar overrides")
	}
	defer rows.Close()
	var out []workcal.Override
	for rows.Next() {
		var o workcal.Override
		var day, kind string
		var created int64
		if err := rows.Scan(&o.UnitCode, &day, &kind, &o.NameVI, &o.NameEN, &o.CreatedBy, &created); err != nil {
			return nil, mapErr(err, "calendar overrides")
		}
		d, err := calendar.ParseDate(day)
		if err != nil {
			return nil, fault.Wrap(err, "stored override day")
		}
		o.Date, o.Kind, o.CreatedAt = d, calendar.OverrideKind(kind), fromMS(created)
		out = append(out, o)
	}
	return out, mapErr(rows.Err(), "calendar overrides")
}

func overrideSummary(o workcal.Override) map[string]string {
	return map[string]string{"scope": o.UnitCode, "date": o.Date.String(), "kind": string(o.Kind), "name_vi": o.NameVI, "name_en": o.NameEN}
}

// AddCalendarOverride stores an override with its audit entry; a second override of the same day
// in the same scope is a Conflict.
func (db *DB) AddCalendarOverride(ctx context.Context, actor account.Principal, o workcal.Override) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO calendar_overrides (unit_code, day, kind, name_vi, name_en, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, o.UnitCode, o.Date.String(), string(o.Kind), o.NameVI, o.NameEN, ms(tx.Now), actor.Username)
		if isUniqueViolation(err) {
			return fault.New(fault.Conflict, "calendar.override.exists", o.Date.String())
		}
		if err != nil {
			return err
		}
		return tx.record(ctx, actor, o.UnitCode, "calendar.override.add", "calendar:"+o.UnitCode, nil, overrideSummary(o))
	})
}

// DeleteCalendarOverride removes the override of a day in a scope, or returns NotFound.
func (db *DB) DeleteCalendarOverride(ctx context.Context, actor account.Principal, unitCode string, day calendar.Date) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var o workcal.Override
		var kind string
		err := tx.QueryRowContext(ctx, `SELECT kind, name_vi, name_en FROM calendar_overrides WHERE unit_code = $1 AND day = $2`,
			unitCode, day.String()).Scan(&kind, &o.NameVI, &o.NameEN)
		if err != nil {
			if fault.Is(mapErr(err, ""), fault.NotFound) {
				return fault.New(fault.NotFound, "calendar.override.not_found", day.String())
			}
			return err
		}
		o.UnitCode, o.Date, o.Kind = unitCode, day, calendar.OverrideKind(kind)
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_overrides WHERE unit_code = $1 AND day = $2`, unitCode, day.String()); err != nil {
			return err
		}
		return tx.record(ctx, actor, unitCode, "calendar.override.remove", "calendar:"+unitCode, overrideSummary(o), nil)
	})
}

// UnitHours returns the desk hours of the units that set their own, by unit code.
func (db *DB) UnitHours(ctx context.Context) (map[string]string, error) {
	rows, err := db.readQuery(ctx, `SELECT unit_code, hours FROM unit_hours`)
	if err != nil {
		return nil, mapErr(err, "unit hours")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, hours string
		if err := rows.Scan(&code, &hours); err != nil {
			return nil, mapErr(err, "unit hours")
		}
		out[code] = hours
	}
	return out, mapErr(rows.Err(), "unit hours")
}

// SetUnitHours stores a unit's desk hours, or removes them when hours is empty.
func (db *DB) SetUnitHours(ctx context.Context, actor account.Principal, unitCode, hours string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var before string
		err := tx.QueryRowContext(ctx, `SELECT hours FROM unit_hours WHERE unit_code = $1`, unitCode).Scan(&before)
		if err != nil && !fault.Is(mapErr(err, ""), fault.NotFound) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM unit_hours WHERE unit_code = $1`, unitCode); err != nil {
			return err
		}
		if hours != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO unit_hours (unit_code, hours, updated_at) VALUES ($1, $2, $3)`,
				unitCode, hours, ms(tx.Now)); err != nil {
				return err
			}
		}
		return tx.record(ctx, actor, unitCode, "calendar.hours", "unit:"+unitCode, map[string]string{"hours": before}, map[string]string{"hours": hours})
	})
}
