package store_test

import (
	"context"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/store"
)

// A received dossier's entry in its unit's register of the year is its rank by receipt time among
// that unit's receptions since 1 January, business time; two received at the same instant keep their
// order of insertion.
func TestRegisterEntry(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		in := []rd{
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReceived, d(2025, 12, 31, 23, 30), time.Time{}, d(2026, 1, 5, 17, 0), "", ""}, // last year
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReceived, d(2026, 1, 1, 0, 0), time.Time{}, d(2026, 1, 5, 17, 0), "", ""},     // RE-2: 1
			{communeB, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReceived, d(2026, 1, 2, 9, 0), time.Time{}, d(2026, 1, 5, 17, 0), "", ""},     // another commune
			{communeA, "Hộ tịch", dossier.ChannelOnline, dossier.StatusReceived, d(2026, 3, 2, 9, 0), time.Time{}, d(2026, 3, 5, 17, 0), "", ""},       // RE-4: 2
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReceived, d(2026, 3, 2, 9, 0), time.Time{}, d(2026, 3, 5, 17, 0), "", ""},     // RE-5: 3, same instant
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusReceived, d(2026, 2, 2, 9, 0), time.Time{}, d(2026, 2, 5, 17, 0), "", ""},     // RE-6: 2, earlier in the year
		}
		ds := reportDossiers("RE", in)
		if _, err := db.BulkInsertDossiers(ctx, account.System("test"), ds, nil); err != nil {
			t.Fatal(err)
		}
		for i, want := range map[int]int{1: 1, 3: 3, 4: 4, 5: 2, 0: 1} {
			x := ds[i]
			got, err := db.RegisterEntry(ctx, x.ReceivingUnit, x.Code, x.ReceivedAt)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s received %v: entry %d, want %d", x.Code, x.ReceivedAt, got, want)
			}
		}
	})
}
