package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/store"
	"motcua/internal/store/storetest"
)

const bulkUnit = "000.31.21.H06"

// bulkDossier returns a received dossier of unit with the given code and secret, and its one event.
func bulkDossier(code, secret, unit string, at time.Time, name string) (dossier.Dossier, []dossier.Event) {
	d := dossier.Dossier{Code: code, LookupSecret: secret, ProcedureCode: "2.000635", ProcedureVersion: 1,
		ProcedureName: "Thủ tục cấp bản sao trích lục hộ tịch", FieldCode: "H06-01", FieldName: "Hộ tịch",
		ReceivingUnit: unit, CompetentUnit: unit, Channel: dossier.ChannelInPerson, Status: dossier.StatusReceived,
		Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: name, IDNumber: "027190001234", Phone: "0912345678",
			Email: "lan@example.vn", Address: "Thôn Lạc Vệ, xã Tiên Du"},
		Components: []dossier.Component{{Name: "Tờ khai cấp bản sao trích lục hộ tịch", Originals: 1, Mandatory: true, Provided: true},
			{Name: "Giấy tờ tùy thân (xuất trình)", Mandatory: true, Provided: true}},
		Sets: 1, ReceivedAt: at, ClockStart: at, DueAt: at.Add(48 * time.Hour), OriginalDueAt: at.Add(48 * time.Hour)}
	e := dossier.Event{At: at, Actor: "tiepnhan", ActorName: "Trần Văn Nam", ActorUnit: unit, Action: dossier.ActReceive,
		From: dossier.None, To: dossier.StatusReceived}
	return d, []dossier.Event{e}
}

// bulkSet makes n dossiers of bulkUnit spread over days starting at day0, numbered per day from 1.
func bulkSet(n, perDay int, day0 time.Time) ([]dossier.Dossier, [][]dossier.Event) {
	ds := make([]dossier.Dossier, 0, n)
	evs := make([][]dossier.Event, 0, n)
	for i := range n {
		day := day0.AddDate(0, 0, i/perDay)
		code := dossier.Code("", bulkUnit, day, i%perDay+1)
		d, e := bulkDossier(code, "ABCDEF", bulkUnit, day.Add(time.Duration(i%perDay)*time.Second), fmt.Sprintf("Nguyễn Thị Lan %d", i))
		ds = append(ds, d)
		evs = append(evs, e)
	}
	return ds, evs
}

func TestBulkInsertDossiers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, _ *account.Service, _ *clock) {
		ctx, sys := context.Background(), account.System("import")
		day0 := time.Date(2026, 11, 20, 9, 0, 0, 0, ict)
		// Two transactions, two days: 3000 on the first, 2100 on the second; then a code not in the
		// default format, which leaves the sequences alone.
		ds, evs := bulkSet(5100, 3000, day0)
		custom, ce := bulkDossier("HS/2026/77", "KLMNPQ", bulkUnit, day0, "Lê Văn Hùng")
		ds, evs = append(ds, custom), append(evs, ce)
		n, err := db.BulkInsertDossiers(ctx, sys, ds, evs)
		if err != nil || n != len(ds) {
			t.Fatalf("bulk insert = %d, %v", n, err)
		}
		for _, i := range []int{0, 2999, 3000, 5099, 5100} {
			got, err := db.DossierByCode(ctx, ds[i].Code)
			if err != nil {
				t.Fatalf("%s: %v", ds[i].Code, err)
			}
			if got.Version != 1 || got.LookupSecret != ds[i].LookupSecret || got.Applicant.Name != ds[i].Applicant.Name ||
				!got.ReceivedAt.Equal(ds[i].ReceivedAt) || len(got.Components) != 2 {
				t.Fatalf("%s read back as %+v", ds[i].Code, got)
			}
			events, err := db.DossierEvents(ctx, ds[i].Code)
			if err != nil || len(events) != 1 || events[0].Action != dossier.ActReceive || events[0].ActorName != "Trần Văn Nam" ||
				!events[0].At.Equal(evs[i][0].At) {
				t.Fatalf("%s events = %+v, %v", ds[i].Code, events, err)
			}
		}
		if p, checked, err := db.VerifyAudit(ctx); p != nil || err != nil || checked != 2 {
			t.Fatalf("audit after bulk insert: %v, %d entries, %v", p, checked, err)
		}
		entries, err := db.ListAudit(ctx, store.AuditFilter{ObjectPrefix: "dossier:bulk"})
		if err != nil || len(entries) != 2 {
			t.Fatalf("bulk audit entries = %v, %v", entries, err)
		}
		var sum struct {
			Count       int
			First, Last string
		}
		if err := json.Unmarshal([]byte(entries[1].After), &sum); err != nil || entries[1].Action != "dossier.bulk_insert" ||
			sum.Count != 5000 || sum.First != ds[0].Code || sum.Last != ds[4999].Code {
			t.Fatalf("first bulk entry = %+v (%+v, %v)", entries[1], sum, err)
		}

		// Receptions afterwards continue each day's numbering, and start a fresh day at 1.
		for _, c := range []struct {
			day  time.Time
			want int
		}{{day0, 3001}, {day0.AddDate(0, 0, 1), 2101}, {day0.AddDate(0, 0, 2), 1}} {
			d, e := bulkDossier("", "ZZZZZZ", bulkUnit, c.day, "Phạm Thị Mai")
			got, err := db.InsertDossier(ctx, sys, d, e, "", c.day)
			if err != nil {
				t.Fatal(err)
			}
			if want := dossier.Code("", bulkUnit, c.day, c.want); got.Code != want {
				t.Fatalf("reception on %s got code %s, want %s", c.day.Format("2006-01-02"), got.Code, want)
			}
		}

		// A duplicate code, with the database or within the batch, writes nothing of its batch.
		later := day0.AddDate(0, 0, 10)
		for name, dup := range map[string]dossier.Dossier{"existing": ds[42], "repeated": {}} {
			t.Run(name, func(t *testing.T) {
				fresh, fe := bulkSet(3, 3, later)
				if dup.Code == "" {
					dup = fresh[0]
				}
				batch := append(fresh[:3:3], dup)
				n, err := db.BulkInsertDossiers(ctx, sys, batch, append(fe[:3:3], fe[0]))
				if n != 0 || !fault.Is(err, fault.Conflict) {
					t.Fatalf("duplicate batch = %d, %v; want 0 and Conflict", n, err)
				}
				for _, d := range fresh {
					if _, err := db.DossierByCode(ctx, d.Code); !fault.Is(err, fault.NotFound) {
						t.Fatalf("%s of a failed batch: %v", d.Code, err)
					}
				}
				if p, checked, err := db.VerifyAudit(ctx); p != nil || err != nil || checked != 5 {
					t.Fatalf("audit after failed batch: %v, %d entries, %v", p, checked, err)
				}
			})
		}
		d, e := bulkDossier("", "ZZZZZZ", bulkUnit, later, "Phạm Thị Mai")
		if got, err := db.InsertDossier(ctx, sys, d, e, "", later); err != nil || got.Code != dossier.Code("", bulkUnit, later, 1) {
			t.Fatalf("reception after failed batches = %s, %v (sequence not rolled back?)", got.Code, err)
		}

		if _, err := db.BulkInsertDossiers(ctx, sys, []dossier.Dossier{{}}, nil); !fault.Is(err, fault.Invalid) {
			t.Fatalf("dossier without code: %v", err)
		}
		if _, err := db.BulkInsertDossiers(ctx, sys, ds[:2], evs[:1]); !fault.Is(err, fault.Invalid) {
			t.Fatalf("events not matching: %v", err)
		}
	})
}

