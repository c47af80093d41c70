package store_test

import (
	"context"
	"testing"
	"time"

	"motcua/internal/fault"
	"motcua/internal/rating"
	"motcua/internal/store/storetest"
)

// Ratings are stored once per dossier, read back with their skipped criteria, and summed per unit
// over a period, on both engines.
func TestRatings(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, ict) }
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			in := []rating.Rating{
				{DossierCode: "A-1", ReceivingUnit: "000.31.21.H06", RatedAt: day(2, 9), Channel: rating.QR, Overall: 3,
					Scores: map[rating.Criterion]int{rating.Attitude: 3, rating.TimeToResult: 2}, Comment: "Cán bộ tận tình"},
				{DossierCode: "A-2", ReceivingUnit: "000.31.21.H06", RatedAt: day(10, 9), Channel: rating.Kiosk, Overall: 1,
					Scores: map[rating.Criterion]int{rating.Attitude: 2}},
				{DossierCode: "B-1", ReceivingUnit: "000.32.21.H06", RatedAt: day(11, 9), Channel: rating.Portal, Overall: 2},
				// Outside the period: the last day ends before the 30th.
				{DossierCode: "A-3", ReceivingUnit: "000.31.21.H06", RatedAt: day(30, 9), Channel: rating.QR, Overall: 3},
			}
			for _, r := range in {
				if err := e.DB.InsertRating(ctx, r); err != nil {
					t.Fatalf("insert %s: %v", r.DossierCode, err)
				}
			}
			again := in[0]
			again.Overall = 1
			if err := e.DB.InsertRating(ctx, again); fault.KindOf(err) != fault.Conflict || fault.As(err).Message.Key != "follow.rating.already" {
				t.Errorf("second rating: %v", err)
			}
			got, err := e.DB.RatingOf(ctx, "A-1")
			if err != nil {
				t.Fatal(err)
			}
			if got.Overall != 3 || got.Channel != rating.QR || got.Comment != "Cán bộ tận tình" || !got.RatedAt.Equal(day(2, 9)) ||
				len(got.Scores) != 2 || got.Score(rating.Attitude) != 3 || got.Score(rating.Online) != rating.Skipped {
				t.Errorf("read back %+v", got)
			}
			if _, err := e.DB.RatingOf(ctx, "Z-9"); fault.KindOf(err) != fault.NotFound {
				t.Errorf("unrated: %v", err)
			}
			counts, err := e.DB.RatingCounts(ctx, []string{"000.31.21.H06", "000.32.21.H06", "000.99.99.H06"}, day(1, 0), day(30, 0))
			if err != nil {
				t.Fatal(err)
			}
			if len(counts) != 2 {
				t.Fatalf("counts %+v", counts)
			}
			a, b := counts[0], counts[1]
			if a.Unit != "000.31.21.H06" || a.Ratings != 2 || a.Satisfied != 1 || a.Overall != 4 ||
				a.Answers[rating.Attitude] != 2 || a.Sums[rating.Attitude] != 5 || a.Answers[rating.TimeToResult] != 1 || a.Answers[rating.Online] != 0 {
				t.Errorf("unit A: %+v", a)
			}
			if b.Unit != "000.32.21.H06" || b.Ratings != 1 || b.Satisfied != 1 || b.Answers[rating.Attitude] != 0 {
				t.Errorf("unit B: %+v", b)
			}
			if none, err := e.DB.RatingCounts(ctx, nil, day(1, 0), day(30, 0)); err != nil || none != nil {
				t.Errorf("no units: %v %v", none, err)
			}
		})
	}
}
