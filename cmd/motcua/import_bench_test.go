package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/internal/history"
	"motcua/internal/procedure"
	"motcua/internal/store"
	"motcua/internal/store/storetest"
)

// benchRows is the number of dossiers imported or generated per benchmark iteration.
const benchRows = 20000

// benchEngines returns SQLite and, when MOTCUA_TEST_POSTGRES is set, PostgreSQL.
func benchEngines(b *testing.B) []storetest.Engine {
	engines := []storetest.Engine{storetest.SQLite(b, storetest.Options{})}
	if pg, ok := storetest.Postgres(b, storetest.Options{}); ok {
		engines = append(engines, pg)
	}
	return engines
}

// BenchmarkImport measures "motcua import dossiers" of a CSV file of benchRows rows (read,
// validated, numbered, written in batches) on each engine, beside a baseline measured in the same
// run on the same database: plain batched multi-row INSERTs of as many dossier rows (5,000 per
// transaction) with an equivalent document and one event each. Both rates are in dossiers/s.
func BenchmarkImport(b *testing.B) {
	for _, e := range benchEngines(b) {
		iter := 0 // baseline codes unique across the calls of the function below
		b.Run(e.Name, func(b *testing.B) {
			province(b, e.DSN)
			var rows []history.Row
			for len(rows) < benchRows {
				rows = append(rows, seedExample(b)...)
			}
			rows = rows[:benchRows]
			var csvBuf bytes.Buffer
			if err := history.WriteCSV(&csvBuf, rows); err != nil {
				b.Fatal(err)
			}
			path := writeFile(b, "book.csv", csvBuf.Bytes())
			doc := benchDoc(b, rows[0])
			raw := storetest.RawWriter(b, e)
			var importTime, baseTime time.Duration
			b.ResetTimer()
			for range b.N {
				iter++
				start := time.Now()
				out := mustRun(b, "import", "dossiers", path, "--db", e.DSN)
				importTime += time.Since(start)
				if !strings.Contains(out, fmt.Sprintf("%d imported, 0 rejected", benchRows)) {
					b.Fatal(out)
				}
				start = time.Now()
				if err := baselineRows(context.Background(), raw, e.DB.Engine, fmt.Sprintf("IMP-%d", iter), benchRows, doc); err != nil {
					b.Fatal(err)
				}
				baseTime += time.Since(start)
			}
			b.ReportMetric(float64(b.N*benchRows)/importTime.Seconds(), "dossiers/s")
			b.ReportMetric(float64(b.N*benchRows)/baseTime.Seconds(), "baseline-dossiers/s")
		})
	}
}

// BenchmarkGenerate measures "motcua generate --dossiers benchRows" on each engine (after a first
// run that creates the province and catalog), beside the same baseline as BenchmarkImport.
func BenchmarkGenerate(b *testing.B) {
	for _, e := range benchEngines(b) {
		iter := 0 // baseline codes unique across the calls of the function below
		b.Run(e.Name, func(b *testing.B) {
			province(b, e.DSN)
			doc := benchDoc(b, seedExample(b)[0])
			raw := storetest.RawWriter(b, e)
			n := strconv.Itoa(benchRows)
			var genTime, baseTime time.Duration
			b.ResetTimer()
			for range b.N {
				iter++
				start := time.Now()
				mustRun(b, "generate", "--dossiers", n, "--province-units", "4", "--seed", strconv.Itoa(iter), "--db", e.DSN)
				genTime += time.Since(start)
				start = time.Now()
				if err := baselineRows(context.Background(), raw, e.DB.Engine, fmt.Sprintf("GEN-%d", iter), benchRows, doc); err != nil {
					b.Fatal(err)
				}
				baseTime += time.Since(start)
			}
			b.ReportMetric(float64(b.N*benchRows)/genTime.Seconds(), "dossiers/s")
			b.ReportMetric(float64(b.N*benchRows)/baseTime.Seconds(), "baseline-dossiers/s")
		})
	}
}

// benchDoc returns the document of the dossier a row makes, encoded once for the baseline.
func benchDoc(b *testing.B, row history.Row) string {
	recs, rej := history.Build([]history.Row{row}, history.Lookup{
		Unit: func(string) bool { return true },
		Procedure: func(string, time.Time) (procedure.Procedure, bool) {
			return procedure.Procedure{Code: "9.990004", Version: 1}, true
		},
	})
	if len(rej) > 0 {
		b.Fatal(rej)
	}
	d := recs[0].Dossier
	d.Code, d.LookupSecret = districtDesk+"-150101-0001", "ABCDEF"
	d.ProcedureName, d.FieldName = "Xác nhận tình trạng hôn nhân", "Hộ tịch"
	doc, err := json.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	return string(doc)
}

// baselineRows writes n dossier rows with one event each, 5,000 per transaction, as
// internal/store's baselineInsert does.
func baselineRows(ctx context.Context, raw *sql.DB, engine store.Engine, codePrefix string, n int, doc string) error {
	for start := 0; start < n; start += 5000 {
		if err := storetest.BaselineInsert(ctx, raw, engine, districtDesk, codePrefix+"-"+strconv.Itoa(start), min(5000, n-start), doc); err != nil {
			return err
		}
	}
	return nil
}