// BenchmarkBulkInsert measures BulkInsertDossiers on each engine, 5,000 dossiers (one transaction)
// per iteration, beside a baseline measured in the same run on the same database: plain batched
// multi-row INSERTs, 5,000 rows per transaction, of equivalent dossier rows (the same bytes, the
// document encoded once beforehand) plus one event row each. It reports both rates in dossiers/s.
func BenchmarkBulkInsert(b *testing.B) {
	engines := []storetest.Engine{storetest.SQLite(b, storetest.Options{})}
	if pg, ok := storetest.Postgres(b, storetest.Options{}); ok {
		engines = append(engines, pg)
	}
	const batch = 5000
	for _, e := range engines {
		day := time.Date(2020, 1, 1, 9, 0, 0, 0, ict) // one day of codes per iteration, across the b.Run calls
		b.Run(e.Name, func(b *testing.B) {
			ctx, sys := context.Background(), account.System("bench")
			raw := storetest.RawWriter(b, e)
			tmpl, tev := bulkDossier("", "ABCDEF", bulkUnit, time.Date(2020, 1, 1, 9, 0, 0, 0, ict), "Nguyễn Thị Lan")
			doc, err := json.Marshal(tmpl)
			if err != nil {
				b.Fatal(err)
			}
			var bulkTime, baseTime time.Duration
			ds := make([]dossier.Dossier, batch)
			evs := make([][]dossier.Event, batch)
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				day = day.AddDate(0, 0, 1)
				for i := range ds {
					ds[i] = tmpl
					ds[i].Code = dossier.Code("", bulkUnit, day, i+1)
					ds[i].Applicant.Name = "Nguyễn Thị Lan " + strconv.Itoa(i)
					evs[i] = tev
				}
				b.StartTimer()
				start := time.Now()
				if _, err := e.DB.BulkInsertDossiers(ctx, sys, ds, evs); err != nil {
					b.Fatal(err)
				}
				bulkTime += time.Since(start)
				start = time.Now()
				if err := storetest.BaselineInsert(ctx, raw, e.DB.Engine, bulkUnit, "BASE-"+day.Format("20060102"), batch, string(doc)); err != nil {
					b.Fatal(err)
				}
				baseTime += time.Since(start)
			}
			b.ReportMetric(float64(b.N*batch)/bulkTime.Seconds(), "dossiers/s")
			b.ReportMetric(float64(b.N*batch)/baseTime.Seconds(), "baseline-dossiers/s")
		})
	}
}
