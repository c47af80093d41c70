package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/report"
)

var _ report.Store = (*DB)(nil)

// settlementCounts is report II.06a in one statement scanning the dossiers, over the covering index
// dossiers_report (migration 0008), or over the partial index dossiers_open (migration 0012, named by
// {index}) when {open} is misorderedCondition: $1 is the period start and $2 its end (exclusive), in
// Unix milliseconds; the unit placeholders follow. The WHERE keeps exactly the dossiers of column (3): received (received_at
// > 0) before the period end and not finished before its start; the CASEs split them into the
// columns, except (5) and (13), derived in Go as (3) − (4) − (6) and (11) − (12) since every CASE
// costs per row. The channel and timeliness values are dossier.ChannelOnline and the
// dossier.Timeliness constants, written into the text once.
var settlementCounts = strings.NewReplacer(
	"{online}", strconv.Itoa(int(dossier.ChannelOnline)),
	"{early}", "'"+string(dossier.Early)+"'",
	"{on_time}", "'"+string(dossier.OnTime)+"'",
	"{late}", "'"+string(dossier.Late)+"'",
).Replace(`SELECT {key}, COUNT(*),
	SUM(CASE WHEN received_at >= $1 AND channel = {online} THEN 1 ELSE 0 END),
	SUM(CASE WHEN received_at < $1 THEN 1 ELSE 0 END),
	SUM(CASE WHEN finished_at > 0 AND finished_at < $2 THEN 1 ELSE 0 END),
	SUM(CASE WHEN finished_at > 0 AND finished_at < $2 AND timeliness = {early} THEN 1 ELSE 0 END),
	SUM(CASE WHEN finished_at > 0 AND finished_at < $2 AND timeliness = {on_time} THEN 1 ELSE 0 END),
	SUM(CASE WHEN finished_at > 0 AND finished_at < $2 AND timeliness = {late} THEN 1 ELSE 0 END),
	SUM(CASE WHEN finished_at = 0 OR finished_at >= $2 THEN 1 ELSE 0 END),
	SUM(CASE WHEN (finished_at = 0 OR finished_at >= $2) AND original_due_at >= $2 THEN 1 ELSE 0 END)
	FROM dossiers{index}
	WHERE received_at > 0 AND received_at < $2 AND (finished_at = 0 OR finished_at >= $1)
	AND receiving_unit IN ({units}){open}
	GROUP BY {key}`)

// openIndex is what follows "FROM dossiers" ({index}) in the live counts: on SQLite, which might
// otherwise prefer the range of received_at in dossiers_report, the partial index named.
func (db *DB) openIndex() string {
	if db.Engine == SQLite {
		return " INDEXED BY dossiers_open"
	}
	return ""
}

// misorderedCondition restricts settlementCounts to the dossiers finished before they were received
// (rare, from imports): with the open ones, those the summary leaves out (see summarised), which the
// partial index dossiers_open (migration 0012, WHERE finished_at = 0 OR finished_at < received_at)
// holds.
const misorderedCondition = `
	AND finished_at > 0 AND finished_at < received_at`

// openCounts is settlementCounts for the dossiers still open (finished_at = 0), over the partial index
// dossiers_open: each of them received before the period end counts in (3) and in (11), never in (7),
// so only (4), (6) and (12) need a CASE. {group} is the key, preceded on SQLite by receiving_unit:
// grouped in the order of the index (desk, then field and procedure), SQLite aggregates as it reads
// instead of sorting every row first; the rows of a key, one per desk, are added up in Go.
var openCounts = strings.NewReplacer("{online}", strconv.Itoa(int(dossier.ChannelOnline))).Replace(`SELECT {key}, COUNT(*),
	SUM(CASE WHEN received_at >= $1 AND channel = {online} THEN 1 ELSE 0 END),
	SUM(CASE WHEN received_at < $1 THEN 1 ELSE 0 END),
	SUM(CASE WHEN original_due_at >= $2 THEN 1 ELSE 0 END)
	FROM dossiers{index}
	WHERE receiving_unit IN ({units}) AND finished_at = 0 AND received_at > 0 AND received_at < $2
	GROUP BY {group}`)

