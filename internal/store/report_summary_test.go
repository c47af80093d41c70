package store_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"reflect"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/report"
	"motcua/internal/store"
	"motcua/internal/store/storetest"
)

// The desks, fields and procedures of TestSettlementSummaryMatchesScan.
var (
	propUnits      = []string{"000.41.21.H06", "000.41.22.H06", "000.42.21.H06", "000.00.00.H06"}
	propFields     = []string{"Hộ tịch", "Đất đai", ""}
	propProcedures = []string{"1.001", "2.002", "3.003"}
)

// propBase is the first day of the random dossiers: 2024-01-01, business time.
var propBase = time.Date(2024, 1, 1, 0, 0, 0, 0, ict)

// propInstant returns a random instant of the days [0, days) after propBase: often exactly a
// midnight or the last millisecond before one, the edges of whole-day periods.
func propInstant(rng *mrand.Rand, days int) time.Time {
	day := propBase.AddDate(0, 0, rng.IntN(days))
	switch rng.IntN(5) {
	case 0:
		return day
	case 1:
		return day.Add(-time.Millisecond)
	default:
		return day.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
	}
}

// propDossier returns a random dossier: received or not, open or finished (early, on time, late or
// unclassified), sometimes with no original appointment, one before its reception, or finished before
// it was received; over about four years, so that the blocks of 32 and 1,024 days are crossed.
func propDossier(rng *mrand.Rand, code string) dossier.Dossier {
	unit := propUnits[rng.IntN(len(propUnits))]
	d := dossier.Dossier{Code: code, LookupSecret: "ABCDEF", ProcedureCode: propProcedures[rng.IntN(len(propProcedures))],
		ProcedureVersion: 1, FieldName: propFields[rng.IntN(len(propFields))], ReceivingUnit: unit, CompetentUnit: unit,
		Channel: dossier.Channel(1 + rng.IntN(3)), Status: dossier.StatusProcessing}
	if rng.IntN(15) == 0 { // refused at reception or only submitted: never received
		d.Status = dossier.StatusRejected
		if rng.IntN(2) == 0 {
			d.FinishedAt = propInstant(rng, 1500)
		}
		return d
	}
	d.ReceivedAt = propInstant(rng, 1500)
	switch rng.IntN(12) {
	case 0: // no appointment
	case 1:
		d.OriginalDueAt = d.ReceivedAt.Add(-time.Duration(rng.IntN(72)) * time.Hour)
	case 2:
		d.OriginalDueAt = time.Date(d.ReceivedAt.Year(), d.ReceivedAt.Month(), d.ReceivedAt.Day()+rng.IntN(40), 0, 0, 0, 0, ict)
	default:
		d.OriginalDueAt = d.ReceivedAt.Add(time.Duration(rng.IntN(60*24)) * time.Hour)
	}
	d.DueAt = d.OriginalDueAt
	if rng.IntN(3) > 0 {
		finishRandomly(rng, &d)
	}
	return d
}

// finishRandomly finishes d at a random instant: usually after its reception (sometimes at the same
// instant or on a midnight), rarely before it.
func finishRandomly(rng *mrand.Rand, d *dossier.Dossier) {
	switch rng.IntN(25) {
	case 0:
		d.FinishedAt = d.ReceivedAt.Add(-time.Duration(1+rng.IntN(72*60)) * time.Minute)
	case 1:
		d.FinishedAt = d.ReceivedAt
	case 2:
		d.FinishedAt = time.Date(d.ReceivedAt.Year(), d.ReceivedAt.Month(), d.ReceivedAt.Day()+1+rng.IntN(60), 0, 0, 0, 0, ict)
	default:
		d.FinishedAt = d.ReceivedAt.Add(time.Duration(1+rng.IntN(90*24*60)) * time.Minute)
	}
	d.Status, d.Outcome = dossier.StatusReturned, dossier.OutcomeResult
	d.Timeliness = []dossier.Timeliness{dossier.Early, dossier.OnTime, dossier.Late, ""}[rng.IntN(4)]
}

