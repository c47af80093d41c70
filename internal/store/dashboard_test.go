package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/report"
	"motcua/internal/store"
)

// dash describes a dossier for the dashboard tests.
type dash struct {
	unit               string
	ch                 dossier.Channel
	received, finished time.Time // zero: never received / not finished
	due                time.Time
	class              dossier.Timeliness
}

func dashDossiers(in []dash) []dossier.Dossier {
	out := make([]dossier.Dossier, 0, len(in))
	for i, x := range in {
		st := dossier.StatusProcessing
		if !x.finished.IsZero() {
			st = dossier.StatusReturned
		}
		if x.received.IsZero() {
			st = dossier.StatusSubmitted
		}
		out = append(out, dossier.Dossier{Code: fmt.Sprintf("DB-%d", i+1), LookupSecret: "ABCDEF", ProcedureCode: "2.000635",
			ProcedureVersion: 1, FieldName: "Hộ tịch", ReceivingUnit: x.unit, CompetentUnit: x.unit, Channel: x.ch, Status: st,
			ReceivedAt: x.received, DueAt: x.due, OriginalDueAt: x.due, FinishedAt: x.finished, Timeliness: x.class})
	}
	return out
}

func TestDashboardCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		at := func(m time.Month, day, h int) time.Time { return time.Date(2026, m, day, h, 0, 0, 0, ict) }
		const a, b = "000.31.21.H06", "000.32.21.H06"
		in := []dash{
			// September: two received (online, postal); one finished early in October.
			{a, dossier.ChannelOnline, at(9, 10, 9), at(10, 2, 9), at(10, 5, 17), dossier.Early},
			{a, dossier.ChannelPostal, at(9, 30, 23), time.Time{}, at(10, 20, 17), ""},
			// October: in person, finished late in October; the first instant of November counts in November.
			{a, dossier.ChannelInPerson, at(10, 1, 0), at(10, 31, 23), at(10, 10, 17), dossier.Late},
			{a, dossier.ChannelInPerson, at(11, 1, 0), at(11, 2, 9), at(11, 5, 17), dossier.OnTime},
			// Never received (online, awaiting the desk): not counted.
			{a, dossier.ChannelOnline, time.Time{}, time.Time{}, time.Time{}, ""},
			// Another commune: not asked for.
			{b, dossier.ChannelOnline, at(10, 3, 9), time.Time{}, at(12, 3, 17), ""},
			// Received before the months asked for, finished within them: counted as finished only.
			{a, dossier.ChannelInPerson, at(8, 20, 9), at(9, 2, 9), at(9, 1, 17), dossier.Late},
			// Backlog at 26 Nov 09:00: received today, 7 days ago (overdue), 15 days ago, 40 days ago (overdue).
			{a, dossier.ChannelInPerson, at(11, 26, 8), time.Time{}, at(11, 28, 17), ""},
			{a, dossier.ChannelOnline, at(11, 19, 9), time.Time{}, at(11, 25, 17), ""},
			{a, dossier.ChannelInPerson, at(11, 11, 9), at(11, 26, 10), at(12, 1, 17), dossier.OnTime}, // finished after the instant: pending then
		}
		if n, err := db.BulkInsertDossiers(ctx, account.System("test"), dashDossiers(in), nil); err != nil || n != len(in) {
			t.Fatalf("bulk insert = %d, %v", n, err)
		}
		bounds := []time.Time{at(9, 1, 0), at(10, 1, 0), at(11, 1, 0), at(12, 1, 0)}
		got, err := db.MonthlyCounts(ctx, []string{a}, bounds)
		if err != nil {
			t.Fatal(err)
		}
		want := []report.MonthCounts{
			{Month: bounds[0], Online: 1, Postal: 1, Late: 1},
			{Month: bounds[1], InPerson: 1, Early: 1, Late: 1},
			{Month: bounds[2], InPerson: 3, Online: 1, OnTime: 2},
		}
		for i := range want {
			g := got[i]
			g.Month = g.Month.In(ict)
			w := want[i]
			w.Month = w.Month.In(ict)
			if !g.Month.Equal(w.Month) || g.Online != w.Online || g.InPerson != w.InPerson || g.Postal != w.Postal ||
				g.Early != w.Early || g.OnTime != w.OnTime || g.Late != w.Late {
				t.Errorf("month %d = %+v, want %+v", i, g, w)
			}
		}
		if got, err := db.MonthlyCounts(ctx, nil, bounds); err != nil || len(got) != 3 || got[0].Received() != 0 {
			t.Errorf("no units = %+v, %v", got, err)
		}

		now := at(11, 26, 9)
		today := time.Date(2026, 11, 26, 0, 0, 0, 0, ict)
		edges := []time.Time{today.AddDate(0, 0, -20), today.AddDate(0, 0, -10), today.AddDate(0, 0, -5)}
		ages, err := db.BacklogCounts(ctx, []string{a, b}, now, edges)
		if err != nil {
			t.Fatal(err)
		}
		// Pending at 09:00 on 26 Nov: the postal one of 30 Sep (overdue, > 20 days), the other commune's
		// of 3 Oct (within, > 20 days), 11 Nov (within, 11–20), 19 Nov (overdue, 6–10), today's (within).
		wantAges := []report.AgeCounts{{Within: 1, Overdue: 1}, {Within: 1}, {Overdue: 1}, {Within: 1}}
		if !reflect.DeepEqual(ages, wantAges) {
			t.Errorf("backlog = %+v, want %+v", ages, wantAges)
		}

		// The staff list filtered like each figure finds exactly its dossiers.
		lists := []struct {
			name string
			q    processing.Query
			want int
		}{
			{"October, in person", processing.Query{ReceivingUnits: []string{a}, ReceivedFrom: bounds[1], ReceivedBefore: bounds[2], Channel: dossier.ChannelInPerson}, 1},
			{"November, received", processing.Query{ReceivingUnits: []string{a}, ReceivedFrom: bounds[2], ReceivedBefore: bounds[3]}, 4},
			{"October, finished late", processing.Query{ReceivingUnits: []string{a}, FinishedFrom: bounds[1], FinishedBefore: bounds[2], Timeliness: dossier.Late}, 1},
			{"September, finished", processing.Query{ReceivingUnits: []string{a}, FinishedFrom: bounds[0], FinishedBefore: bounds[1]}, 1},
			{"pending, over 20 days, overdue", processing.Query{ReceivingUnits: []string{a, b}, PendingAt: now, ReceivedBefore: edges[0], DueState: "overdue"}, 1},
			{"pending, over 20 days, within", processing.Query{ReceivingUnits: []string{a, b}, PendingAt: now, ReceivedBefore: edges[0], DueState: "within"}, 1},
			{"pending, 6-10 days", processing.Query{ReceivingUnits: []string{a, b}, PendingAt: now, ReceivedFrom: edges[1], ReceivedBefore: edges[2]}, 1},
			{"pending, today", processing.Query{ReceivingUnits: []string{a, b}, PendingAt: now, ReceivedFrom: edges[2]}, 1},
			{"pending, all", processing.Query{ReceivingUnits: []string{a, b}, PendingAt: now}, 5},
		}
		for _, l := range lists {
			ds, n, err := db.ListDossiers(ctx, l.q)
			if err != nil || n != l.want || len(ds) != l.want {
				t.Errorf("%s: %d listed (%d rows), %v; want %d", l.name, n, len(ds), err, l.want)
			}
		}

		// The II.06a report of a period ending at that instant agrees on the pending total.
		rows, err := db.SettlementCounts(ctx, []string{a, b}, at(1, 1, 0), now)
		if err != nil {
			t.Fatal(err)
		}
		var pending, overdue int64
		for _, r := range rows {
			pending, overdue = pending+r.Pending, overdue+r.PendingOverdue
		}
		if pending != 5 || overdue != 2 {
			t.Errorf("II.06a pending %d overdue %d, want 5 and 2", pending, overdue)
		}
	})
}

func TestProcedureNames(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		cat := &catalog.Service{Store: db}
		if _, _, err := cat.Import(ctx, account.System("test"), "catalog-sample.json", procedure.SampleCatalog, nil, clk.Now()); err != nil {
			t.Fatal(err)
		}
		got, err := db.ProcedureNames(ctx, []string{"9.990002", "2.000635", "9.999999"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got["9.990002"] != "Đăng ký khai sinh" || got["2.000635"] == "" {
			t.Errorf("names = %v", got)
		}
		if got, err := db.ProcedureNames(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("no codes = %v, %v", got, err)
		}
	})
}