// groupColumns maps each grouping of the report to the column its rows are keyed by.
var groupColumns = map[report.Grouping]string{
	report.ByField:     "field_name",
	report.ByProcedure: "procedure_code",
	report.ByUnit:      "receiving_unit",
}

// SettlementCounts returns, per field name as stored (possibly empty), the counts (3) to (13) of
// report II.06a for the dossiers received by the desks of the given units, over the period [from,
// before): rows without rates, ordered by field name. See report.Row for the columns: a dossier
// finished at or after before is pending, one finished before from is left out, and one never
// received (refused at reception, or only submitted online) is not counted. It returns nil for no
// units, and an Internal error when a query fails.
func (db *DB) SettlementCounts(ctx context.Context, units []string, from, before time.Time) ([]report.Row, error) {
	return db.SettlementCountsBy(ctx, units, from, before, report.ByField)
}

// SettlementCountsBy is SettlementCounts with rows keyed by the grouping: Row.Field holds the field
// name, the procedure code or the receiving unit's identifier. An unknown grouping is an Invalid
// error on the field "by".
//
// When from and before are midnights in business time (whole days, as report.Service asks), the
// finished dossiers are read from the pre-aggregated settlement_summary (summary.go) and only the open
// ones are scanned, over the partial index dossiers_open; otherwise every dossier of the period is
// scanned (settlementScan). Both give the same counts.
func (db *DB) SettlementCountsBy(ctx context.Context, units []string, from, before time.Time, by report.Grouping) ([]report.Row, error) {
	col, ok := groupColumns[by]
	if !ok {
		var f fault.Fields
		f.Add("by", "report.grouping_invalid")
		return nil, f.Err()
	}
	if len(units) == 0 {
		return nil, nil
	}
	fromDay, okFrom := wholeDay(from)
	beforeDay, okBefore := wholeDay(before)
	if !okFrom || !okBefore || fromDay > beforeDay {
		return db.settlementScan(ctx, db.readQuery, units, from, before, col, "")
	}
	// One snapshot for the three queries, so that a dossier finished meanwhile is counted once.
	opts := &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	if db.Engine == SQLite {
		opts = nil // a read transaction of SQLite in WAL mode sees one snapshot from its first read
	}
	tx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, mapErr(err, "settlement report")
	}
	defer tx.Rollback()
	read := func(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
		if st := db.readStmt(ctx, query); st != nil {
			return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
		}
		return tx.QueryContext(ctx, query, args...)
	}
	open, err := db.settlementOpen(ctx, read, units, from, before, col)
	if err != nil {
		return nil, err
	}
	misordered, err := db.settlementScan(ctx, read, units, from, before, col, misorderedCondition)
	if err != nil {
		return nil, err
	}
	open = append(open, misordered...)
	done, err := db.settlementSummary(ctx, read, units, fromDay, beforeDay, col)
	if err != nil {
		return nil, err
	}
	return mergeSettlement(open, done), nil
}

// reader runs a query of a report: on the read pool (DB.readQuery) or inside a read transaction.
type reader func(ctx context.Context, query string, args ...any) (*sql.Rows, error)

// wholeDay returns the business day (see businessDay) starting at t, or false when t is not a
// midnight in business time after 1970.
func wholeDay(t time.Time) (int64, bool) {
	v := ms(t)
	if v <= 0 || (v+businessOffsetMS)%dayMS != 0 {
		return 0, false
	}
	return businessDay(v), true
}

// settlementScan runs settlementCounts over the units' dossiers, keyed by col, with the extra
// condition cond ("" or misorderedCondition).
func (db *DB) settlementScan(ctx context.Context, read reader, units []string, from, before time.Time, col, cond string) ([]report.Row, error) {
	args := make([]any, 0, 2+len(units))
	args = append(args, ms(from), ms(before))
	ph := make([]string, 0, len(units))
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	index := ""
	if cond != "" {
		index = db.openIndex()
	}
	q := strings.NewReplacer("{units}", strings.Join(ph, ", "), "{key}", col, "{open}", cond, "{index}", index).Replace(settlementCounts) +
		` ORDER BY ` + col
	rows, err := read(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "settlement report")
	}
	defer rows.Close()
	var out []report.Row
	for rows.Next() {
		var r report.Row
		if err := rows.Scan(&r.Field, &r.Received, &r.ReceivedOnline, &r.CarriedOver, &r.Resolved, &r.ResolvedEarly,
			&r.ResolvedOnTime, &r.ResolvedLate, &r.Pending, &r.PendingWithin); err != nil {
			return nil, mapErr(err, "settlement report")
		}
		r.ReceivedDirect = r.Received - r.ReceivedOnline - r.CarriedOver
		r.PendingOverdue = r.Pending - r.PendingWithin
		out = append(out, r)
	}
	return out, mapErr(rows.Err(), "settlement report")
}