// propPeriod returns a random period [from, before) of whole days around the dossiers' days (from
// may equal before), or, one time in ten, one that starts or ends inside a day.
func propPeriod(rng *mrand.Rand) (time.Time, time.Time) {
	from := propBase.AddDate(0, 0, rng.IntN(1600)-60)
	var before time.Time
	switch rng.IntN(6) {
	case 0:
		before = from
	case 1:
		before = from.AddDate(0, 0, 1)
	case 2:
		before = from.AddDate(1, 0, 0)
	default:
		before = from.AddDate(0, 0, rng.IntN(900))
	}
	if rng.IntN(10) == 0 {
		from = from.Add(time.Duration(rng.IntN(24*60)) * time.Minute)
	}
	return from, before
}

// checkAgainstScan compares SettlementCountsBy with the scan of every dossier over random periods,
// desks and groupings.
func checkAgainstScan(t *testing.T, db *store.DB, rng *mrand.Rand, phase string, periods int) {
	t.Helper()
	ctx := context.Background()
	groupings := []report.Grouping{report.ByField, report.ByProcedure, report.ByUnit}
	for i := range periods {
		from, before := propPeriod(rng)
		units := []string{}
		for _, u := range propUnits {
			if rng.IntN(3) > 0 {
				units = append(units, u)
			}
		}
		if i == 0 {
			units = propUnits
			from, before = propBase.AddDate(0, 0, -1), propBase.AddDate(0, 0, 1600) // everything
		}
		for _, by := range groupings {
			got, err := db.SettlementCountsBy(ctx, units, from, before, by)
			if err != nil {
				t.Fatalf("%s: %v", phase, err)
			}
			want, err := db.SettlementScan(ctx, units, from, before, by)
			if err != nil {
				t.Fatalf("%s: %v", phase, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: units %v, [%s, %s), grouping %v:\nsummary %+v\nscan    %+v", phase, units,
					from.Format(time.RFC3339), before.Format(time.RFC3339), by, got, want)
			}
			for _, r := range got { // (8) to (10) need not add up to (7): some dossiers here are unclassified
				if r.Received != r.ReceivedOnline+r.ReceivedDirect+r.CarriedOver || r.Received != r.Resolved+r.Pending ||
					r.Pending != r.PendingWithin+r.PendingOverdue || r.Received <= 0 {
					t.Fatalf("%s: identities broken in %+v", phase, r)
				}
			}
		}
	}
}

// TestSettlementSummaryMatchesScan checks, on both engines, that report II.06a read from the
// pre-aggregated summary (with the open dossiers counted live) gives exactly the counts of scanning
// every dossier, for random dossiers, periods, desks and groupings: after bulk inserts, after single
// inserts of finished dossiers, after updates that finish open dossiers, correct or reopen finished
// ones, and after the summary is rebuilt by the backfill of migration 0012.
func TestSettlementSummaryMatchesScan(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db := e.DB
			rng := mrand.New(mrand.NewPCG(6, 1))
			actor := account.System("test")
			n, periods := 2500, 40
			if raceDetector { // the race detector slows every query down: fewer dossiers and periods
				n, periods = 800, 12
			}
			ds := make([]dossier.Dossier, 0, n)
			for i := range n {
				ds = append(ds, propDossier(rng, fmt.Sprintf("P-%d", i)))
			}
			if _, err := db.BulkInsertDossiers(ctx, actor, ds, nil); err != nil {
				t.Fatal(err)
			}
			checkAgainstScan(t, db, rng, "bulk insert", periods)

			for i := range 150 {
				d := propDossier(rng, fmt.Sprintf("S-%d", i))
				if _, err := db.InsertDossier(ctx, actor, d, nil, dossier.DefaultCodeFormat, d.ReceivedAt); err != nil {
					t.Fatal(err)
				}
				ds = append(ds, d)
			}
			checkAgainstScan(t, db, rng, "single inserts", periods/2)

			updated := 0
			for _, d := range ds {
				if d.ReceivedAt.IsZero() || rng.IntN(4) > 0 {
					continue
				}
				before, err := db.DossierByCode(ctx, d.Code)
				if err != nil {
					t.Fatal(err)
				}
				after := before
				switch {
				case after.FinishedAt.IsZero():
					finishRandomly(rng, &after) // finished now
				case rng.IntN(3) == 0:
					after.Timeliness, after.FieldName = dossier.Late, propFields[rng.IntN(len(propFields))] // corrected
				case rng.IntN(4) == 0:
					after.FinishedAt, after.Timeliness, after.Status = time.Time{}, "", dossier.StatusProcessing // reopened
				default:
					after.Assignee = "canbo" // a change the report does not read
				}
				if _, err := db.UpdateDossier(ctx, actor, before, after, nil); err != nil {
					t.Fatal(err)
				}
				updated++
			}
			t.Logf("%d dossiers, %d updated", len(ds), updated)
			checkAgainstScan(t, db, rng, "updates", periods)

			if err := db.RebuildSummary(ctx); err != nil {
				t.Fatal(err)
			}
			checkAgainstScan(t, db, rng, "backfill", periods)
		})
	}
}

