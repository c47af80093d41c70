package store

import (
	"context"
	"slices"

	"motcua/internal/audit"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// sequenceTake reserves n numbers of a code prefix and returns the last one.
const sequenceTake = `INSERT INTO dossier_sequences (prefix, last) VALUES ($1, $2)
	ON CONFLICT (prefix) DO UPDATE SET last = dossier_sequences.last + $2 RETURNING last`

// insertMany writes a batch of new dossiers inside tx with a few statements for the whole batch
// instead of several per dossier: one per code prefix to reserve its numbers, one for the ids, one
// multi-row insert each for the dossiers, their documents, their events and their audit entries (one
// entry per dossier, chained in Go). On PostgreSQL every statement is a round trip to the server, and
// a batch of 32 receptions one by one took some 160 of them while the audit head stayed locked. The
// dossiers get exactly what insertOne gives them (codes numbered in batch order, version 1, the
// same rows, summary and audit entries); a unique violation fails the whole batch, which writeBatch
// then writes again one dossier at a time.
func (tx *Tx) insertMany(ctx context.Context, batch []insertRequest) ([]dossier.Dossier, error) {
	ds := make([]dossier.Dossier, len(batch))
	byPrefix := map[string][]int{}
	for i, r := range batch {
		ds[i] = r.d
		ds[i].Version = 1
		if r.d.Code == "" {
			prefix := r.d.CompetentUnit + "-" + r.day.In(icTime).Format("060102")
			byPrefix[prefix] = append(byPrefix[prefix], i)
		}
	}
	prefixes := make([]string, 0, len(byPrefix))
	for p := range byPrefix {
		prefixes = append(prefixes, p)
	}
	slices.Sort(prefixes) // lock the sequence rows in one order, as every writer does
	for _, p := range prefixes {
		idx := byPrefix[p]
		var last int
		if err := tx.queryRow(ctx, sequenceTake, p, len(idx)).Scan(&last); err != nil {
			return nil, err
		}
		for k, i := range idx {
			r := batch[i]
			ds[i].Code = dossier.Code(r.format, r.d.CompetentUnit, r.day.In(icTime), last-len(idx)+1+k)
		}
	}
	ids, err := tx.allocateDossierIDs(ctx, len(ds))
	if err != nil {
		return nil, err
	}
	events := make([][]dossier.Event, len(batch))
	for i, r := range batch {
		events[i] = r.events
		if events[i] == nil {
			events[i] = []dossier.Event{}
		}
	}
	dossierRows, docRows, eventRows, err := bulkRows(ds, events, ids, ms(tx.Now))
	if err != nil {
		return nil, err
	}
	for _, r := range docRows {
		r[1] = tx.db.packDoc(r[1].(string))
	}
	if err := tx.insertRows(ctx, "dossiers", bulkDossierColumns, dossierRows); err != nil {
		if isUniqueViolation(err) {
			return nil, fault.New(fault.Conflict, "error.conflict")
		}
		return nil, err
	}
	if err := tx.insertRows(ctx, "dossier_docs", bulkDocColumns, docRows); err != nil {
		return nil, err
	}
	if len(eventRows) > 0 {
		if err := tx.insertRows(ctx, "dossier_events", bulkEventColumns, eventRows); err != nil {
			return nil, err
		}
	}
	if err := tx.summariseDossiers(ctx, ds); err != nil {
		return nil, err
	}
	entries := make([]audit.Entry, len(ds))
	for i, d := range ds {
		r := batch[i]
		entries[i] = audit.Entry{At: tx.Now, ActorID: r.actor.UserID, Actor: r.actor.Username, UnitCode: d.ReceivingUnit,
			Action: "dossier." + string(lastAction(r.events)), Object: "dossier:" + d.Code, Before: audit.Summary(nil), After: audit.Summary(dossierSummary(d))}
	}
	return ds, tx.recordMany(ctx, entries)
}

// auditColumns are the columns of audit_log in the order of auditInsert.
var auditColumns = []string{"seq", "at", "actor_id", "actor", "unit_code", "action", "object", "before", "after", "prev_hash", "hash"}

// recordMany appends the entries to the audit log inside tx in one multi-row insert, each sealed after
// the one before it, as record would one by one.
func (tx *Tx) recordMany(ctx context.Context, entries []audit.Entry) error {
	if tx.head == nil {
		h := &auditHead{}
		if err := tx.queryRow(ctx, auditHeadSelect+tx.forUpdate()).Scan(&h.seq, &h.hash); err != nil {
			return err
		}
		tx.head = h
	}
	rows := make([][]any, len(entries))
	for i := range entries {
		e := &entries[i]
		e.Seal(tx.head.seq, tx.head.hash)
		tx.head.seq, tx.head.hash, tx.head.dirty = e.Seq, e.Hash, true
		rows[i] = []any{e.Seq, ms(e.At), e.ActorID, e.Actor, e.UnitCode, e.Action, e.Object, e.Before, e.After, e.PrevHash, e.Hash}
	}
	return tx.insertRows(ctx, "audit_log", auditColumns, rows)
}
