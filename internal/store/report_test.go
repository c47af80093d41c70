package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/report"
	"motcua/internal/store"
	"motcua/internal/store/storetest"
)

// The units of seed: a province, two communes, an office in each.
const (
	province = "000.00.00.H06"
	communeA = "000.31.21.H06"
	officeA  = "000.31.01.H06"
	communeB = "000.32.21.H06"
)

// rd describes a dossier for the report tests.
type rd struct {
	unit, field string
	ch          dossier.Channel
	status      dossier.Status
	received    time.Time // zero: never received
	finished    time.Time // zero: not finished
	due         time.Time // original appointment
	class       dossier.Timeliness
	outcome     dossier.Outcome
}

// reportDossiers turns descriptions into dossiers for BulkInsertDossiers, coded prefix-1, prefix-2...
func reportDossiers(prefix string, in []rd) []dossier.Dossier {
	out := make([]dossier.Dossier, 0, len(in))
	for i, x := range in {
		out = append(out, dossier.Dossier{Code: fmt.Sprintf("%s-%d", prefix, i+1), LookupSecret: "ABCDEF",
			ProcedureCode: "2.000635", ProcedureVersion: 1, FieldName: x.field, ReceivingUnit: x.unit, CompetentUnit: x.unit,
			Channel: x.ch, Status: x.status, ReceivedAt: x.received, DueAt: x.due, OriginalDueAt: x.due,
			FinishedAt: x.finished, Outcome: x.outcome, Timeliness: x.class})
	}
	return out
}

// d is a day and time of business time.
func d(y int, m time.Month, day, h, min int) time.Time {
	return time.Date(y, m, day, h, min, 0, 0, ict)
}

// checkIdentities fails unless (3) = (4)+(5)+(6), (3) = (7)+(11), (7) = (8)+(9)+(10) and (11) = (12)+(13).
func checkIdentities(t *testing.T, r report.Row) {
	t.Helper()
	if r.Received != r.ReceivedOnline+r.ReceivedDirect+r.CarriedOver || r.Received != r.Resolved+r.Pending ||
		r.Resolved != r.ResolvedEarly+r.ResolvedOnTime+r.ResolvedLate || r.Pending != r.PendingWithin+r.PendingOverdue {
		t.Errorf("identities broken in %+v", r)
	}
}