// TestSettlementSummaryConsistentUnderWrites checks on both engines that a report read while
// dossiers are being finished counts each dossier once: its three queries (open dossiers, misordered
// ones, summary) read one snapshot, so the dossiers received in the period stay the same number
// whether each is seen open or finished.
func TestSettlementSummaryConsistentUnderWrites(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			db := e.DB
			actor := account.System("test")
			unit := propUnits[0]
			from, before := time.Date(2025, 1, 1, 0, 0, 0, 0, ict), time.Date(2026, 1, 1, 0, 0, 0, 0, ict)
			var ds []dossier.Dossier
			for i := range 120 {
				at := from.Add(time.Duration(i) * time.Hour)
				ds = append(ds, dossier.Dossier{Code: fmt.Sprintf("C-%d", i), LookupSecret: "ABCDEF", ProcedureCode: "1.001",
					ProcedureVersion: 1, FieldName: "Hộ tịch", ReceivingUnit: unit, CompetentUnit: unit, Channel: dossier.ChannelInPerson,
					Status: dossier.StatusProcessing, ReceivedAt: at, DueAt: at.Add(72 * time.Hour), OriginalDueAt: at.Add(72 * time.Hour)})
			}
			if _, err := db.BulkInsertDossiers(ctx, actor, ds, nil); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				for _, d := range ds {
					before, err := db.DossierByCode(ctx, d.Code)
					if err != nil {
						done <- err
						return
					}
					after := before
					after.FinishedAt, after.Status, after.Timeliness = before.ReceivedAt.Add(time.Hour), dossier.StatusReturned, dossier.Early
					if _, err := db.UpdateDossier(ctx, actor, before, after, nil); err != nil {
						done <- err
						return
					}
				}
				done <- nil
			}()
			for finished := false; !finished; {
				select {
				case err := <-done:
					if err != nil {
						t.Fatal(err)
					}
					finished = true
				default:
				}
				rows, err := db.SettlementCountsBy(ctx, []string{unit}, from, before, report.ByField)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != 1 || rows[0].Received != int64(len(ds)) || rows[0].Resolved+rows[0].Pending != int64(len(ds)) {
					t.Fatalf("rows = %+v, want one row of %d dossiers", rows, len(ds))
				}
			}
			rows, err := db.SettlementCountsBy(ctx, []string{unit}, from, before, report.ByField)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || rows[0].Resolved != int64(len(ds)) || rows[0].ResolvedEarly != int64(len(ds)) {
				t.Fatalf("at the end rows = %+v, want %d resolved early", rows, len(ds))
			}
		})
	}
}
