package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

var _ catalog.Store = (*DB)(nil)

// procedureColumns returns the levels column, the list summary and the whole document of a version.
func procedureColumns(p procedure.Procedure) (levels, summary, doc string, err error) {
	var ls []string
	for _, l := range p.Levels {
		ls = append(ls, string(l))
	}
	levels = "," + strings.Join(ls, ",") + ","
	short := procedure.Procedure{Code: p.Code, Name: p.Name, Field: p.Field, Levels: p.Levels, Channels: p.Channels,
		OnlineLevel: p.OnlineLevel, CutoffHour: p.CutoffHour, Status: p.Status, Version: p.Version,
		EffectiveFrom: p.EffectiveFrom, AbolishedFrom: p.AbolishedFrom}
	sb, err := json.Marshal(short)
	if err != nil {
		return "", "", "", err
	}
	db, err := json.Marshal(p)
	return levels, string(sb), string(db), err
}

func scanProcedure(r scanner) (procedure.Procedure, error) {
	var doc string
	var p procedure.Procedure
	if err := r.Scan(&doc); err != nil {
		return p, err
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return p, fault.Wrap(err, "stored procedure")
	}
	return p, nil
}

func procedureSummary(p procedure.Procedure) map[string]any {
	return map[string]any{"code": p.Code, "version": p.Version, "status": p.Status, "name": p.Name,
		"effective_from": procedure.FormatDate(p.EffectiveFrom), "abolished_from": procedure.FormatDate(p.AbolishedFrom)}
}

// SaveProcedureVersion inserts a new version with its shared field and legal documents; with
// supersede, that version's row is updated in the same transaction (e.g. to amended). Errors:
// Conflict when the version exists.
func (db *DB) SaveProcedureVersion(ctx context.Context, actor account.Principal, p procedure.Procedure, supersede *procedure.Procedure) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.upsertShared(ctx, p); err != nil {
			return err
		}
		levels, summary, doc, err := procedureColumns(p)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO procedures (code, version, status, name, field_code, field_name, levels, online_level,
			effective_from, abolished_from, search_key, summary, created_at, created_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13) RETURNING id`,
			p.Code, p.Version, string(p.Status), p.Name, p.Field.Code, p.Field.Name, levels, string(p.OnlineLevel),
			procedure.FormatDate(p.EffectiveFrom), procedure.FormatDate(p.AbolishedFrom), procedure.SearchKey(p), summary, ms(tx.Now), actor.Username).Scan(&id)
		if isUniqueViolation(err) {
			return fault.New(fault.Conflict, "catalog.version.exists", p.Code, p.Version)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO procedure_docs (procedure_id, doc) VALUES ($1, $2)`, id, doc); err != nil {
			return err
		}
		if err := tx.record(ctx, actor, "", "procedure.version", "procedure:"+p.Code, nil, procedureSummary(p)); err != nil {
			return err
		}
		if supersede != nil {
			return tx.updateProcedure(ctx, actor, *supersede)
		}
		return nil
	})
}

// UpdateProcedureVersion rewrites an existing version (a draft's content, or a status change) and,
// with also, another version in the same transaction. Errors: NotFound.
func (db *DB) UpdateProcedureVersion(ctx context.Context, actor account.Principal, p procedure.Procedure, also *procedure.Procedure) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.upsertShared(ctx, p); err != nil {
			return err
		}
		if err := tx.updateProcedure(ctx, actor, p); err != nil {
			return err
		}
		if also != nil {
			return tx.updateProcedure(ctx, actor, *also)
		}
		return nil
	})
}

