package store

import (
	"context"
	"database/sql"
	"fmt"
	mrand "math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/report"
)

// The province of BenchmarkSettlement: a province and benchCommunes communes under it.
const (
	benchProvince = "000.00.00.H99"
	benchCommunes = 100
)

// benchZone is business time, Asia/Ho_Chi_Minh.
var benchZone = time.FixedZone("ICT", 7*3600)

// benchCommune is the identifier of the i-th commune of the benchmark's province.
func benchCommune(i int) string { return fmt.Sprintf("000.%02d.%02d.H99", 10+i/50, 10+i%50) }

// BenchmarkSettlement measures report II.06a of a province with its subtree for 2025, over
// MOTCUA_BENCH_REPORT_DOSSIERS (or MOTCUA_BENCH_REPORT_N) dossiers (default 2,000,000) received in
// 2025 (and a few in December 2024, carried over) by benchCommunes communes, beside a baseline
// measured in the same run: a plain "SELECT field_name, count(*) ... GROUP BY field_name" over the
// same desks. It reports ms/report, baseline-ms and scan-ms, the single statement scanning every
// dossier that the report ran before it read the summary (settlementScan, still the reference and
// the path of periods that are not whole days). The SQLite database is built once with BulkInsertDossiers and reused from
// os.TempDir() while its marker file exists; on PostgreSQL (MOTCUA_BENCH_REPORT_PG=1 and
// MOTCUA_TEST_POSTGRES set) the data lives in the schema bench_report_<N>, built with COPY, then
// VACUUM ANALYZE (for index-only scans), and kept for the next run. The plan of the report is logged
// (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL).
func BenchmarkSettlement(b *testing.B) {
	n := 2_000_000
	for _, name := range []string{"MOTCUA_BENCH_REPORT_N", "MOTCUA_BENCH_REPORT_DOSSIERS"} {
		if v := os.Getenv(name); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n < 1000 {
				b.Fatalf("%s=%q: want a number ≥ 1000", name, v)
			}
		}
	}
	ctx := context.Background()
	var db *DB
	if base := os.Getenv("MOTCUA_TEST_POSTGRES"); base != "" && os.Getenv("MOTCUA_BENCH_REPORT_PG") == "1" {
		db = benchPostgres(b, base, n)
	} else {
		db = benchSQLite(b, n)
	}
	defer db.Close()

	units, err := db.Units(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for _, u := range units {
		if strings.HasPrefix(u.Code, "000.") && strings.HasSuffix(u.Code, ".H99") {
			codes = append(codes, u.Code)
		}
	}
	ph := make([]string, 0, len(codes))
	args := make([]any, 0, len(codes))
	for i, c := range codes {
		ph = append(ph, placeholder(i+1))
		args = append(args, c)
	}
	baseline := `SELECT field_name, count(*) FROM dossiers WHERE received_at > 0 AND receiving_unit IN (` +
		strings.Join(ph, ", ") + `) GROUP BY field_name`
	svc := &report.Service{Store: db}
	inspector := account.Principal{Username: "bench", UnitPath: "/", Roles: []account.Role{account.Inspector}}
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, benchZone), time.Date(2025, 12, 31, 0, 0, 0, 0, benchZone)
	runReport := func() report.Settlement {
		s, err := svc.Settlement(ctx, inspector, benchProvince, from, to, true)
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	runBaseline := func() int64 {
		rows, err := db.readQuery(ctx, baseline, args...)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		var total int64
		for rows.Next() {
			var f string
			var c int64
			if err := rows.Scan(&f, &c); err != nil {
				b.Fatal(err)
			}
			total += c
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
		return total
	}
	var summaryRows int64
	if err := db.readRow(ctx, `SELECT count(*) FROM settlement_summary`).Scan(&summaryRows); err != nil {
		b.Fatal(err)
	}
	b.Logf("settlement_summary: %d rows", summaryRows)
	b.Logf("plan:\n%s", db.explainSettlement(b, codes))
	runScan := func() []report.Row {
		rows, err := db.settlementScan(ctx, db.readQuery, codes, from, to.AddDate(0, 0, 1), "field_name", "")
		if err != nil {
			b.Fatal(err)
		}
		return rows
	}
	// Warm the caches once, and check the report against the baseline's count.
	s, counted := runReport(), runBaseline()
	if scanRows, _ := report.Tabulate(runScan()); !reflect.DeepEqual(scanRows, s.Rows) {
		b.Fatalf("the report differs from the scan:\nreport %+v\nscan   %+v", s.Rows, scanRows)
	}
	b.Logf("report: %d desks, %d fields, received %d (online %d, direct %d, carried %d), resolved %d, pending %d, on time %.2f%%; baseline counted %d",
		len(codes), len(s.Rows), s.Total.Received, s.Total.ReceivedOnline, s.Total.ReceivedDirect, s.Total.CarriedOver,
		s.Total.Resolved, s.Total.Pending, s.Total.OnTimeRate, counted)
	if s.Total.Received != s.Total.Resolved+s.Total.Pending {
		b.Fatalf("identity broken: %+v", s.Total)
	}

	b.ResetTimer()
	var reportTime, baseTime, scanTime, reportCPU, baseCPU time.Duration
	for range b.N {
		c0, t0 := processCPU(), time.Now()
		runReport()
		c1, t1 := processCPU(), time.Now()
		runBaseline()
		c2, t2 := processCPU(), time.Now()
		runScan()
		reportTime += t1.Sub(t0)
		baseTime += t2.Sub(t1)
		scanTime += time.Since(t2)
		reportCPU += c1 - c0
		baseCPU += c2 - c1
	}
	b.StopTimer()
	b.ReportMetric(float64(reportTime.Microseconds())/1000/float64(b.N), "ms/report")
	b.ReportMetric(float64(baseTime.Microseconds())/1000/float64(b.N), "baseline-ms")
	b.ReportMetric(float64(scanTime.Microseconds())/1000/float64(b.N), "scan-ms")
	if db.Engine == SQLite {
		// SQLite runs in this process: its CPU time does not depend on what else the machine runs.
		b.ReportMetric(float64(reportCPU.Microseconds())/1000/float64(b.N), "cpu-ms/report")
		b.ReportMetric(float64(baseCPU.Microseconds())/1000/float64(b.N), "baseline-cpu-ms")
	}
}

// processCPU returns the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// explainSettlement returns the engine's plans of the II.06a queries over the given desks for 2025:
// the live counts of the open dossiers and of those finished before received, and the sums of the
// summary.
func (db *DB) explainSettlement(b *testing.B, codes []string) string {
	from, before := time.Date(2025, 1, 1, 0, 0, 0, 0, benchZone), time.Date(2026, 1, 1, 0, 0, 0, 0, benchZone)
	args := []any{ms(from), ms(before)}
	ph := make([]string, 0, len(codes))
	for _, c := range codes {
		args = append(args, c)
		ph = append(ph, placeholder(len(args)))
	}
	group := "field_name"
	if db.Engine == SQLite {
		group = "receiving_unit, field_name"
	}
	r := strings.NewReplacer("{units}", strings.Join(ph, ", "), "{key}", "field_name", "{group}", group, "{open}", misorderedCondition,
		"{index}", db.openIndex())
	fromDay, _ := wholeDay(from)
	beforeDay, _ := wholeDay(before)
	sq, sargs := summaryQuery(codes, fromDay, beforeDay, "field_name")
	return "open dossiers:\n" + db.explain(b, r.Replace(openCounts), args) +
		"\nfinished before received:\n" + db.explain(b, r.Replace(settlementCounts), args) +
		"\nsummary:\n" + db.explain(b, sq, sargs)
}

// explain returns the engine's plan of a query (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on
// PostgreSQL).
func (db *DB) explain(b *testing.B, q string, args []any) string {
	ctx := context.Background()
	prefix := `EXPLAIN QUERY PLAN `
	if db.Engine == Postgres {
		prefix = `EXPLAIN (ANALYZE, BUFFERS) `
	}
	rows, err := db.read.QueryContext(ctx, prefix+q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals[len(vals)-1]))
	}
	return strings.Join(out, "\n")
}

