package calendar

import (
	"math/rand"
	"testing"
	"time"
)

// randomInstants returns n pseudo-random instants spread over 2015–2026.
func randomInstants(n int) []time.Time {
	rng := rand.New(rand.NewSource(1))
	from := time.Date(2015, 1, 1, 0, 0, 0, 0, Location).Unix()
	span := time.Date(2027, 1, 1, 0, 0, 0, 0, Location).Unix() - from
	out := make([]time.Time, n)
	for i := range out {
		out[i] = time.Unix(from+rng.Int63n(span), 0).In(Location)
	}
	return out
}

// Add 15 working days to random instants, with every year's holidays loaded
// (the target is ≥ 1,000,000 per second on one core, ≤ 1 µs each).
func BenchmarkAddWorkingDays15(b *testing.B) {
	c := Default()
	ts := randomInstants(1 << 12)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if c.AddWorkingDays(ts[i&(len(ts)-1)], 15).IsZero() {
			b.Fatal("zero result")
		}
	}
}

// The full Due computation with its explanation (skipped days), 15 working days.
func BenchmarkDue15WorkingDays(b *testing.B) {
	c := Default()
	ts := randomInstants(1 << 12)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Due(DueRequest{Received: ts[i&(len(ts)-1)], Amount: 15, Unit: WorkingDay}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWorkingTimeBetween(b *testing.B) {
	c := Default()
	ts := randomInstants(1 << 12)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.WorkingTimeBetween(ts[i&(len(ts)-1)], ts[(i+1)&(len(ts)-1)])
	}
}

func BenchmarkToLunar(b *testing.B) {
	ds := make([]Date, 1<<12)
	for i, t := range randomInstants(len(ds)) {
		ds[i] = DateOf(t)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ToLunar(ds[i&(len(ds)-1)]); err != nil {
			b.Fatal(err)
		}
	}
}

// Building a year's calendar view (every day with names and lunar dates).
func BenchmarkYear(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Year(2015 + i%12); err != nil {
			b.Fatal(err)
		}
	}
}

// Building a unit's calendar with overrides (what a cache miss costs).
func BenchmarkNewWithOverrides(b *testing.B) {
	ovr := []Override{{Date: Date{2026, 3, 9}, Kind: Closure}, {Date: Date{2026, 3, 14}, Kind: WorkingSaturday}}
	Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Overrides: ovr}); err != nil {
			b.Fatal(err)
		}
	}
}
