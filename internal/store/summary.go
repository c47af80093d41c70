package store

import (
	"context"
	"slices"
	"strings"
	"time"

	"motcua/internal/dossier"
)

// The pre-aggregated counts of report II.06a (table settlement_summary, migration 0012). A dossier
// received and finished, with finished_at ≥ received_at, never changes again in what the report reads
// (its desk, field, procedure, channel, times and timeliness), so it is counted once, in the same
// transaction as the write that stores it finished: per desk, field and procedure, on the day it was
// received, the day it was finished, the later of the days received and originally due, and the later
// of the days originally due and finished. Each count is kept for the day (span 0), its month (span 1)
// and its year (span 2), so that the number of such dossiers before any day is the sum of the years
// before it, the months of its year before it and the days of its month before it (prefix sums, see
// summaryPieces): for a report of whole months or years, only the rows of the years and months before
// its bounds are read. The other dossiers (still open, or finished before received) are counted live
// by the report. Should an update change a summarised dossier all the same (a correction, a reopening),
// UpdateDossier takes its old counts out and adds the new ones; no path deletes dossiers.

// Business days as the summary numbers them: days since 1970-01-01 in UTC+7 (Asia/Ho_Chi_Minh has kept
// that offset since 1975).
const (
	dayMS            = 86_400_000
	businessOffsetMS = 7 * 3_600_000
)

// The spans of the summary's buckets.
const (
	spanDay   = 0 // bucket: the business day (businessDay)
	spanMonth = 1 // bucket: year × 12 + month − 1 of the day
	spanYear  = 2 // bucket: the year of the day
)

// The counters of a summary row, in the order of summaryColumns after the key.
const (
	cntReceived = iota
	cntReceivedOnline
	cntFinished
	cntEarly
	cntOnTime
	cntLate
	cntDueReceived
	cntDueFinished
	cntCount
)

// summaryColumns are the columns of settlement_summary, the key first.
var summaryColumns = []string{"receiving_unit", "span", "bucket", "field_name", "procedure_code", "received",
	"received_online", "finished", "early", "on_time", "late", "due_received", "due_finished"}

// businessDay returns the business day of an instant in Unix milliseconds, truncating as the SQL of
// migration 0012 does.
func businessDay(v int64) int64 { return (v + businessOffsetMS) / dayMS }

// dayMonth returns the month bucket of a business day (year × 12 + month − 1) and its first day.
func dayMonth(day int64) (month, first int64) {
	y, m, d := time.Unix(day*86400, 0).UTC().Date()
	return int64(y)*12 + int64(m) - 1, day - int64(d) + 1
}

// summaryFacts are the columns of a dossier the report reads.
type summaryFacts struct {
	unit, field, procedure string
	channel                int
	received, due          int64 // received_at and original_due_at, Unix milliseconds
	finished               int64 // finished_at, 0 while open
	timeliness             string
}

// factsOf returns the facts of a dossier as they are stored.
func factsOf(d dossier.Dossier) summaryFacts {
	return summaryFacts{unit: d.ReceivingUnit, field: d.FieldName, procedure: d.ProcedureCode, channel: int(d.Channel),
		received: ms(d.ReceivedAt), due: ms(d.OriginalDueAt), finished: ms(d.FinishedAt), timeliness: string(d.Timeliness)}
}

// summarised reports whether the dossier is counted in the summary rather than live: received, and
// finished no earlier than received. The report counts the others live (see openCounts and
// misorderedCondition).
func (f summaryFacts) summarised() bool { return f.received > 0 && f.finished >= f.received }

// summaryKey names a row of settlement_summary.
type summaryKey struct {
	unit             string
	span             int
	bucket           int64
	field, procedure string
}

// summaryDelta is a change to the summary: counters to add, per row.
type summaryDelta map[summaryKey]*[cntCount]int64

// add adds sign times the counts of a summarised dossier (nothing for another).
func (s summaryDelta) add(f summaryFacts, sign int64) {
	if !f.summarised() {
		return
	}
	recv, fin := businessDay(f.received), businessDay(f.finished)
	s.bump(f, recv, cntReceived, sign)
	if f.channel == int(dossier.ChannelOnline) {
		s.bump(f, recv, cntReceivedOnline, sign)
	}
	s.bump(f, fin, cntFinished, sign)
	switch dossier.Timeliness(f.timeliness) {
	case dossier.Early:
		s.bump(f, fin, cntEarly, sign)
	case dossier.OnTime:
		s.bump(f, fin, cntOnTime, sign)
	case dossier.Late:
		s.bump(f, fin, cntLate, sign)
	}
	s.bump(f, businessDay(max(f.received, f.due)), cntDueReceived, sign)
	s.bump(f, businessDay(max(f.due, f.finished)), cntDueFinished, sign)
}

// bump adds sign to one counter of the day, of its month and of its year.
func (s summaryDelta) bump(f summaryFacts, day int64, counter int, sign int64) {
	month, _ := dayMonth(day)
	for span, bucket := range [...]int64{spanDay: day, spanMonth: month, spanYear: month / 12} {
		k := summaryKey{unit: f.unit, span: span, bucket: bucket, field: f.field, procedure: f.procedure}
		c := s[k]
		if c == nil {
			c = new([cntCount]int64)
			s[k] = c
		}
		c[counter] += sign
	}
}

// summaryUpsert is the conflict clause adding a row's counters to those stored.
var summaryUpsert = func() string {
	var b strings.Builder
	b.WriteString(" ON CONFLICT (receiving_unit, span, bucket, field_name, procedure_code) DO UPDATE SET ")
	for i, c := range summaryColumns[5:] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = settlement_summary." + c + " + excluded." + c)
	}
	return b.String()
}()

// applySummary adds the delta to settlement_summary inside tx, with multi-row upserts in the order of
// the keys (so that concurrent writers lock rows in the same order on PostgreSQL). Rows whose counters
// are all zero are left out.
func (tx *Tx) applySummary(ctx context.Context, s summaryDelta) error {
	keys := make([]summaryKey, 0, len(s))
	for k, c := range s {
		if *c != ([cntCount]int64{}) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.SortFunc(keys, func(a, b summaryKey) int {
		if c := strings.Compare(a.unit, b.unit); c != 0 {
			return c
		}
		if a.span != b.span {
			return a.span - b.span
		}
		if a.bucket != b.bucket {
			if a.bucket < b.bucket {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.field, b.field); c != 0 {
			return c
		}
		return strings.Compare(a.procedure, b.procedure)
	})
	per := sqliteMaxVars / len(summaryColumns)
	args := make([]any, 0, min(per, len(keys))*len(summaryColumns))
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		args = args[:0]
		for _, k := range chunk {
			c := s[k]
			args = append(args, k.unit, k.span, k.bucket, k.field, k.procedure,
				c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
		}
		if _, err := tx.ExecContext(ctx, multiInsert(tx.db.Engine, "settlement_summary", summaryColumns, len(chunk), summaryUpsert), args...); err != nil {
			return err
		}
	}
	return nil
}

// summariseDossiers adds the dossiers to the summary inside tx (those not summarised are skipped).
func (tx *Tx) summariseDossiers(ctx context.Context, ds []dossier.Dossier) error {
	s := summaryDelta{}
	for _, d := range ds {
		s.add(factsOf(d), 1)
	}
	return tx.applySummary(ctx, s)
}