func (tx *Tx) updateProcedure(ctx context.Context, actor account.Principal, p procedure.Procedure) error {
	var id int64
	var beforeDoc string
	err := tx.QueryRowContext(ctx, `SELECT p.id, d.doc FROM procedures p JOIN procedure_docs d ON d.procedure_id = p.id
		WHERE p.code = $1 AND p.version = $2`+tx.forUpdate(), p.Code, p.Version).Scan(&id, &beforeDoc)
	if err == sql.ErrNoRows {
		return fault.New(fault.NotFound, "catalog.not_found", p.Code)
	}
	if err != nil {
		return err
	}
	var before procedure.Procedure
	if err := json.Unmarshal([]byte(beforeDoc), &before); err != nil {
		return err
	}
	levels, summary, doc, err := procedureColumns(p)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE procedures SET status = $1, name = $2, field_code = $3, field_name = $4, levels = $5,
		online_level = $6, effective_from = $7, abolished_from = $8, search_key = $9, summary = $10, updated_at = $11
		WHERE id = $12`, string(p.Status), p.Name, p.Field.Code, p.Field.Name, levels, string(p.OnlineLevel),
		procedure.FormatDate(p.EffectiveFrom), procedure.FormatDate(p.AbolishedFrom), procedure.SearchKey(p), summary, ms(tx.Now), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE procedure_docs SET doc = $1 WHERE procedure_id = $2`, doc, id); err != nil {
		return err
	}
	return tx.record(ctx, actor, "", "procedure.update", "procedure:"+p.Code, procedureSummary(before), procedureSummary(p))
}

// upsertShared records the procedure's field and legal documents as shared records.
func (tx *Tx) upsertShared(ctx context.Context, p procedure.Procedure) error {
	if p.Field.Name != "" {
		code := p.Field.Code
		if code == "" {
			code = p.Field.Name
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO fields (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = excluded.name`,
			code, p.Field.Name); err != nil {
			return err
		}
	}
	for _, l := range p.LegalBasis {
		if l.Number == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO legal_documents (number, name, issued, issuer, effective_from, created_at)
			VALUES ($1, $2, $3, $4, '', $5) ON CONFLICT (number) DO NOTHING`,
			l.Number, l.Name, procedure.FormatDate(l.Date), l.Issuer, ms(tx.Now)); err != nil {
			return err
		}
	}
	return nil
}

// ProcedureVersions returns every version of a procedure, oldest first (none: NotFound).
func (db *DB) ProcedureVersions(ctx context.Context, code string) ([]procedure.Procedure, error) {
	rows, err := db.readQuery(ctx, `SELECT d.doc FROM procedures p JOIN procedure_docs d ON d.procedure_id = p.id
		WHERE p.code = $1 ORDER BY p.version`, code)
	if err != nil {
		return nil, mapErr(err, "procedure versions")
	}
	defer rows.Close()
	var out []procedure.Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, mapErr(err, "procedure versions")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "procedure versions")
	}
	if len(out) == 0 {
		return nil, fault.New(fault.NotFound, "catalog.not_found", code)
	}
	return out, nil
}

