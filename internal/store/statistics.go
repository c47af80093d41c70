package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/statistics"
)

var _ statistics.Store = (*DB)(nil)

// periodCase is the SQL expression giving, for a column known to lie in [$1, $n+1), the index of
// the period [$i, $i+1) it falls in.
func periodCase(col string, n int) string {
	if n == 1 {
		return "0"
	}
	var b strings.Builder
	b.WriteString("CASE")
	for i := 1; i < n; i++ {
		b.WriteString(" WHEN " + col + " < " + placeholder(i+1) + " THEN " + strconv.Itoa(i-1))
	}
	b.WriteString(" ELSE " + strconv.Itoa(n-1) + " END")
	return b.String()
}

// The statements of the public statistics over the covering index dossiers_report (migration
// 0008). receivedInPeriod counts the dossiers received in [$1, $2): one range of the index per desk,
// so one such query per period reads each entry once, cheaper than a CASE per row. finishedByPeriod
// is one pass grouped by period over the dossiers finished in [$1, $n+1), with how many were early
// or on time and the sum of their times from receipt to finish (0 for the few finished before they
// were received, imported paper records). {bucket}, {last} and {units} are filled in per call.
var (
	receivedInPeriod = `SELECT COUNT(*) FROM dossiers WHERE receiving_unit IN ({units}) AND received_at >= $1 AND received_at < $2`
	finishedByPeriod = strings.NewReplacer(
		"{early}", "'"+string(dossier.Early)+"'",
		"{on_time}", "'"+string(dossier.OnTime)+"'",
	).Replace(`SELECT {bucket}, COUNT(*),
	SUM(CASE WHEN timeliness IN ({early}, {on_time}) THEN 1 ELSE 0 END),
	CAST(SUM(CASE WHEN finished_at > received_at THEN finished_at - received_at ELSE 0 END) AS BIGINT)
	FROM dossiers
	WHERE receiving_unit IN ({units}) AND received_at > 0 AND received_at < {last} AND finished_at >= $1 AND finished_at < {last}
	GROUP BY 1`)
)

// ResolutionCounts returns, for each of the contiguous periods [bounds[i], bounds[i+1]), the
// dossiers received by the desks of the units in it, those finished in it (received before the last
// bound), how many of these were early or on time, and the sum of their times from receipt to
// finish. Zero counts for no units; Invalid for fewer than two bounds; Internal when a query fails.
func (db *DB) ResolutionCounts(ctx context.Context, units []string, bounds []time.Time) ([]statistics.Counts, error) {
	if len(bounds) < 2 {
		return nil, fault.New(fault.Invalid, "error.invalid")
	}
	n := len(bounds) - 1
	out := make([]statistics.Counts, n)
	if len(units) == 0 {
		return out, nil
	}
	list, unitArgs := feedbackUnitList(units, []any{nil, nil})
	q := strings.Replace(receivedInPeriod, "{units}", list, 1)
	for i := range n {
		unitArgs[0], unitArgs[1] = ms(bounds[i]), ms(bounds[i+1])
		if err := db.read.QueryRowContext(ctx, q, unitArgs...).Scan(&out[i].Received); err != nil {
			return nil, mapErr(err, "statistics")
		}
	}

	args := make([]any, 0, len(bounds)+len(units))
	for _, b := range bounds {
		args = append(args, ms(b))
	}
	list, args = feedbackUnitList(units, args)
	q = strings.NewReplacer("{bucket}", periodCase("finished_at", n), "{last}", placeholder(n+1), "{units}", list).Replace(finishedByPeriod)
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "statistics")
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var resolved, onTime, durMS int64
		if err := rows.Scan(&i, &resolved, &onTime, &durMS); err != nil {
			return nil, mapErr(err, "statistics")
		}
		out[i].Resolved, out[i].OnTime, out[i].DurationMS = resolved, onTime, durMS
	}
	return out, mapErr(rows.Err(), "statistics")
}
