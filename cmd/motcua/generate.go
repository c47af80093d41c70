package main

import (
	"context"
	"fmt"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/generate"
)

const generateUsage = "usage: motcua generate --dossiers N [--from-year 2015] [--to-year YYYY] [--seed S] [--province-units K] [--db DSN]"

// generateCmd runs "generate": it creates, if missing, a province with its districts and communes
// and the sample catalog, then N synthetic dossiers written in batches, and prints the rate.
func (a *app) generateCmd(ctx context.Context, args []string) error {
	var c commonFlags
	fs := a.flags("generate", &c)
	n := fs.Int("dossiers", -1, "how many dossiers to generate (required)")
	now := a.now().In(calendar.Location)
	from := fs.Int("from-year", 2015, "first year of receipts")
	to := fs.Int("to-year", now.Year(), "last year of receipts")
	seed := fs.Uint64("seed", 1, "seed of the generator: the same seed on the same day gives the same data")
	communes := fs.Int("province-units", 12, fmt.Sprintf("communes of the generated province (1-%d)", generate.MaxCommunes))
	if err := fs.Parse(reorder(args)); err != nil {
		return err
	}
	if *n < 0 || fs.NArg() > 0 {
		return fmt.Errorf("%s", generateUsage)
	}
	if *communes < 1 || *communes > generate.MaxCommunes {
		return fmt.Errorf("generate: --province-units must be 1 to %d\n%s", generate.MaxCommunes, generateUsage)
	}
	// The day's start: the same seed gives the same data all day.
	cfg := generate.Config{Dossiers: *n, FromYear: *from, ToYear: *to, Seed: *seed,
		Now: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, calendar.Location)}
	if err := cfg.Validate(); err != nil {
		return err
	}
	db, accounts, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	since := time.Date(max(*from, 2000), 1, 1, 0, 0, 0, 0, calendar.Location)
	desks, procs, err := generate.Setup(ctx, generate.Services{Accounts: accounts, Catalog: &catalog.Service{Store: db}}, *communes, since, a.now())
	if err != nil {
		return err
	}
	last, err := db.DossierSequences(ctx, desks)
	if err != nil {
		return err
	}
	start := time.Now()
	g, err := generate.New(cfg, desks, procs, calendar.Default(), last)
	if err != nil {
		return err
	}
	bar := a.progress("generate", g.Len())
	bar.set(0)
	done := 0
	for {
		ds, evs := g.Next(importBatch)
		if len(ds) == 0 {
			break
		}
		k, err := db.BulkInsertDossiers(ctx, a.cli(), ds, evs)
		done += k
		bar.set(done)
		if err != nil {
			bar.finish()
			return err
		}
	}
	bar.finish()
	elapsed := time.Since(start)
	rate := float64(done) / max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(a.stdout, "%d hồ sơ tại %d đơn vị, %d thủ tục, năm %d–%d: %s, %.0f hồ sơ/giây / %d dossiers at %d units, %d procedures, %d–%d: %s, %.0f dossiers/s\n",
		done, len(desks), len(procs), *from, *to, elapsed.Round(time.Millisecond), rate,
		done, len(desks), len(procs), *from, *to, elapsed.Round(time.Millisecond), rate)
	return nil
}
