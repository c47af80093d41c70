package store

import (
	"context"
	"errors"
	"strconv"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
)

// Group commit: receptions arriving together are written by one goroutine in one transaction, up to
// maxBatch at a time, each in its own savepoint. The database commits once for the batch instead of
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

// writeBatch writes a batch in one transaction, one savepoint per request, and answers every request.
func (db *DB) writeBatch(batch []insertRequest) {
	results := make([]insertResult, len(batch))
	err := db.inTx(context.Background(), func(tx *Tx) error {
		for i, r := range batch {
			sp := "dossier_" + strconv.Itoa(i)
			if _, err := tx.ExecContext(context.Background(), "SAVEPOINT "+sp); err != nil {
				return err
			}
			mark := tx.markHead()
			d, err := tx.insertOne(context.Background(), r)
			if err != nil {
				results[i] = insertResult{d: r.d, err: mapErr(err, "insert dossier")}
				if _, rerr := tx.ExecContext(context.Background(), "ROLLBACK TO SAVEPOINT "+sp); rerr != nil {
					return rerr
				}
				tx.restoreHead(mark)
			} else {
				results[i] = insertResult{d: d}
			}
			if _, err := tx.ExecContext(context.Background(), "RELEASE SAVEPOINT "+sp); err != nil {
				return err
			}
		}
		return nil
	})
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
