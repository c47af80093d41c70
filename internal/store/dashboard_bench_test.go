package store_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/generate"
	"motcua/internal/report"
	"motcua/internal/store/storetest"
)

// BenchmarkDashboard measures the dashboard of a generated province (20 communes, the sample
// catalog, its whole subtree) with MOTCUA_BENCH_DASHBOARD_N dossiers (default 200,000) received over
// 2024–2026, built once on SQLite with BulkInsertDossiers: one figure is the whole dashboard (twelve
// months by channel and timeliness, and the backlog by age), as report.Service.Dashboard computes it.
func BenchmarkDashboard(b *testing.B) {
	n := 200_000
	if v := os.Getenv("MOTCUA_BENCH_DASHBOARD_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("MOTCUA_BENCH_DASHBOARD_N=%q: want a positive number", v)
		}
	}
	ctx := context.Background()
	e := storetest.SQLite(b, storetest.Options{})
	accounts := &account.Service{Store: e.DB, Hash: cheap}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, calendar.Location)
	desks, procs, err := generate.Setup(ctx, generate.Services{Accounts: accounts, Catalog: &catalog.Service{Store: e.DB}}, 20,
		time.Date(2020, 1, 1, 0, 0, 0, 0, calendar.Location), now)
	if err != nil {
		b.Fatal(err)
	}
	g, err := generate.New(generate.Config{Dossiers: n, FromYear: 2024, ToYear: 2026, Seed: 5, Now: now}, desks, procs, calendar.Default(), nil)
	if err != nil {
		b.Fatal(err)
	}
	for {
		ds, evs := g.Next(5000)
		if len(ds) == 0 {
			break
		}
		if _, err := e.DB.BulkInsertDossiers(ctx, account.System("bench"), ds, evs); err != nil {
			b.Fatal(err)
		}
	}
	svc := &report.Service{Store: e.DB}
	inspector := account.Principal{Username: "bench", UnitPath: "/", Roles: []account.Role{account.Inspector}}
	var d report.Dashboard
	b.ResetTimer()
	for b.Loop() {
		if d, err = svc.Dashboard(ctx, inspector, generate.ProvinceCode, true, now.Add(9*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var received, pending int64
	for _, m := range d.Months {
		received += m.Received()
	}
	for _, a := range d.Backlog {
		pending += a.Within + a.Overdue
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/dashboard")
	b.ReportMetric(float64(received), "received-12-months")
	b.ReportMetric(float64(pending), "pending")
}