// SearchProcedures returns one page of the procedures matching q, ordered by field then name, and
// how many match in all. Unless q.Full, the procedures carry only what lists show: code, name,
// field, levels, channels with times and fees, online level, cut-off, status, version and dates.
func (db *DB) SearchProcedures(ctx context.Context, q catalog.Query) ([]procedure.Procedure, int, error) {
	where := []string{"1 = 1"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return placeholder(len(args))
	}
	if len(q.Statuses) > 0 {
		var ph []string
		for _, s := range q.Statuses {
			ph = append(ph, arg(string(s)))
		}
		where = append(where, "p.status IN ("+strings.Join(ph, ", ")+")")
	}
	if q.Text != "" {
		where = append(where, "p.search_key LIKE "+arg("%"+q.Text+"%"))
	}
	if q.Field != "" {
		where = append(where, "(p.field_name = "+arg(q.Field)+" OR p.field_code = "+arg(q.Field)+")")
	}
	if q.Level != "" {
		where = append(where, "p.levels LIKE "+arg("%,"+q.Level+",%"))
	}
	if q.UnitCode != "" {
		where = append(where, "EXISTS (SELECT 1 FROM procedure_units pu WHERE pu.procedure_code = p.code AND pu.unit_code = "+arg(q.UnitCode)+")")
	}
	if q.Code != "" {
		where = append(where, "p.code = "+arg(q.Code))
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := db.readRow(ctx, `SELECT count(*) FROM procedures p WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, mapErr(err, "search procedures")
	}
	limit := q.Limit
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	page := append(append([]any(nil), args...), limit, q.Offset)
	col, join := "p.summary", ""
	if q.Full {
		col, join = "d.doc", " JOIN procedure_docs d ON d.procedure_id = p.id"
	}
	rows, err := db.readQuery(ctx, `SELECT `+col+` FROM procedures p`+join+` WHERE `+cond+` ORDER BY p.field_name, p.name, p.code, p.version
		LIMIT `+placeholder(len(args)+1)+` OFFSET `+placeholder(len(args)+2), page...)
	if err != nil {
		return nil, 0, mapErr(err, "search procedures")
	}
	defer rows.Close()
	var out []procedure.Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, 0, mapErr(err, "search procedures")
		}
		out = append(out, p)
	}
	return out, total, mapErr(rows.Err(), "search procedures")
}

// AddProcedureUnits records that the units apply the procedure (existing pairs are kept).
func (db *DB) AddProcedureUnits(ctx context.Context, actor account.Principal, code string, unitCodes []string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var added []string
		for _, u := range unitCodes {
			res, err := tx.ExecContext(ctx, `INSERT INTO procedure_units (procedure_code, unit_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, code, u)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added = append(added, u)
			}
		}
		if len(added) == 0 {
			return nil
		}
		return tx.record(ctx, actor, "", "procedure.apply", "procedure:"+code, nil, map[string]any{"units": added})
	})
}

// RemoveProcedureUnit records that a unit no longer applies the procedure.
func (db *DB) RemoveProcedureUnit(ctx context.Context, actor account.Principal, code, unitCode string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM procedure_units WHERE procedure_code = $1 AND unit_code = $2`, code, unitCode); err != nil {
			return err
		}
		return tx.record(ctx, actor, unitCode, "procedure.unapply", "procedure:"+code, map[string]any{"unit": unitCode}, nil)
	})
}

// ProcedureUnits returns the codes of the units that apply a procedure.
func (db *DB) ProcedureUnits(ctx context.Context, code string) ([]string, error) {
	return db.strings(ctx, `SELECT unit_code FROM procedure_units WHERE procedure_code = $1 ORDER BY unit_code`, code)
}

// Fields returns the fields (lĩnh vực) that published procedures use, by name.
func (db *DB) Fields(ctx context.Context) ([]procedure.Field, error) {
	rows, err := db.readQuery(ctx, `SELECT DISTINCT field_code, field_name FROM procedures WHERE status = 'published' AND field_name <> '' ORDER BY field_name`)
	if err != nil {
		return nil, mapErr(err, "fields")
	}
	defer rows.Close()
	var out []procedure.Field
	for rows.Next() {
		var f procedure.Field
		if err := rows.Scan(&f.Code, &f.Name); err != nil {
			return nil, mapErr(err, "fields")
		}
		out = append(out, f)
	}
	return out, mapErr(rows.Err(), "fields")
}

// LegalDocuments returns the recorded legal documents by number.
func (db *DB) LegalDocuments(ctx context.Context) ([]procedure.LegalDocument, error) {
	rows, err := db.readQuery(ctx, `SELECT number, name, issued, issuer, effective_from FROM legal_documents ORDER BY number`)
	if err != nil {
		return nil, mapErr(err, "legal documents")
	}
	defer rows.Close()
	var out []procedure.LegalDocument
	for rows.Next() {
		var d procedure.LegalDocument
		var issued, eff string
		if err := rows.Scan(&d.Number, &d.Name, &issued, &d.Issuer, &eff); err != nil {
			return nil, mapErr(err, "legal documents")
		}
		d.Date, _ = procedure.ParseDate(issued)
		d.EffectiveFrom, _ = procedure.ParseDate(eff)
		out = append(out, d)
	}
	return out, mapErr(rows.Err(), "legal documents")
}

// SaveLegalDocument records a legal document, or updates it when its number exists.
func (db *DB) SaveLegalDocument(ctx context.Context, actor account.Principal, d procedure.LegalDocument) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO legal_documents (number, name, issued, issuer, effective_from, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (number) DO UPDATE SET name = excluded.name, issued = excluded.issued,
			issuer = excluded.issuer, effective_from = excluded.effective_from`,
			d.Number, d.Name, procedure.FormatDate(d.Date), d.Issuer, procedure.FormatDate(d.EffectiveFrom), ms(tx.Now)); err != nil {
			return err
		}
		return tx.record(ctx, actor, "", "legal_document.save", "legal:"+d.Number, nil, d)
	})
}

