package workcal_test

import (
	"context"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/store/storetest"
	"motcua/internal/workcal"
)

func setup(t *testing.T, e storetest.Engine) (*workcal.Service, *account.Service) {
	t.Helper()
	acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	sys, now := account.System("test"), time.Now()
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.31.01.H06", Name: "Văn phòng xã Tiên Du", Kind: "office", ParentCode: "000.31.21.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := acc.CreateUnit(context.Background(), sys, in, now); err != nil {
			t.Fatal(err)
		}
	}
	return &workcal.Service{Store: e.DB}, acc
}

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestOverridesApplyToTheScopeAndBelow(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx, sys := context.Background(), account.System("test")
			svc, _ := setup(t, e)
			add := func(in workcal.OverrideInput) {
				t.Helper()
				if _, err := svc.AddOverride(ctx, sys, in); err != nil {
					t.Fatalf("add %+v: %v", in, err)
				}
			}
			add(workcal.OverrideInput{Date: "2026-12-31", Kind: "closure", NameVI: "Nghỉ cuối năm"})                          // every unit
			add(workcal.OverrideInput{UnitCode: "000.31.21.H06", Date: "2026-07-22", Kind: "CLOSURE", NameVI: "Nghỉ do bão"}) // the commune
			add(workcal.OverrideInput{UnitCode: "000.31.21.H06", Date: "2026-12-26", Kind: "WORKING_SATURDAY"})
			if err := svc.SetHours(ctx, sys, "000.31.21.H06", "07:30-11:30, 13:30-17:30"); err != nil {
				t.Fatal(err)
			}
			cases := []struct {
				unit    string
				day     string
				working bool
			}{
				{"", "2026-12-31", false},
				{"000.32.21.H06", "2026-12-31", false}, // inherited from "every unit"
				{"000.32.21.H06", "2026-07-22", true},  // another commune
				{"000.31.21.H06", "2026-07-22", false},
				{"000.31.01.H06", "2026-07-22", false}, // an office of the commune inherits
				{"000.31.01.H06", "2026-12-26", true},
				{"000.32.21.H06", "2026-12-26", false},
			}
			for _, c := range cases {
				cal, err := svc.For(ctx, c.unit)
				if err != nil {
					t.Fatal(err)
				}
				if got := cal.IsWorkingDay(day(c.day)); got != c.working {
					t.Errorf("unit %q on %s: working=%v, want %v", c.unit, c.day, got, c.working)
				}
			}
			// Hours are inherited by the office; the other commune keeps the default.
			h, own, _ := svc.Hours(ctx, "000.31.01.H06")
			if h.String() != "07:30-11:30,13:30-17:30" || own {
				t.Errorf("office hours %s (own %v)", h, own)
			}
			h, _, _ = svc.Hours(ctx, "000.32.21.H06")
			if h.String() != "07:00-11:30,13:30-17:00" {
				t.Errorf("other commune hours %s", h)
			}
			// A deadline on the commune's calendar skips its storm closure: Tue 21 Jul 16:00 + 1 day.
			due, err := svc.Due(ctx, workcal.DueInput{UnitCode: "000.31.01.H06", Received: time.Date(2026, 7, 21, 16, 0, 0, 0, calendar.Location), Amount: 1, TimeUnit: "WORKING_DAY"})
			if err != nil {
				t.Fatal(err)
			}
			if want := time.Date(2026, 7, 23, 16, 0, 0, 0, calendar.Location); !due.At.Equal(want) {
				t.Errorf("due %s, want %s", due.At, want)
			}
			// Removing drops the cache.
			if err := svc.RemoveOverride(ctx, sys, "000.31.21.H06", "2026-07-22"); err != nil {
				t.Fatal(err)
			}
			cal, _ := svc.For(ctx, "000.31.01.H06")
			if !cal.IsWorkingDay(day("2026-07-22")) {
				t.Error("removed closure still applies")
			}
		})
	}
}

