package store_test

import (
	"context"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/feedback"
	"motcua/internal/rating"
	"motcua/internal/store"
)

// The Decision 766 figures kept outside the dossiers come from the ratings, the feedback and the
// dossiers of the units in the period, and stay unassessed (nil) where there is no data.
func TestIndicatorInputs(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		mar, apr := d(2026, 3, 1, 0, 0), d(2026, 4, 1, 0, 0)
		units := []string{communeA, officeA}

		empty, err := db.IndicatorInputs(ctx, units, mar, apr)
		if err != nil {
			t.Fatal(err)
		}
		if empty.SatisfactionRate != nil || empty.FeedbackOnTimeRate != nil || empty.ComplaintRate != nil {
			t.Fatalf("without data every figure must be unassessed, got %+v", empty)
		}

		for i, overall := range []int{3, 2, 1} { // two of three satisfied
			if err := db.InsertRating(ctx, rating.Rating{DossierCode: "R-" + string(rune('A'+i)), ReceivingUnit: communeA,
				RatedAt: d(2026, 3, 10+i, 9, 0), Channel: rating.QR, Overall: overall}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.InsertRating(ctx, rating.Rating{DossierCode: "R-X", ReceivingUnit: communeB, RatedAt: d(2026, 3, 10, 9, 0),
			Channel: rating.QR, Overall: 1}); err != nil { // another commune
			t.Fatal(err)
		}
		mk := func(ref string, subject feedback.Subject, received, rejected time.Time) {
			f := feedback.Feedback{Ref: ref, Key: "ABCDEF", UnitCode: communeA, Subject: subject, Name: "A", Phone: "0912345678",
				Content: "Nội dung", Status: feedback.Received, ReceivedAt: received, RejectDue: received.AddDate(0, 0, 2),
				InfoDue: received.AddDate(0, 0, 7), AnswerDue: received.AddDate(0, 0, 21)}
			if !rejected.IsZero() {
				f.Status, f.RejectedAt = feedback.Rejected, rejected
			}
			if _, err := db.InsertFeedback(ctx, f, feedback.Event{At: received, Action: feedback.ActSubmit, To: feedback.Received}); err != nil {
				t.Fatal(err)
			}
		}
		mk("F1", feedback.SubjectProcedure, d(2026, 3, 2, 9, 0), d(2026, 3, 3, 9, 0))  // rejected on time
		mk("F2", feedback.SubjectProcedure, d(2026, 3, 2, 9, 0), d(2026, 3, 10, 9, 0)) // rejected late
		mk("C1", feedback.SubjectConduct, d(2026, 3, 5, 9, 0), time.Time{})            // a complaint, pending
		mk("C2", feedback.SubjectDossier, d(2026, 2, 5, 9, 0), time.Time{})            // a complaint before the period
		in := []rd{
			{communeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 3, 2, 9, 0), d(2026, 3, 4, 9, 0), d(2026, 3, 6, 17, 0), dossier.Early, dossier.OutcomeResult},
			{officeA, "Hộ tịch", dossier.ChannelOnline, dossier.StatusDone, d(2026, 3, 9, 9, 0), d(2026, 3, 11, 9, 0), d(2026, 3, 11, 17, 0), dossier.OnTime, dossier.OutcomeResult},
			{communeA, "Đất đai", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 2, 2, 9, 0), d(2026, 3, 16, 9, 0), d(2026, 3, 2, 17, 0), dossier.Late, dossier.OutcomeResult},
			{communeA, "Đất đai", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 3, 2, 9, 0), d(2026, 3, 20, 9, 0), d(2026, 3, 30, 17, 0), dossier.Early, dossier.OutcomeResult},
			{communeA, "Đất đai", dossier.ChannelInPerson, dossier.StatusProcessing, d(2026, 3, 23, 9, 0), time.Time{}, d(2026, 4, 20, 17, 0), "", ""},
		}
		if _, err := db.BulkInsertDossiers(ctx, account.System("test"), reportDossiers("II", in), nil); err != nil {
			t.Fatal(err)
		}

		got, err := db.IndicatorInputs(ctx, units, mar, apr)
		if err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]struct {
			got  *float64
			want float64
		}{
			"satisfaction (2 of 3 ratings)":          {got.SatisfactionRate, 66.67},
			"feedback on time (1 of 2 rejections)":   {got.FeedbackOnTimeRate, 50},
			"complaints (1 per 4 resolved dossiers)": {got.ComplaintRate, 25},
		} {
			if c.got == nil || *c.got != c.want {
				t.Errorf("%s = %v, want %v", name, c.got, c.want)
			}
		}
		if got.SyncedRate != nil || got.OnlinePaymentRate != nil || got.DataReuseRate != nil {
			t.Errorf("figures that are not recorded must stay unassessed: %+v", got)
		}
	})
}