// benchSQLite opens the SQLite database of n dossiers in os.TempDir(), building it first unless its
// marker file exists.
func benchSQLite(b *testing.B, n int) *DB {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("motcua-report-%d.db", n))
	marker := path + ".ok"
	if _, err := os.Stat(marker); err != nil {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		db, err := Open(ctx, path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		buildBenchProvince(b, db, n)
		db.Close()
		if err := os.WriteFile(marker, []byte("ok\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if fi, err := os.Stat(path); err == nil {
		b.Logf("database %s: %d dossiers, %.0f MB", path, n, float64(fi.Size())/1e6)
	}
	db, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	migrateBench(b, db)
	return db
}

// benchPostgres opens the schema bench_report_<n> at base, building it first unless it holds the
// province already.
func benchPostgres(b *testing.B, base string, n int) *DB {
	ctx := context.Background()
	schema := fmt.Sprintf("bench_report_%d", n)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var ready bool
	if err := admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'bench_ready')`, schema).Scan(&ready); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	if !ready {
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`); err != nil {
			b.Fatal(err)
		}
		if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
			b.Fatal(err)
		}
		db, err := Open(ctx, u.String(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		buildBenchProvince(b, db, n)
		if _, err := db.write.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
			b.Fatal(err)
		}
		if _, err := db.write.ExecContext(ctx, `CREATE TABLE bench_ready (n BIGINT)`); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	db, err := Open(ctx, u.String(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	migrateBench(b, db)
	return db
}

// migrateBench applies the migrations a kept database lacks (migration 0012 backfills the summary
// from the stored dossiers), logging how long they took.
func migrateBench(b *testing.B, db *DB) {
	start := time.Now()
	applied, err := db.Migrate(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if len(applied) > 0 {
		b.Logf("applied %v in %v", applied, time.Since(start).Round(time.Millisecond))
	}
}

// benchFields are the fields (lĩnh vực) of the benchmark's dossiers.
var benchFields = []string{"Hộ tịch", "Chứng thực", "Đất đai", "Tư pháp", "Xây dựng", "Kinh doanh", "Lao động",
	"Y tế", "Giáo dục", "Giao thông", "Tài nguyên", "Nông nghiệp", ""}

// buildBenchProvince migrates db, creates the province and its communes, and writes n dossiers with
// BulkInsertDossiers, 100,000 at a time: 97% received in 2025 and 3% in December 2024; 90% finished
// (early, on time or late), the others pending; 2% refused at reception (never received).
func buildBenchProvince(b *testing.B, db *DB, n int) {
	ctx := context.Background()
	start := time.Now()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	svc := &account.Service{Store: db, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	sys := account.System("bench")
	on := time.Date(2000, 1, 1, 0, 0, 0, 0, benchZone)
	if _, err := svc.CreateUnit(ctx, sys, account.UnitInput{Code: benchProvince, Name: "Tỉnh Thử Nghiệm", Kind: "province", ValidFrom: "2000-01-01"}, on); err != nil {
		b.Fatal(err)
	}
	for i := range benchCommunes {
		in := account.UnitInput{Code: benchCommune(i), Name: fmt.Sprintf("Xã %d", i+1), Kind: "commune", ParentCode: benchProvince, ValidFrom: "2000-01-01"}
		if _, err := svc.CreateUnit(ctx, sys, in, on); err != nil {
			b.Fatal(err)
		}
	}
	rng := mrand.New(mrand.NewPCG(1, 2))
	y2025 := time.Date(2025, 1, 1, 0, 0, 0, 0, benchZone)
	const chunk = 100_000
	for done := 0; done < n; done += chunk {
		ds := make([]dossier.Dossier, 0, chunk)
		for i := done; i < min(done+chunk, n); i++ {
			unit := benchCommune(i % benchCommunes)
			d := dossier.Dossier{Code: fmt.Sprintf("B%d", i), LookupSecret: "ABCDEF", ProcedureCode: "2.000635", ProcedureVersion: 1,
				FieldName: benchFields[rng.IntN(len(benchFields))], ReceivingUnit: unit, CompetentUnit: unit,
				Channel: dossier.Channel(1 + rng.IntN(3)), Status: dossier.StatusProcessing}
			r := rng.IntN(100)
			switch {
			case r < 2:
				d.Status = dossier.StatusRejected
				ds = append(ds, d)
				continue
			case r < 5:
				d.ReceivedAt = y2025.Add(-time.Duration(rng.IntN(31*24*60)) * time.Minute)
			default:
				d.ReceivedAt = y2025.Add(time.Duration(rng.IntN(365*24*60)) * time.Minute)
			}
			d.DueAt = d.ReceivedAt.Add(time.Duration(24+rng.IntN(30*24)) * time.Hour)
			d.OriginalDueAt = d.DueAt
			if rng.IntN(10) > 0 {
				d.FinishedAt = d.ReceivedAt.Add(time.Duration(1+rng.IntN(35*24)) * time.Hour)
				d.Status, d.Outcome = dossier.StatusReturned, dossier.OutcomeResult
				d.Timeliness = dossier.Classify(d.OriginalDueAt, d.FinishedAt)
			}
			ds = append(ds, d)
		}
		if _, err := db.BulkInsertDossiers(ctx, sys, ds, nil); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %d of %d dossiers in %v", min(done+chunk, n), n, time.Since(start).Round(time.Second))
	}
	b.Logf("built the province of %d dossiers on %s in %v", n, db.Engine, time.Since(start).Round(time.Second))
}