// settlementOpen counts the open dossiers of the units with openCounts, keyed by col.
func (db *DB) settlementOpen(ctx context.Context, read reader, units []string, from, before time.Time, col string) ([]report.Row, error) {
	args := make([]any, 0, 2+len(units))
	args = append(args, ms(from), ms(before))
	ph := make([]string, 0, len(units))
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	group := col
	if db.Engine == SQLite && col != "receiving_unit" {
		group = "receiving_unit, " + col
	}
	q := strings.NewReplacer("{units}", strings.Join(ph, ", "), "{key}", col, "{group}", group, "{index}", db.openIndex()).Replace(openCounts)
	rows, err := read(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "settlement report")
	}
	defer rows.Close()
	var out []report.Row
	for rows.Next() {
		var r report.Row
		if err := rows.Scan(&r.Field, &r.Received, &r.ReceivedOnline, &r.CarriedOver, &r.PendingWithin); err != nil {
			return nil, mapErr(err, "settlement report")
		}
		r.ReceivedDirect = r.Received - r.ReceivedOnline - r.CarriedOver
		r.Pending = r.Received
		r.PendingOverdue = r.Pending - r.PendingWithin
		out = append(out, r)
	}
	return out, mapErr(rows.Err(), "settlement report")
}

// summaryRange is one range of settlement_summary rows read for a prefix sum: the buckets of span in
// [lo, hi) (from the first when lo is unbounded), summed for the bound tag (0 for the period start, 1
// for its end).
type summaryRange struct {
	tag, span int
	lo, hi    int64
	unbounded bool
}

// summaryPieces returns the ranges whose sum counts the summarised dossiers before day x (prefix
// sums): the years before the year of x, the months of that year before the month of x, and the days
// of that month before x. Empty ranges are left out.
func summaryPieces(tag int, x int64) []summaryRange {
	month, first := dayMonth(x)
	year := month / 12
	out := []summaryRange{{tag: tag, span: spanYear, hi: year, unbounded: true}}
	if lo := year * 12; lo < month {
		out = append(out, summaryRange{tag: tag, span: spanMonth, lo: lo, hi: month})
	}
	if first < x {
		out = append(out, summaryRange{tag: tag, span: spanDay, lo: first, hi: x})
	}
	return out
}

// summarySums are the counters of a key summed before the period start (index 0) and end (index 1).
type summarySums [2][cntCount]int64

// settlementSummary returns the counts of the summarised dossiers (finished, no earlier than received)
// of the units for the days [fromDay, beforeDay), keyed by col, from settlement_summary: with R, F, E,
// T, L, DR and DF the prefix sums of the counters received, finished, early, on_time, late,
// due_received and due_finished before a day, (3) = R(end) − F(start), (4) the same with
// received_online, (6) = R(start) − F(start), (7) = F(end) − F(start) (and so (8) to (10)), (11) =
// R(end) − F(end) and (13) = DR(end) − DF(end): received and due before the end but not finished
// before it. A dossier is never finished before it was received here, which is what makes the
// differences exact. Keys whose counts are all zero are left out.
func (db *DB) settlementSummary(ctx context.Context, read reader, units []string, fromDay, beforeDay int64, col string) (map[string]*summarySums, error) {
	q, args := summaryQuery(units, fromDay, beforeDay, col)
	rows, err := read(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "settlement summary")
	}
	defer rows.Close()
	out := map[string]*summarySums{}
	for rows.Next() {
		var k string
		var tag int
		var c [cntCount]int64
		if err := rows.Scan(&k, &tag, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7]); err != nil {
			return nil, mapErr(err, "settlement summary")
		}
		s := out[k]
		if s == nil {
			s = new(summarySums)
			out[k] = s
		}
		s[tag&1] = c
	}
	return out, mapErr(rows.Err(), "settlement summary")
}