func TestSettlementReport(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		q1, end := d(2026, 1, 1, 0, 0), d(2026, 4, 1, 0, 0) // the first quarter of 2026
		in := []rd{
			// Commune A, Hộ tịch.
			{communeA, "Hộ tịch", dossier.ChannelOnline, dossier.StatusReturned, d(2026, 1, 10, 9, 0), d(2026, 1, 20, 9, 0), d(2026, 1, 25, 17, 0), dossier.Early, dossier.OutcomeResult},
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 2, 1, 9, 0), d(2026, 2, 3, 16, 0), d(2026, 2, 3, 17, 0), dossier.OnTime, dossier.OutcomeResult},
			// finished at the last instant of the period: resolved, late
			{communeA, "Hộ tịch", dossier.ChannelPostal, dossier.StatusDone, d(2026, 3, 1, 9, 0), end.Add(-time.Millisecond), d(2026, 3, 25, 17, 0), dossier.Late, dossier.OutcomeResult},
			// finished exactly at the period end: pending at the end, overdue
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 3, 2, 9, 0), end, d(2026, 3, 25, 17, 0), dossier.Late, dossier.OutcomeResult},
			// carried over, still pending, within its deadline
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusProcessing, d(2025, 12, 20, 9, 0), time.Time{}, d(2026, 4, 5, 17, 0), "", ""},
			// carried over, finished exactly at the period start: resolved in the period
			{communeA, "Hộ tịch", dossier.ChannelOnline, dossier.StatusReturned, d(2025, 12, 1, 9, 0), q1, d(2026, 1, 2, 17, 0), dossier.OnTime, dossier.OutcomeResult},
			// finished a minute before the period: not counted
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReturned, d(2025, 11, 3, 9, 0), d(2025, 12, 31, 23, 59), d(2026, 1, 2, 17, 0), dossier.Early, dossier.OutcomeResult},
			// refused at reception, and only submitted online: never received, not counted
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusRejected, time.Time{}, time.Time{}, time.Time{}, "", ""},
			{communeA, "Hộ tịch", dossier.ChannelOnline, dossier.StatusSubmitted, time.Time{}, time.Time{}, time.Time{}, "", ""},
			// received at the period end: not counted
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReceived, end, time.Time{}, d(2026, 4, 3, 17, 0), "", ""},
			// pending, due exactly at the period end: within
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusProcessing, d(2026, 3, 30, 9, 0), time.Time{}, end, "", ""},
			// Commune A, no field: withdrawn, early; Đất đai: refused after appraisal, late.
			{communeA, "", dossier.ChannelInPerson, dossier.StatusStopped, d(2026, 1, 5, 9, 0), d(2026, 1, 6, 9, 0), d(2026, 1, 9, 17, 0), dossier.Early, dossier.OutcomeWithdrawn},
			{communeA, "Đất đai", dossier.ChannelOnline, dossier.StatusReturned, d(2026, 2, 10, 9, 0), d(2026, 2, 20, 9, 0), d(2026, 2, 17, 17, 0), dossier.Late, dossier.OutcomeRefused},
			// The office of commune A: pending, overdue.
			{officeA, "Chứng thực", dossier.ChannelInPerson, dossier.StatusProcessing, d(2026, 1, 2, 9, 0), time.Time{}, d(2026, 2, 1, 17, 0), "", ""},
			// Commune B: online, on time; stopped by the body, on time.
			{communeB, "Hộ tịch", dossier.ChannelOnline, dossier.StatusReturned, d(2026, 1, 3, 9, 0), d(2026, 1, 4, 9, 0), d(2026, 1, 4, 17, 0), dossier.OnTime, dossier.OutcomeResult},
			{communeB, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusStopped, d(2026, 3, 3, 9, 0), d(2026, 3, 4, 10, 0), d(2026, 3, 4, 17, 0), dossier.OnTime, dossier.OutcomeStopped},
		}
		if n, err := db.BulkInsertDossiers(ctx, account.System("test"), reportDossiers("R", in), nil); err != nil || n != len(in) {
			t.Fatalf("bulk insert = %d, %v", n, err)
		}
		// Row literal: field, (3)…(13), rate.
		row := func(f string, v ...int64) report.Row {
			return report.Row{Field: f, Received: v[0], ReceivedOnline: v[1], ReceivedDirect: v[2], CarriedOver: v[3], Resolved: v[4],
				ResolvedEarly: v[5], ResolvedOnTime: v[6], ResolvedLate: v[7], Pending: v[8], PendingWithin: v[9], PendingOverdue: v[10]}
		}
		rate := func(r report.Row, x float64) report.Row { r.OnTimeRate = x; return r }
		hoTichA := rate(row("Hộ tịch", 7, 1, 4, 2, 4, 1, 2, 1, 3, 2, 1), 75)
		datDai := rate(row("Đất đai", 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0), 0)
		khac := rate(row("Khác", 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0), 100)
		chungThuc := rate(row("Chứng thực", 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1), 0)
		hoTichAll := rate(row("Hộ tịch", 9, 2, 5, 2, 6, 1, 4, 1, 3, 2, 1), 83.33)
		tests := []struct {
			name    string
			unit    string
			subtree bool
			rows    []report.Row
			total   report.Row
		}{
			{"commune alone", communeA, false, []report.Row{datDai, hoTichA, khac},
				rate(row("Tổng cộng", 9, 2, 5, 2, 6, 2, 2, 2, 3, 2, 1), 66.67)},
			{"commune with its office", communeA, true, []report.Row{chungThuc, datDai, hoTichA, khac},
				rate(row("Tổng cộng", 10, 2, 6, 2, 6, 2, 2, 2, 4, 2, 2), 66.67)},
			{"province with its subtree", province, true, []report.Row{chungThuc, datDai, hoTichAll, khac},
				rate(row("Tổng cộng", 12, 3, 7, 2, 8, 2, 4, 2, 4, 2, 2), 75)},
			{"province desk alone", province, false, []report.Row{}, row("Tổng cộng", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
		}
		rs := &report.Service{Store: db}
		inspector := account.Principal{Username: "thanhtra", UnitPath: "/", Roles: []account.Role{account.Inspector}}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				// The period is given as days: 1 January to 31 March.
				s, err := rs.Settlement(ctx, inspector, tc.unit, q1.Add(15*time.Hour), d(2026, 3, 31, 8, 0), tc.subtree)
				if err != nil {
					t.Fatal(err)
				}
				if s.Unit.Code != tc.unit || !s.From.Equal(q1) || !s.To.Equal(d(2026, 3, 31, 0, 0)) || s.Subtree != tc.subtree {
					t.Errorf("header = %s %v %v %v", s.Unit.Code, s.From, s.To, s.Subtree)
				}
				if len(s.Rows) != len(tc.rows) {
					t.Fatalf("rows = %+v, want %+v", s.Rows, tc.rows)
				}
				for i := range tc.rows {
					if s.Rows[i] != tc.rows[i] {
						t.Errorf("row %d = %+v\nwant    %+v", i, s.Rows[i], tc.rows[i])
					}
					checkIdentities(t, s.Rows[i])
				}
				if s.Total != tc.total {
					t.Errorf("total = %+v\nwant    %+v", s.Total, tc.total)
				}
				checkIdentities(t, s.Total)
			})
		}

		// The store's counts directly: a period with nothing carried over from before it.
		counts, err := db.SettlementCounts(ctx, []string{communeB}, d(2026, 3, 1, 0, 0), end)
		if err != nil || len(counts) != 1 || counts[0] != row("Hộ tịch", 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0) {
			t.Errorf("counts of commune B in March = %+v, %v", counts, err)
		}
		if counts, err := db.SettlementCounts(ctx, nil, q1, end); err != nil || counts != nil {
			t.Errorf("counts of no unit = %+v, %v", counts, err)
		}

		errs := []struct {
			name     string
			p        account.Principal
			unit     string
			from, to time.Time
			kind     fault.Kind
			field    string
		}{
			{"backwards period", inspector, communeA, d(2026, 3, 31, 0, 0), q1, fault.Invalid, "to"},
			{"unknown unit", inspector, "000.99.99.H06", q1, end, fault.Invalid, "unit"},
			{"role without reports", account.Principal{Username: "tn", UnitPath: "/", Roles: []account.Role{account.Reception}}, communeA, q1, end, fault.Forbidden, ""},
			{"unit outside the scope", account.Principal{Username: "ld", UnitPath: "/9999/", Roles: []account.Role{account.Leader}}, communeA, q1, end, fault.Forbidden, ""},
			{"anonymous", account.Principal{}, communeA, q1, end, fault.Unauthorized, ""},
		}
		for _, e := range errs {
			_, err := rs.Settlement(ctx, e.p, e.unit, e.from, e.to, true)
			fe := fault.As(err)
			if err == nil || fe.Kind != e.kind {
				t.Errorf("%s: err = %v, want %s", e.name, err, e.kind)
				continue
			}
			if _, ok := fe.Fields[e.field]; e.field != "" && !ok {
				t.Errorf("%s: fields = %v, want %q", e.name, fe.Fields, e.field)
			}
		}
		if _, err := rs.Settlement(ctx, inspector, communeA, q1, q1, false); err != nil {
			t.Errorf("one-day period: %v", err)
		}
	})
}

