package store

import (
	"strings"

	"motcua/internal/processing"
)

// reportFilters returns the conditions of the query's report filters (the dossiers behind a figure
// of report II.06a or the dashboard), comparing the same columns the same way as those figures do;
// arg binds a value and returns its placeholder.
func reportFilters(q processing.Query, arg func(any) string) []string {
	var where []string
	if len(q.ReceivingUnits) > 0 {
		ph := make([]string, 0, len(q.ReceivingUnits))
		for _, u := range q.ReceivingUnits {
			ph = append(ph, arg(u))
		}
		where = append(where, "receiving_unit IN ("+strings.Join(ph, ", ")+")")
	}
	if !q.ReceivedFrom.IsZero() {
		where = append(where, "received_at >= "+arg(ms(q.ReceivedFrom)))
	}
	if !q.ReceivedBefore.IsZero() {
		where = append(where, "received_at > 0 AND received_at < "+arg(ms(q.ReceivedBefore)))
	}
	if !q.FinishedFrom.IsZero() {
		where = append(where, "finished_at >= "+arg(ms(q.FinishedFrom)))
	}
	if !q.FinishedBefore.IsZero() {
		where = append(where, "finished_at > 0 AND finished_at < "+arg(ms(q.FinishedBefore)))
	}
	if q.Channel != 0 {
		where = append(where, "channel = "+arg(int(q.Channel)))
	}
	if q.Timeliness != "" {
		where = append(where, "timeliness = "+arg(string(q.Timeliness)))
	}
	if !q.PendingAt.IsZero() {
		at := arg(ms(q.PendingAt))
		where = append(where, "received_at > 0 AND received_at < "+at+" AND (finished_at = 0 OR finished_at >= "+at+")")
		switch q.DueState {
		case "overdue":
			where = append(where, "original_due_at < "+at)
		case "within":
			where = append(where, "original_due_at >= "+at)
		}
	}
	return where
}
