package store_test

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/generate"
	"motcua/internal/procedure"
	"motcua/internal/store/storetest"
)

// BenchmarkBottlenecks measures the bottleneck analysis of a generated province (20 communes, the
// sample catalog) over 2025, with MOTCUA_BENCH_ANALYSIS_N dossiers (default 100,000) received that
// year, each finished one with the step history of its procedure's workflow (generate.WithSteps).
// The data is built once per run on SQLite with BulkInsertDossiers; the figure is the time of one
// whole analysis (loading the facts and computing medians, 90th percentiles and late causes), in wall
// time and in CPU time of the process.
func BenchmarkBottlenecks(b *testing.B) {
	n := 100_000
	if v := os.Getenv("MOTCUA_BENCH_ANALYSIS_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("MOTCUA_BENCH_ANALYSIS_N=%q: want a positive number", v)
		}
	}
	ctx := context.Background()
	e := storetest.SQLite(b, storetest.Options{})
	accounts := &account.Service{Store: e.DB, Hash: cheap}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, calendar.Location)
	desks, procs, err := generate.Setup(ctx, generate.Services{Accounts: accounts, Catalog: &catalog.Service{Store: e.DB}}, 20,
		time.Date(2020, 1, 1, 0, 0, 0, 0, calendar.Location), now)
	if err != nil {
		b.Fatal(err)
	}
	g, err := generate.New(generate.Config{Dossiers: n, FromYear: 2025, ToYear: 2025, Seed: 7, Now: now}, desks, procs, calendar.Default(), nil)
	if err != nil {
		b.Fatal(err)
	}
	workflows := map[string][]procedure.Step{}
	for _, p := range procs {
		workflows[p.Code] = p.Workflow
	}
	r := rand.New(rand.NewPCG(7, 11))
	who := generate.Officers{"reception": {{Username: "motcua1", FullName: "Nguyễn Thị Một"}, {Username: "motcua2", FullName: "Trần Văn Hai"}},
		"specialist": {{Username: "chuyenvien1", FullName: "Lê Văn Ba"}, {Username: "chuyenvien2", FullName: "Phạm Thị Bốn"}, {Username: "chuyenvien3", FullName: "Hoàng Văn Năm"}},
		"head":       {{Username: "truongphong1", FullName: "Vũ Thị Sáu"}}, "leader": {{Username: "chutich", FullName: "Đỗ Văn Bảy"}, {Username: "phochutich", FullName: "Bùi Thị Tám"}}}
	for {
		ds, evs := g.Next(5000)
		if len(ds) == 0 {
			break
		}
		for i := range ds {
			ds[i] = generate.WithSteps(ds[i], workflows[ds[i].ProcedureCode], calendar.Default(), r, who)
		}
		if _, err := e.DB.BulkInsertDossiers(ctx, account.System("bench"), ds, evs); err != nil {
			b.Fatal(err)
		}
	}
	svc := &analysis.Service{Store: e.DB}
	inspector := account.Principal{Username: "bench", UnitPath: "/", Roles: []account.Role{account.Inspector}}
	q := analysis.Query{Unit: generate.ProvinceCode, From: time.Date(2025, 1, 1, 0, 0, 0, 0, calendar.Location),
		To: time.Date(2025, 12, 31, 0, 0, 0, 0, calendar.Location), Subtree: true}
	var out analysis.Bottlenecks
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ResetTimer()
	for b.Loop() {
		if out, err = svc.Bottlenecks(ctx, inspector, q); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano()
	if out.Dossiers == 0 || len(out.Steps) == 0 || len(out.LateCauses) == 0 {
		b.Fatalf("empty analysis: %d dossiers, %d step rows, %d causes", out.Dossiers, len(out.Steps), len(out.LateCauses))
	}
	b.ReportMetric(float64(out.Dossiers), "dossiers")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/analysis")
	// The CPU time of the process per analysis: on a shared machine, wall time mostly measures the
	// other processes.
	b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu-ms/analysis")
}
