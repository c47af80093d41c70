package demo

import (
	"context"
	"fmt"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/generate"
	"motcua/internal/procedure"
)

// historyStore is the bulk path the demo's history is written through (store.DB implements it).
type historyStore interface {
	DossierSequences(ctx context.Context, units []string) (map[string]int, error)
	BulkInsertDossiers(ctx context.Context, actor account.Principal, ds []dossier.Dossier, events [][]dossier.Event) (int, error)
}

// reform is the day the district was abolished and its communes merged into Xã Tiên Du.
var reform = time.Date(2025, 7, 1, 0, 0, 0, 0, calendar.Location)

// history says which desks received dossiers over which span, and how many to plan.
var history = []struct {
	desks    []string
	dossiers int
	before   bool // the span is 2025 up to the reform; otherwise from the reform to today
}{
	// Before the reform: the two communes and the district's desk, January to June 2025.
	{[]string{"000.15.21.H06", "000.15.22.H06", "000.00.15.H06"}, 300, true},
	// After it: the new commune and the ward, July 2025 to today.
	{[]string{"000.31.21.H06", "000.32.21.H06"}, 900, false},
}

// loadReports adds the history the reports and the dashboard show: dossiers received since January
// 2025 by the desks that existed then (the old communes until the reform, the new ones since), made
// by the same generator as "motcua generate" and written through the bulk path. The old desks'
// dossiers are all finished (a merged desk hands its pending dossiers over), so that history rolls
// up to Xã Tiên Du when reports are asked to merge it.
func loadReports(ctx context.Context, s Services, now time.Time) error {
	bulk, ok := s.Store.(historyStore)
	if !ok {
		return fmt.Errorf("demo history: the store has no bulk insert")
	}
	var procs []procedure.Procedure
	for _, code := range []string{"9.990001", "9.990002", "2.000635", "9.990004", "9.990003", "2.000908", "9.990005", "9.990006"} {
		p, err := s.Catalog.InForce(ctx, code, now)
		if err == nil {
			procs = append(procs, p)
		}
	}
	y, m, d := now.In(calendar.Location).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, calendar.Location)
	for i, h := range history {
		end := today
		if h.before {
			end = reform
		}
		if !reform.Before(today) && !h.before {
			continue // a clock before the reform: nothing after it yet
		}
		last, err := bulk.DossierSequences(ctx, h.desks)
		if err != nil {
			return err
		}
		g, err := generate.New(generate.Config{Dossiers: h.dossiers, FromYear: 2025, ToYear: end.Year(), Seed: uint64(2025 + i), Now: end},
			h.desks, procs, calendar.Default(), last)
		if err != nil {
			return fmt.Errorf("demo history: %w", err)
		}
		for {
			ds, evs := g.Next(1000)
			if len(ds) == 0 {
				break
			}
			keep, keepEvs := ds[:0], evs[:0]
			for j, x := range ds {
				if h.before && x.FinishedAt.IsZero() || !h.before && x.ReceivedAt.Before(reform) {
					continue
				}
				keep, keepEvs = append(keep, x), append(keepEvs, evs[j])
			}
			if len(keep) == 0 {
				continue
			}
			if _, err := bulk.BulkInsertDossiers(ctx, account.System("demo"), keep, keepEvs); err != nil {
				return fmt.Errorf("demo history: %w", err)
			}
		}
	}
	return nil
}