// SaveReview inserts (ID 0) or updates a review. Errors: NotFound for an unknown ID.
func (db *DB) SaveReview(ctx context.Context, actor account.Principal, r procedure.Review) (procedure.Review, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if r.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO procedure_reviews (procedure_code, procedure_version, reviewer, reviewed_on, proposal,
				status, doc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
				r.ProcedureCode, r.ProcedureVersion, r.Reviewer, procedure.FormatDate(r.Date), string(r.Proposal), string(r.Status), string(b), ms(tx.Now)).Scan(&r.ID); err != nil {
				return err
			}
			b, _ = json.Marshal(r)
			if _, err := tx.ExecContext(ctx, `UPDATE procedure_reviews SET doc = $1 WHERE id = $2`, string(b), r.ID); err != nil {
				return err
			}
			return tx.record(ctx, actor, "", "review.create", "procedure:"+r.ProcedureCode, nil, r)
		}
		res, err := tx.ExecContext(ctx, `UPDATE procedure_reviews SET reviewer = $1, reviewed_on = $2, proposal = $3, status = $4, doc = $5, updated_at = $6
			WHERE id = $7`, r.Reviewer, procedure.FormatDate(r.Date), string(r.Proposal), string(r.Status), string(b), ms(tx.Now), r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fault.New(fault.NotFound, "review.not_found", r.ID)
		}
		return tx.record(ctx, actor, "", "review.update", "procedure:"+r.ProcedureCode, nil, r)
	})
	return r, err
}

// Reviews returns the reviews of a procedure ("" for all), newest first.
func (db *DB) Reviews(ctx context.Context, code string) ([]procedure.Review, error) {
	rows, err := db.readQuery(ctx, `SELECT doc FROM procedure_reviews WHERE procedure_code = $1 OR $1 = '' ORDER BY reviewed_on DESC, id DESC`, code)
	if err != nil {
		return nil, mapErr(err, "reviews")
	}
	defer rows.Close()
	var out []procedure.Review
	for rows.Next() {
		var doc string
		var r procedure.Review
		if err := rows.Scan(&doc); err != nil {
			return nil, mapErr(err, "reviews")
		}
		if err := json.Unmarshal([]byte(doc), &r); err != nil {
			return nil, fault.Wrap(err, "stored review")
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err(), "reviews")
}

// strings runs a one-column query.
func (db *DB) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := db.readQuery(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "query")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, mapErr(err, "query")
		}
		out = append(out, s)
	}
	return out, mapErr(rows.Err(), "query")
}

// AllProcedureUnits returns, for every procedure code, the set of units applying it.
func (db *DB) AllProcedureUnits(ctx context.Context) (map[string]map[string]bool, error) {
	rows, err := db.readQuery(ctx, `SELECT procedure_code, unit_code FROM procedure_units`)
	if err != nil {
		return nil, mapErr(err, "procedure units")
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var code, unit string
		if err := rows.Scan(&code, &unit); err != nil {
			return nil, mapErr(err, "procedure units")
		}
		if out[code] == nil {
			out[code] = map[string]bool{}
		}
		out[code][unit] = true
	}
	return out, mapErr(rows.Err(), "procedure units")
}
