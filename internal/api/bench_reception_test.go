package api_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/api"
	"motcua/internal/catalog"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/store/storetest"
	"motcua/internal/workcal"
)

// BenchmarkReception measures desk receptions through HTTP (POST /api/v1/dossiers) with 32
// concurrent clients, beside a baseline measured in the same run on the same engine: plain
// single-transaction inserts of an equivalent dossier row (its columns and its document) plus one
// event row. It reports receptions/s and baseline inserts/s (targets on 2 cores: ≥ 2,000/s on
// SQLite, ≥ 0.5× the baseline).
func BenchmarkReception(b *testing.B) {
	engines := []storetest.Engine{storetest.SQLite(b, storetest.Options{})}
	if pg, ok := storetest.Postgres(b, storetest.Options{}); ok {
		engines = append(engines, pg)
	}
	for _, e := range engines {
		ctx, sys := context.Background(), account.System("bench")
		acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
		for _, in := range []account.UnitInput{
			{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
			{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		} {
			if _, err := acc.CreateUnit(ctx, sys, in, time.Now()); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := acc.CreateUser(ctx, sys, account.UserInput{Username: "tiepnhan", UnitCode: "000.31.21.H06", Roles: []string{"reception"}, Password: "12345678"}); err != nil {
			b.Fatal(err)
		}
		tokens := &account.Tokens{Store: e.DB, Accounts: e.DB}
		tok, err := tokens.Create(ctx, sys, "tiepnhan", "bench", time.Now())
		if err != nil {
			b.Fatal(err)
		}
		cat := &catalog.Service{Store: e.DB}
		if _, _, err := cat.Import(ctx, sys, "catalog-sample.json", procedure.SampleCatalog, nil, time.Date(2025, 7, 1, 8, 0, 0, 0, procedure.Location)); err != nil {
			b.Fatal(err)
		}
		wc := &workcal.Service{Store: e.DB}
		srv := api.New(api.Config{Accounts: acc, Tokens: tokens, Catalog: cat, Calendar: wc, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Dossiers: &processing.Service{Store: e.DB, Catalog: cat, Calendar: wc, Rand: rand.Reader}})
		ts := httptest.NewServer(srv)
		defer ts.Close()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		const clients = 32
		var seq atomic.Int64
		b.Run(e.Name, func(b *testing.B) {

			receptions := run(b, clients, func() error {
				req, _ := http.NewRequest("POST", ts.URL+"/api/v1/dossiers", strings.NewReader(receiveBody))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+tok)
				resp, err := client.Do(req)
				if err != nil {
					return err
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 201 {
					return fmt.Errorf("status %d", resp.StatusCode)
				}
				return nil
			})

			driver := "sqlite"
			if e.Name == "postgres" {
				driver = "pgx"
			}
			raw, err := sql.Open(driver, e.DSN)
			if err != nil {
				b.Fatal(err)
			}
			defer raw.Close()
			if driver == "sqlite" {
				raw.SetMaxOpenConns(1)
				if _, err := raw.Exec(`PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL`); err != nil { // the store's own settings
					b.Fatal(err)
				}
			}
			doc := strings.Repeat("x", 2500) // about the size of a stored dossier document
			baseline := run(b, clients, func() error {
				n := seq.Add(1)
				tx, err := raw.Begin()
				if err != nil {
					return err
				}
				defer tx.Rollback()
				var id int64
				if err := tx.QueryRow(`INSERT INTO dossiers (code, lookup_secret, procedure_code, procedure_version, field_name, receiving_unit,
					competent_unit, channel, status, applicant_name, applicant_key, applicant_id, applicant_phone, assignee, submitted_at,
					correction_due_at, received_at, due_at, original_due_at, finished_at, returned_at, outcome, timeliness, version,
					created_at, updated_at) VALUES ($1, 'ABCDEF', '2.000635', 1, 'Hộ tịch', '000.31.21.H06', '000.31.21.H06', 1, 2,
					'Nguyễn Thị Lan', 'nguyen thi lan', '027190001234', '0912345678', '', 0, 0, $2, $2, $2, 0, 0, '', '', 1, $2, $2) RETURNING id`,
					fmt.Sprintf("BASE-%d", n), time.Now().UnixMilli()).Scan(&id); err != nil {
					return err
				}
				if _, err := tx.Exec(`INSERT INTO dossier_docs (dossier_id, doc) VALUES ($1, $2)`, id, doc); err != nil {
					return err
				}
				if _, err := tx.Exec(`INSERT INTO dossier_events (dossier_id, at, actor, actor_unit, action, from_status, to_status, step, note, private, attachments)
					VALUES ($1, $2, 'tiepnhan', '000.31.21.H06', 'receive', 0, 2, '', '', 0, '[]')`, id, time.Now().UnixMilli()); err != nil {
					return err
				}
				return tx.Commit()
			})
			b.ReportMetric(receptions, "receptions/s")
			b.ReportMetric(baseline, "baseline-inserts/s")
			b.ReportMetric(receptions/baseline, "ratio")
		})
	}
}

// run calls op b.N times from the given number of goroutines and returns the operations per second.
func run(b *testing.B, workers int, op func() error) float64 {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := op(); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return float64(b.N) / time.Since(start).Seconds()
}