// raceDetector is set when the tests run under the race detector (report_race_test.go).
var raceDetector bool

// TestSettlementSeedFigures builds the seed example from real rows (SQLite only, skipped with -short and -race:
// about 275,000 dossiers): a district desk resolved 12,450 dossiers in 2015, 12,200 of them on time,
// which is 97.99%; its ten communes resolved 262,930, 260,855 on time, which is 99.21%.
func TestSettlementSeedFigures(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("builds 275,380 dossiers: skipped with -short and under the race detector")
	}
	db := storetest.SQLite(t, storetest.Options{}).DB
	ctx := context.Background()
	svc := &account.Service{Store: db, Hash: cheap}
	sys := account.System("test")
	const prov, district = "000.00.00.H27", "000.00.11.H27"
	units := []account.UnitInput{{Code: prov, Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: district, Name: "Huyện Tiên Du", Kind: "district", ParentCode: prov, ValidFrom: "2000-01-01"}}
	var communes []string
	for i := 1; i <= 10; i++ {
		c := fmt.Sprintf("000.%02d.11.H27", 20+i)
		communes = append(communes, c)
		units = append(units, account.UnitInput{Code: c, Name: fmt.Sprintf("Xã %d", i), Kind: "commune", ParentCode: district, ValidFrom: "2000-01-01"})
	}
	for _, in := range units {
		if _, err := svc.CreateUnit(ctx, sys, in, time.Date(2015, 1, 1, 0, 0, 0, 0, ict)); err != nil {
			t.Fatalf("create %s: %v", in.Code, err)
		}
	}
	fields := []string{"Hộ tịch", "Chứng thực", "Đất đai", "Tư pháp"}
	// make returns n dossiers finished in 2015, early ones first, then on time, then late.
	make2015 := func(prefix string, unit func(i int) string, early, onTime, late int) []dossier.Dossier {
		n := early + onTime + late
		in := make([]rd, 0, n)
		for i := range n {
			class := dossier.Early
			if i >= early+onTime {
				class = dossier.Late
			} else if i >= early {
				class = dossier.OnTime
			}
			rec := d(2015, 1, 2, 8, 0).Add(time.Duration(i%(350*24)) * time.Hour)
			ch := dossier.ChannelInPerson
			if i%3 == 0 {
				ch = dossier.ChannelOnline
			}
			in = append(in, rd{unit(i), fields[i%len(fields)], ch, dossier.StatusReturned, rec, rec.Add(20 * time.Hour),
				rec.Add(30 * time.Hour), class, dossier.OutcomeResult})
		}
		return reportDossiers(prefix, in)
	}
	ds := make2015("D", func(int) string { return district }, 7000, 5200, 250)
	ds = append(ds, make2015("C", func(i int) string { return communes[i%len(communes)] }, 150000, 110855, 2075)...)
	start := time.Now()
	if n, err := db.BulkInsertDossiers(ctx, sys, ds, nil); err != nil || n != len(ds) {
		t.Fatalf("bulk insert = %d, %v", n, err)
	}
	t.Logf("%d dossiers inserted in %v", len(ds), time.Since(start))

	rs := &report.Service{Store: db}
	inspector := account.Principal{Username: "thanhtra", UnitPath: "/", Roles: []account.Role{account.Inspector}}
	from, to := d(2015, 1, 1, 0, 0), d(2015, 12, 31, 0, 0)
	s, err := rs.Settlement(ctx, inspector, district, from, to, false)
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Resolved != 12450 || s.Total.ResolvedEarly+s.Total.ResolvedOnTime != 12200 || s.Total.OnTimeRate != 97.99 || s.Total.Pending != 0 {
		t.Errorf("district = %+v, want 12,450 resolved, 12,200 on time, 97.99", s.Total)
	}
	checkIdentities(t, s.Total)
	counts, err := db.SettlementCounts(ctx, communes, from, to.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	rows, total := report.Tabulate(counts)
	if total.Resolved != 262930 || total.ResolvedEarly+total.ResolvedOnTime != 260855 || total.OnTimeRate != 99.21 || len(rows) != len(fields) {
		t.Errorf("communes = %+v in %d rows, want 262,930 resolved, 260,855 on time, 99.21", total, len(rows))
	}
	checkIdentities(t, total)
	// The district with its communes: 273,055 of 275,380 is 99.155…%.
	s, err = rs.Settlement(ctx, inspector, district, from, to, true)
	if err != nil || s.Total.Resolved != 275380 || s.Total.OnTimeRate != 99.16 {
		t.Errorf("district and communes = %+v, %v", s.Total, err)
	}
}
