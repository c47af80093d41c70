package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/report"
)

var _ report.Store = (*DB)(nil)

// settlementCounts is report II.06a in one statement, over the covering index dossiers_report
// (migration 0008): $1 is the period start and $2 its end (exclusive), in Unix milliseconds; the
// unit placeholders follow. The WHERE keeps exactly the dossiers of column (3): received (received_at
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
	FROM dossiers
	WHERE received_at > 0 AND received_at < $2 AND (finished_at = 0 OR finished_at >= $1)
	AND receiving_unit IN ({units})
	GROUP BY {key}`)

// groupColumns maps each grouping of the report to the column its rows are keyed by.
var groupColumns = map[report.Grouping]string{
	report.ByField:     "field_name",
	report.ByProcedure: "procedure_code",
	report.ByUnit:      "receiving_unit",
}

// SettlementCounts returns, per field name as stored (possibly empty), the counts (3) to (13) of
// report II.06a for the dossiers received by the desks of the given units, over the period [from,
// before), in one aggregate query: rows without rates, ordered by field name. See report.Row for the
// columns: a dossier finished at or after before is pending, one finished before from is left out,
// and one never received (refused at reception, or only submitted online) is not counted. It
// returns nil for no units, and an Internal error when the query fails.
func (db *DB) SettlementCounts(ctx context.Context, units []string, from, before time.Time) ([]report.Row, error) {
	return db.SettlementCountsBy(ctx, units, from, before, report.ByField)
}

// SettlementCountsBy is SettlementCounts with rows keyed by the grouping: Row.Field holds the field
// name, the procedure code or the receiving unit's identifier. An unknown grouping is an Invalid
// error on the field "by".
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
	args := make([]any, 0, 2+len(units))
	args = append(args, ms(from), ms(before))
	ph := make([]string, 0, len(units))
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	q := strings.NewReplacer("{units}", strings.Join(ph, ", "), "{key}", col).Replace(settlementCounts) + ` ORDER BY ` + col
	rows, err := db.readQuery(ctx, q, args...)
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
