package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"motcua/internal/statistics"
)

// BenchmarkStatisticsYear measures the public statistics page's figures, uncached (12 months of a
// province with its subtree: 12 range counts and one grouped statement), over the database of BenchmarkSettlement,
// MOTCUA_BENCH_STATS_N dossiers (default 2,000,000) received in 2025. An existing database is opened
// as it is (only dossiers and units are read); a missing one is built as BenchmarkSettlement does.
func BenchmarkStatisticsYear(b *testing.B) {
	n := 2_000_000
	if v := os.Getenv("MOTCUA_BENCH_STATS_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1000 {
			b.Fatalf("MOTCUA_BENCH_STATS_N=%q: want a number ≥ 1000", v)
		}
	}
	ctx := context.Background()
	var db *DB
	path := filepath.Join(os.TempDir(), fmt.Sprintf("motcua-report-%d.db", n))
	if _, err := os.Stat(path + ".ok"); err == nil {
		if db, err = Open(ctx, path, Options{}); err != nil {
			b.Fatal(err)
		}
	} else {
		db = benchSQLite(b, n)
	}
	defer db.Close()
	now := time.Date(2026, 1, 15, 9, 0, 0, 0, benchZone)
	b.ResetTimer()
	var t statistics.Table
	for b.Loop() {
		svc := &statistics.Service{Store: db} // a fresh service: nothing cached
		var err error
		if t, err = svc.Year(ctx, benchProvince, 2025, true, now); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
	// One commune of the province alone, the page a citizen usually opens.
	start := time.Now()
	if _, err := (&statistics.Service{Store: db}).Year(ctx, benchCommune(0), 2025, true, now); err != nil {
		b.Fatal(err)
	}
	b.Logf("one commune: %v", time.Since(start))
	b.Logf("2025: received %d, resolved %d, on time %.2f%%, average %.1f days", t.Total.Received, t.Total.Resolved, t.Total.Rate, t.Total.AverageDays)
}
