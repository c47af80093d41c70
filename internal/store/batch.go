package store

import (
	"context"
	"errors"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
)

// Group commit: receptions arriving together are written by one goroutine in one transaction, up to
// maxBatch at a time (alone again if one of them fails). The database commits once for the batch instead of
// once per dossier, and on SQLite the single writer is taken once, which is what lets a busy desk
// (or an integration filing in bulk) reach thousands of receptions a second.

const maxBatch = 64

type insertRequest struct {
	actor  account.Principal
	d      dossier.Dossier
	events []dossier.Event
	format string
	day    time.Time
	reply  chan insertResult
}

type insertResult struct {
	d   dossier.Dossier
	err error
}

// errClosed is returned for inserts after Close.
var errClosed = errors.New("store: database closed")

// batchInsert hands the request to the batcher and waits for its result.
func (db *DB) batchInsert(ctx context.Context, r insertRequest) (dossier.Dossier, error) {
	db.batchOnce.Do(func() {
		db.inserts = make(chan insertRequest, maxBatch)
		db.batcherDone = make(chan struct{})
		go db.batcher()
	})
	r.reply = make(chan insertResult, 1)
	db.closeMu.RLock()
	if db.closed {
		db.closeMu.RUnlock()
		return r.d, errClosed
	}
	select {
	case db.inserts <- r:
	case <-ctx.Done():
		db.closeMu.RUnlock()
		return r.d, ctx.Err()
	}
	db.closeMu.RUnlock()
	res := <-r.reply // always answered: the batcher never drops a request
	return res.d, res.err
}

// batcher writes the queued inserts until the channel is closed.
func (db *DB) batcher() {
	defer close(db.batcherDone)
	for first := range db.inserts {
		batch := []insertRequest{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-db.inserts:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		db.writeBatch(batch)
	}
}

// writeBatch writes a batch in one transaction and answers every request. Should any insert fail
// (rare: the codes are drawn inside the transaction), the batch is rolled back and each request is
// written alone, so that one bad request cannot undo the others. This spares the two statements of
// a savepoint per dossier, a round trip each on PostgreSQL.
func (db *DB) writeBatch(batch []insertRequest) {
	ctx := context.Background()
	results := make([]insertResult, len(batch))
	err := db.inTx(ctx, func(tx *Tx) error {
		if db.Engine == Postgres && len(batch) > 1 {
			ds, err := tx.insertMany(ctx, batch)
			for i := range ds {
				results[i] = insertResult{d: ds[i]}
			}
			return err
		}
		for i, r := range batch {
			d, err := tx.insertOne(ctx, r)
			if err != nil {
				return err
			}
			results[i] = insertResult{d: d}
		}
		return nil
	})
	if err != nil && len(batch) > 1 {
		for i, r := range batch {
			var d dossier.Dossier
			err := db.inTx(ctx, func(tx *Tx) error {
				var err error
				d, err = tx.insertOne(ctx, r)
				return err
			})
			results[i] = insertResult{d: d, err: mapErr(err, "insert dossier")}
			if err != nil {
				results[i].d = r.d
			}
		}
		err = nil
	}
	for i, r := range batch {
		res := results[i]
		if err != nil {
			res = insertResult{d: r.d, err: err}
		}
		r.reply <- res
	}
}

// stopBatcher ends the batcher after the queued inserts are written.
func (db *DB) stopBatcher() {
	db.closeMu.Lock()
	already := db.closed
	db.closed = true
	db.closeMu.Unlock()
	if !already && db.inserts != nil {
		close(db.inserts)
		<-db.batcherDone
	}
}