func TestOverrideValidation(t *testing.T) {
	ctx, sys := context.Background(), account.System("test")
	e := storetest.SQLite(t, storetest.Options{})
	svc, _ := setup(t, e)
	if _, err := svc.AddOverride(ctx, sys, workcal.OverrideInput{UnitCode: "000.31.21.H06", Date: "2026-12-30", Kind: "CLOSURE"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		in    workcal.OverrideInput
		kind  fault.Kind
		field string
		key   string
	}{
		{"bad date", workcal.OverrideInput{Date: "2026-02-30", Kind: "CLOSURE"}, fault.Invalid, "date", "field.date.invalid"},
		{"year out of range", workcal.OverrideInput{Date: "2150-01-02", Kind: "CLOSURE"}, fault.Invalid, "date", "calendar.out_of_range"},
		{"bad kind", workcal.OverrideInput{Date: "2026-12-30", Kind: "holiday"}, fault.Invalid, "kind", "calendar.kind.invalid"},
		{"closure on a Saturday", workcal.OverrideInput{Date: "2026-12-19", Kind: "CLOSURE"}, fault.Invalid, "date", "calendar.closure.weekend"},
		{"closure on Tết", workcal.OverrideInput{Date: "2026-02-18", Kind: "CLOSURE"}, fault.Invalid, "date", "calendar.closure.day_off"},
		{"working Saturday already worked", workcal.OverrideInput{Date: "2026-01-10", Kind: "WORKING_SATURDAY"}, fault.Invalid, "date", "calendar.saturday.already"},
		{"working Saturday on a Monday", workcal.OverrideInput{Date: "2026-12-28", Kind: "WORKING_SATURDAY"}, fault.Invalid, "date", "calendar.saturday.not_saturday"},
		{"unknown unit", workcal.OverrideInput{UnitCode: "000.99.99.H06", Date: "2026-12-28", Kind: "CLOSURE"}, fault.Invalid, "unit", "unit.not_found"},
		{"same day again in the scope", workcal.OverrideInput{UnitCode: "000.31.21.H06", Date: "2026-12-30", Kind: "CLOSURE"}, fault.Conflict, "", "calendar.override.exists"},
		// A closure for every unit on a day the commune already closed would make the commune's calendar
		// contradictory only if the kinds differed; the same kind is harmless, a working Saturday clashes.
		{"clash below the scope", workcal.OverrideInput{Date: "2026-12-30", Kind: "CLOSURE"}, "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := svc.AddOverride(ctx, sys, c.in)
			if c.kind == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			fe := fault.As(err)
			if fe.Kind != c.kind {
				t.Fatalf("got %v, want %s", err, c.kind)
			}
			if c.field != "" && fe.Fields[c.field].Key != c.key {
				t.Fatalf("field %s: got %v, want %s", c.field, fe.Fields, c.key)
			}
			if c.field == "" && fe.Message.Key != c.key {
				t.Fatalf("message %s, want %s", fe.Message.Key, c.key)
			}
		})
	}
	if err := svc.SetHours(ctx, sys, "000.31.21.H06", "13:30-17:00,07:00-11:30"); fault.As(err).Fields["hours"].Key != "calendar.hours.invalid" {
		t.Fatalf("hours out of order accepted: %v", err)
	}
	_, err := svc.Due(ctx, workcal.DueInput{Received: time.Now(), Amount: -1, TimeUnit: "WEEK", Cutoff: "25:00"})
	fe := fault.As(err)
	for _, f := range []string{"time", "unit", "cutoff"} {
		if _, ok := fe.Fields[f]; !ok {
			t.Errorf("Due: no error on %s: %v", f, fe)
		}
	}
}

func TestImportIsIdempotent(t *testing.T) {
	ctx, sys := context.Background(), account.System("test")
	svc, _ := setup(t, storetest.SQLite(t, storetest.Options{}))
	items := []workcal.OverrideInput{{Date: "2026-12-31", Kind: "CLOSURE"}, {Date: "2026-12-26", Kind: "WORKING_SATURDAY"}}
	added, _, err := svc.Import(ctx, sys, "000.32.21.H06", items)
	if err != nil || added != 2 {
		t.Fatalf("first import: %d %v", added, err)
	}
	added, _, err = svc.Import(ctx, sys, "000.32.21.H06", items)
	if err != nil || added != 0 {
		t.Fatalf("second import: %d %v", added, err)
	}
	_, bad, err := svc.Import(ctx, sys, "000.32.21.H06", []workcal.OverrideInput{{Date: "2026-11-30", Kind: "CLOSURE"}, {Date: "nope", Kind: "CLOSURE"}})
	if bad != 2 || fault.KindOf(err) != fault.Invalid {
		t.Fatalf("bad item: %d %v", bad, err)
	}
}
