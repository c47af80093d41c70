package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/report"
)

var _ report.DashboardStore = (*DB)(nil)

// The dashboard's queries compare the stored instants with bounds computed in Go (months and ages
// in business time), so that both engines bucket alike: a CASE turns the instant into the index of
// its bucket, and the rows are grouped by it.

// bucketCase returns "CASE WHEN col < $a THEN 0 WHEN col < $b THEN 1 ... ELSE n END" over the
// placeholders of the edges, appended to args.
func bucketCase(col string, edges []time.Time, args *[]any) string {
	var b strings.Builder
	b.WriteString("CASE")
	for i, e := range edges {
		*args = append(*args, ms(e))
		b.WriteString(" WHEN " + col + " < " + placeholder(len(*args)) + " THEN " + strconv.Itoa(i))
	}
	b.WriteString(" ELSE " + strconv.Itoa(len(edges)) + " END")
	return b.String()
}

// unitList appends the unit codes to args and returns their placeholders, comma-separated.
func unitList(units []string, args *[]any) string {
	ph := make([]string, 0, len(units))
	for _, u := range units {
		*args = append(*args, u)
		ph = append(ph, placeholder(len(*args)))
	}
	return strings.Join(ph, ", ")
}

// MonthlyCounts returns, for each period [bounds[i], bounds[i+1]), the dossiers received by the
// units' desks in it by channel, and the dossiers (ever received) finished in it by timeliness:
// len(bounds)−1 rows, Month = bounds[i]. It returns no rows for fewer than two bounds or no units,
// and an Internal error when a query fails.
func (db *DB) MonthlyCounts(ctx context.Context, units []string, bounds []time.Time) ([]report.MonthCounts, error) {
	if len(bounds) < 2 {
		return nil, nil
	}
	out := make([]report.MonthCounts, len(bounds)-1)
	for i := range out {
		out[i].Month = bounds[i]
	}
	if len(units) == 0 {
		return out, nil
	}
	inner := bounds[1 : len(bounds)-1]
	// Received, by channel.
	var args []any
	args = append(args, ms(bounds[0]), ms(bounds[len(bounds)-1]))
	bucket := bucketCase("received_at", inner, &args)
	q := `SELECT b, channel, COUNT(*) FROM (SELECT ` + bucket + ` AS b, channel FROM dossiers
		WHERE received_at >= $1 AND received_at < $2 AND receiving_unit IN (` + unitList(units, &args) + `)) x GROUP BY b, channel`
	err := db.scanBuckets(ctx, q, args, func(b int, key string, n int64) {
		switch key {
		case strconv.Itoa(int(dossier.ChannelOnline)):
			out[b].Online += n
		case strconv.Itoa(int(dossier.ChannelPostal)):
			out[b].Postal += n
		default:
			out[b].InPerson += n
		}
	})
	if err != nil {
		return nil, err
	}
	// Finished, by timeliness.
	args = append(args[:0], ms(bounds[0]), ms(bounds[len(bounds)-1]))
	bucket = bucketCase("finished_at", inner, &args)
	q = `SELECT b, timeliness, COUNT(*) FROM (SELECT ` + bucket + ` AS b, timeliness FROM dossiers
		WHERE received_at > 0 AND finished_at >= $1 AND finished_at < $2 AND receiving_unit IN (` + unitList(units, &args) + `)) x
		GROUP BY b, timeliness`
	err = db.scanBuckets(ctx, q, args, func(b int, key string, n int64) {
		switch dossier.Timeliness(key) {
		case dossier.Early:
			out[b].Early += n
		case dossier.OnTime:
			out[b].OnTime += n
		default:
			out[b].Late += n
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// BacklogCounts returns the dossiers of the units' desks pending at the instant at (received before
// it and not finished before it: column (11) of II.06a for a period ending then), in len(edges)+1
// buckets of their receipt time (edges ascending), each split by whether the original appointment
// is before at. It returns an Internal error when the query fails.
func (db *DB) BacklogCounts(ctx context.Context, units []string, at time.Time, edges []time.Time) ([]report.AgeCounts, error) {
	out := make([]report.AgeCounts, len(edges)+1)
	if len(units) == 0 {
		return out, nil
	}
	args := []any{ms(at)}
	bucket := bucketCase("received_at", edges, &args)
	q := `SELECT b, o, COUNT(*) FROM (SELECT ` + bucket + ` AS b, CASE WHEN original_due_at >= $1 THEN 'within' ELSE 'overdue' END AS o
		FROM dossiers WHERE received_at > 0 AND received_at < $1 AND (finished_at = 0 OR finished_at >= $1)
		AND receiving_unit IN (` + unitList(units, &args) + `)) x GROUP BY b, o`
	err := db.scanBuckets(ctx, q, args, func(b int, key string, n int64) {
		if key == "within" {
			out[b].Within += n
		} else {
			out[b].Overdue += n
		}
	})
	return out, err
}

// scanBuckets runs a query of (bucket, key, count) rows and hands each to add.
func (db *DB) scanBuckets(ctx context.Context, q string, args []any, add func(b int, key string, n int64)) error {
	rows, err := db.readQuery(ctx, q, args...)
	if err != nil {
		return mapErr(err, "dashboard")
	}
	defer rows.Close()
	for rows.Next() {
		var b int
		var key string
		var n int64
		if err := rows.Scan(&b, &key, &n); err != nil {
			return mapErr(err, "dashboard")
		}
		add(b, key, n)
	}
	return mapErr(rows.Err(), "dashboard")
}