// summaryQuery returns the query of settlementSummary and its arguments: the counters of the rows of
// every range of summaryPieces for both bounds, summed per key and bound (tag).
func summaryQuery(units []string, fromDay, beforeDay int64, col string) (string, []any) {
	args := make([]any, 0, len(units)+18)
	ph := make([]string, 0, len(units))
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	in := strings.Join(ph, ", ")
	var parts []string
	for _, p := range append(summaryPieces(0, fromDay), summaryPieces(1, beforeDay)...) {
		args = append(args, p.span, p.hi)
		cond := `span = ` + placeholder(len(args)-1) + ` AND bucket < ` + placeholder(len(args))
		if !p.unbounded {
			args = append(args, p.lo)
			cond += ` AND bucket >= ` + placeholder(len(args))
		}
		parts = append(parts, `SELECT `+strconv.Itoa(p.tag)+` AS tag, `+col+` AS k, received, received_online, finished, early,
		on_time, late, due_received, due_finished FROM settlement_summary WHERE receiving_unit IN (`+in+`) AND `+cond)
	}
	q := `SELECT k, tag, SUM(received), SUM(received_online), SUM(finished), SUM(early), SUM(on_time), SUM(late),
		SUM(due_received), SUM(due_finished) FROM (` + strings.Join(parts, "\n\tUNION ALL ") + `) x GROUP BY k, tag`
	return q, args
}

// row returns the report's counts of the summed counters (see settlementSummary).
func (s *summarySums) row(key string) report.Row {
	start, end := s[0], s[1]
	r := report.Row{Field: key,
		Received:       end[cntReceived] - start[cntFinished],
		ReceivedOnline: end[cntReceivedOnline] - start[cntReceivedOnline],
		CarriedOver:    start[cntReceived] - start[cntFinished],
		Resolved:       end[cntFinished] - start[cntFinished],
		ResolvedEarly:  end[cntEarly] - start[cntEarly],
		ResolvedOnTime: end[cntOnTime] - start[cntOnTime],
		ResolvedLate:   end[cntLate] - start[cntLate],
		Pending:        end[cntReceived] - end[cntFinished],
		PendingOverdue: end[cntDueReceived] - end[cntDueFinished],
	}
	r.ReceivedDirect = r.Received - r.ReceivedOnline - r.CarriedOver
	r.PendingWithin = r.Pending - r.PendingOverdue
	return r
}

// mergeSettlement adds up the rows of the dossiers counted live (a key may come twice) and the
// summarised counts, and returns the rows with dossiers, ordered by key.
func mergeSettlement(open []report.Row, done map[string]*summarySums) []report.Row {
	byKey := make(map[string]*report.Row, len(open)+len(done))
	for i := range open {
		if x, ok := byKey[open[i].Field]; ok {
			addCounts(x, open[i])
		} else {
			byKey[open[i].Field] = &open[i]
		}
	}
	for k, s := range done {
		r := s.row(k)
		if x, ok := byKey[k]; ok {
			addCounts(x, r)
		} else {
			byKey[k] = &r
		}
	}
	var out []report.Row // nil when no dossier counts, as from the scan
	for _, r := range byKey {
		if r.Received != 0 {
			out = append(out, *r)
		}
	}
	slices.SortFunc(out, func(a, b report.Row) int { return strings.Compare(a.Field, b.Field) })
	return out
}

// addCounts adds the counts (3) to (13) of r to x.
func addCounts(x *report.Row, r report.Row) {
	x.Received += r.Received
	x.ReceivedOnline += r.ReceivedOnline
	x.ReceivedDirect += r.ReceivedDirect
	x.CarriedOver += r.CarriedOver
	x.Resolved += r.Resolved
	x.ResolvedEarly += r.ResolvedEarly
	x.ResolvedOnTime += r.ResolvedOnTime
	x.ResolvedLate += r.ResolvedLate
	x.Pending += r.Pending
	x.PendingWithin += r.PendingWithin
	x.PendingOverdue += r.PendingOverdue
}
