package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/store"
)

// Receptions written together: a request that fails (here a code taken already) gets its own error,
// and every other one is stored with a distinct code and its audit entry.
func TestGroupCommitIsolatesAFailingInsert(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx, sys := context.Background(), account.System("test")
		day := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
		d := dossier.Dossier{ProcedureCode: "2.000635", ProcedureVersion: 1, ReceivingUnit: "000.31.21.H06", CompetentUnit: "000.31.21.H06",
			Status: dossier.StatusReceived, Applicant: dossier.Applicant{Name: "Nguyễn Thị Lan"}, LookupSecret: "ABC234", ReceivedAt: day}
		events := []dossier.Event{{At: day, Actor: "tiepnhan", Action: dossier.ActReceive, To: dossier.StatusReceived}}
		taken := d
		taken.Code = "TAKEN-0001"
		if _, err := db.InsertDossier(ctx, sys, taken, events, "", day); err != nil {
			t.Fatal(err)
		}
		const n = 30
		type result struct {
			code string
			err  error
		}
		results := make(chan result, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				x := d
				if i == n/2 {
					x.Code = taken.Code
				}
				got, err := db.InsertDossier(ctx, sys, x, events, "", day)
				results <- result{got.Code, err}
			}()
		}
		wg.Wait()
		close(results)
		codes, conflicts := map[string]bool{}, 0
		for r := range results {
			switch {
			case fault.Is(r.err, fault.Conflict):
				conflicts++
			case r.err != nil:
				t.Fatal(r.err)
			case codes[r.code]:
				t.Fatalf("code %s given twice", r.code)
			default:
				codes[r.code] = true
			}
		}
		if conflicts != 1 || len(codes) != n-1 {
			t.Fatalf("%d conflicts and %d stored, want 1 and %d", conflicts, len(codes), n-1)
		}
		for code := range codes {
			if _, err := db.DossierByCode(ctx, code); err != nil {
				t.Fatalf("%s not stored: %v", code, err)
			}
		}
		if problem, entries, err := db.VerifyAudit(ctx); err != nil || problem != nil || entries != n {
			t.Fatalf("audit: %d entries, %v %v", entries, problem, err)
		}
	})
}

// Receptions written together get the numbers of their day without a gap, each is stored with its
// document and events, and each has its own audit entry in an intact chain.
func TestGroupCommitNumbersWithoutGaps(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx, sys := context.Background(), account.System("test")
		day := time.Date(2026, 3, 10, 9, 0, 0, 0, ict)
		d := dossier.Dossier{ProcedureCode: "2.000635", ProcedureVersion: 1, ReceivingUnit: "000.31.21.H06", CompetentUnit: "000.31.21.H06",
			Status: dossier.StatusReceived, Applicant: dossier.Applicant{Name: "Trần Văn Bình"}, LookupSecret: "XYZ789", ReceivedAt: day}
		const n = 40
		var wg sync.WaitGroup
		codes := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				events := []dossier.Event{{At: day, Actor: "tiepnhan", Action: dossier.ActReceive, To: dossier.StatusReceived}}
				got, err := db.InsertDossier(ctx, sys, d, events, "", day)
				codes[i], errs[i] = got.Code, err
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		for i, code := range codes {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			seen[code] = true
			got, events, err := db.LookupDossier(ctx, code)
			if err != nil || got.Applicant.Name != "Trần Văn Bình" || len(events) != 1 || events[0].Action != dossier.ActReceive {
				t.Fatalf("%s stored as %+v with %v (%v)", code, got, events, err)
			}
			if full, err := db.DossierByCode(ctx, code); err != nil || full.Version != 1 || full.LookupSecret != "XYZ789" {
				t.Fatalf("%s document: %+v (%v)", code, full, err)
			}
		}
		for k := 1; k <= n; k++ {
			if want := dossier.Code("", d.CompetentUnit, day, k); !seen[want] {
				t.Errorf("number %d of the day was not given (%s)", k, want)
			}
		}
		if problem, entries, err := db.VerifyAudit(ctx); err != nil || problem != nil || entries != n {
			t.Fatalf("audit: %d entries, %v %v", entries, problem, err)
		}
	})
}
