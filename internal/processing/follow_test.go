package processing_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/processing"
	"motcua/internal/rating"
	"motcua/internal/store/storetest"
)

// act takes an action as a staff member and fails the test on error.
func (w world) act(t *testing.T, who, code string, action dossier.Action, body any, at time.Time) dossier.Dossier {
	t.Helper()
	b, _ := json.Marshal(body)
	d, err := w.svc.Act(context.Background(), w.staff[who], code, action, 0, b, at)
	if err != nil {
		t.Fatalf("%s %s: %v", who, action, err)
	}
	return d
}

// askSupplement receives a dossier on Monday 9:00 and has the office ask for two papers on Tuesday.
// With apologise, the office first apologises and moves the appointment three days later (Mẫu 04).
func (w world) askSupplement(t *testing.T, now time.Time, apologise bool) dossier.Dossier {
	t.Helper()
	// 9.990005 takes three working days, and restarts its clock after a supplement.
	proc, err := w.svc.Catalog.Published(context.Background(), "9.990005")
	if err != nil {
		t.Fatal(err)
	}
	in := w.filing()
	in.ProcedureCode, in.Components = proc.Code, papersOf(proc)
	d, err := w.svc.Receive(context.Background(), w.staff["tiepnhan"], in, now)
	if err != nil {
		t.Fatal(err)
	}
	w.act(t, "tiepnhan", d.Code, dossier.ActTransfer, map[string]any{}, now.Add(time.Hour))
	w.act(t, "truongphong", d.Code, dossier.ActAssign, map[string]any{"assignee": "chuyenvien"}, now.Add(2*time.Hour))
	if apologise {
		w.act(t, "truongphong", d.Code, dossier.ActReschedule, map[string]any{"reason": "Chờ xác minh tại nơi cư trú cũ",
			"new_due_at": d.DueAt.Add(72 * time.Hour)}, now.Add(3*time.Hour))
	}
	return w.act(t, "chuyenvien", d.Code, dossier.ActRequestSupplement, map[string]any{"items": []map[string]any{
		{"name": "Giấy chứng sinh", "originals": 1, "reason": "Ảnh chụp bị mờ"},
		{"name": "Sổ hộ khẩu", "copies": 1, "reason": "Thiếu trang có tên người con"}}}, now.Add(24*time.Hour))
}

// An applicant answers a supplement request online: a missing paper or a wrong secret changes
// nothing; the complete supplement moves the dossier back to processing under the applicant's name,
// with the files attached and the appointment recomputed; the lookup shows where it is and why the
// appointment changed.
func TestSupplementOnline(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			blobs, err := attachment.NewLocal(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			w.svc.Files = blobs
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
			d := w.askSupplement(t, now, true)
			if d.Status != dossier.StatusAwaitingSupplement {
				t.Fatalf("status %v", d.Status)
			}
			pg, err := w.svc.Follow(ctx, d.Code, d.LookupSecret)
			if err != nil {
				t.Fatal(err)
			}
			if !pg.AwaitsSupplement() || len(pg.Requested) != 2 || pg.Requested[1].Reason != "Thiếu trang có tên người con" ||
				pg.Holder != processing.HeldByApplicant || pg.HolderName != "Xã Tiên Du" || pg.SupplementBy.IsZero() || pg.Ratable {
				t.Fatalf("progress %+v", pg)
			}
			at := now.Add(50 * time.Hour)
			birth, book := scan(t, 10, "Giấy chứng sinh"), scan(t, 11, "Sổ hộ khẩu")
			stray := scan(t, 12, "Giấy tờ khác")
			tests := []struct {
				name   string
				secret string
				scans  []processing.Scan
				note   string
				kind   fault.Kind
				field  string
			}{
				{"wrong secret", "ZZZZZZ", []processing.Scan{birth, book}, "", fault.NotFound, ""},
				{"a paper without file", d.LookupSecret, []processing.Scan{birth}, "", fault.Invalid, "item.1"},
				{"a file for no paper asked", d.LookupSecret, []processing.Scan{birth, book, stray}, "", fault.Invalid, "files"},
				{"note too long", d.LookupSecret, []processing.Scan{birth, book}, string(make([]rune, processing.MaxSupplementNote+1)), fault.Invalid, "note"},
			}
			for _, tt := range tests {
				_, err := w.svc.SupplementOnline(ctx, d.Code, tt.secret, tt.scans, tt.note, at)
				fe := fault.As(err)
				if fe.Kind != tt.kind {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if _, ok := fe.Fields[tt.field]; tt.field != "" && !ok {
					t.Errorf("%s: fields %v", tt.name, fe.Fields)
				}
				for _, sc := range tt.scans {
					if ok, _ := blobs.Exists(ctx, sc.Staged.File().ID); ok {
						t.Errorf("%s: file kept", tt.name)
					}
				}
			}
			if same, _, _ := w.svc.Get(ctx, w.staff["tiepnhan"], d.Code); same.Status != dossier.StatusAwaitingSupplement || same.Version != d.Version {
				t.Fatalf("refused supplements changed the dossier: %+v", same.Status)
			}

			got, err := w.svc.SupplementOnline(ctx, d.Code, " "+d.LookupSecret+" ", []processing.Scan{birth, book}, "Gửi bản rõ nét", at)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != dossier.StatusProcessing || len(got.Files) != 2 || got.Files[0].Purpose != dossier.FileSupplement || got.DueAt.Equal(d.DueAt) {
				t.Fatalf("after supplement: status %v files %+v due %v (was %v)", got.Status, got.Files, got.DueAt, d.DueAt)
			}
			_, events, _ := w.svc.Get(ctx, w.staff["tiepnhan"], d.Code)
			last := events[len(events)-1]
			if last.Action != dossier.ActReceiveSupplement || last.Actor != "applicant" || len(last.Attachments) != 2 || last.Note != "Gửi bản rõ nét" || !last.At.Equal(at) {
				t.Errorf("event %+v", last)
			}
			if _, err := w.svc.SupplementOnline(ctx, d.Code, d.LookupSecret, []processing.Scan{birth, book}, "", at.Add(time.Hour)); fault.KindOf(err) != fault.Conflict {
				t.Errorf("second supplement: %v", err)
			}

			// The lookup shows the apology and the restart.
			pg, err = w.svc.Follow(ctx, d.Code, d.LookupSecret)
			if err != nil {
				t.Fatal(err)
			}
			if pg.AwaitsSupplement() || pg.Holder != processing.HeldByOffice || len(pg.DueChanges) != 2 || len(pg.Waits) != 1 || pg.Waits[0].To.IsZero() {
				t.Fatalf("progress after: %+v", pg)
			}
			apology, restart := pg.DueChanges[0], pg.DueChanges[1]
			if restart.Reason != dossier.DueRestarted || restart.By != "" || restart.Note != "" {
				t.Errorf("restart %+v", restart)
			}
			if apology.Reason != dossier.DueRescheduled || apology.Note != "Chờ xác minh tại nơi cư trú cũ" || apology.By != "" {
				t.Errorf("apology %+v", apology)
			}
		})
	}
}

// An online dossier the desk asked to correct (status 1) is resubmitted from the lookup page.
func TestSupplementOnlineResubmits(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			blobs, _ := attachment.NewLocal(t.TempDir())
			w.svc.Files = blobs
			submitted := time.Date(2026, 3, 9, 10, 0, 0, 0, ict)
			online, err := w.svc.Catalog.Published(ctx, "2.000635")
			if err != nil {
				t.Fatal(err)
			}
			in := w.filing()
			in.ProcedureCode, in.Components = online.Code, papersOf(online)
			d, err := w.svc.SubmitOnline(ctx, in, submitted)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.SupplementOnline(ctx, d.Code, d.LookupSecret, nil, "", submitted.Add(time.Hour)); fault.KindOf(err) != fault.Conflict {
				t.Fatalf("nothing asked yet: %v", err)
			}
			w.act(t, "tiepnhan", d.Code, dossier.ActGuideSupplement, map[string]any{"items": []map[string]any{{"name": "Giấy chứng sinh", "reason": "Ảnh chụp bị mờ"}}},
				submitted.Add(2*time.Hour))
			got, err := w.svc.SupplementOnline(ctx, d.Code, d.LookupSecret, []processing.Scan{scan(t, 20, "Giấy chứng sinh")}, "", submitted.Add(5*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != dossier.StatusSubmitted || !got.CorrectionRequestedAt.IsZero() || got.Code != d.Code || len(got.Files) != 1 || got.Applicant.Name != d.Applicant.Name {
				t.Fatalf("resubmitted %+v", got)
			}
			_, events, _ := w.svc.Get(ctx, w.staff["tiepnhan"], d.Code)
			if last := events[len(events)-1]; last.Action != dossier.ActResubmit || last.Actor != "applicant" {
				t.Errorf("event %+v", last)
			}
		})
	}
}

// returnDossier walks a received dossier to its hand-over at the desk.
func (w world) returnDossier(t *testing.T, at time.Time) dossier.Dossier {
	t.Helper()
	d, err := w.svc.Receive(context.Background(), w.staff["tiepnhan"], w.filing(), at)
	if err != nil {
		t.Fatal(err)
	}
	d = w.act(t, "tiepnhan", d.Code, dossier.ActTransfer, map[string]any{}, at.Add(time.Hour))
	d = w.act(t, "truongphong", d.Code, dossier.ActAssign, map[string]any{"assignee": "chuyenvien"}, at.Add(2*time.Hour))
	for i := 0; d.CurrentStep() >= 0 && i < 10; i++ {
		who := map[string]string{"specialist": "chuyenvien", "head": "truongphong", "leader": "lanhdao", "clerk": "vanthu"}[d.Steps[d.CurrentStep()].Role]
		if who == "" {
			break
		}
		d = w.act(t, who, d.Code, dossier.ActCompleteStep, map[string]any{}, at.Add(time.Duration(i+3)*time.Hour))
	}
	w.act(t, "vanthu", d.Code, dossier.ActResultReady, map[string]any{"results": []map[string]any{{"name": "Giấy khai sinh"}}}, at.Add(20*time.Hour))
	return w.act(t, "tiepnhan", d.Code, dossier.ActReturn, map[string]any{"method": "desk"}, at.Add(22*time.Hour))
}

// Ratings: by code and secret once the result is out, at the desk's kiosk within a week of the
// hand-over, once per dossier; the report sums them for those who may view reports.
func TestRatingsOfDossiers(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
			open, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), now)
			if err != nil {
				t.Fatal(err)
			}
			first, second := w.returnDossier(t, now), w.returnDossier(t, now)
			after := first.ReturnedAt.Add(time.Hour)
			good := rating.Rating{Overall: 3, Scores: map[rating.Criterion]int{rating.Attitude: 3, rating.TimeToResult: 2}, Channel: rating.QR}
			tests := []struct {
				name  string
				rate  func() (rating.Rating, error)
				kind  fault.Kind
				key   string
				field string
			}{
				{"before the result", func() (rating.Rating, error) { return w.svc.Rate(ctx, open.Code, open.LookupSecret, good, after) }, fault.Conflict, "follow.rating.not_finished", ""},
				{"wrong secret", func() (rating.Rating, error) { return w.svc.Rate(ctx, first.Code, "ZZZZZZ", good, after) }, fault.NotFound, "dossier.lookup.not_found", ""},
				{"no overall score", func() (rating.Rating, error) {
					return w.svc.Rate(ctx, first.Code, first.LookupSecret, rating.Rating{Scores: good.Scores}, after)
				}, fault.Invalid, "", "overall"},
				{"by the QR code", func() (rating.Rating, error) { return w.svc.Rate(ctx, first.Code, first.LookupSecret, good, after) }, "", "", ""},
				{"a second time", func() (rating.Rating, error) { return w.svc.Rate(ctx, first.Code, first.LookupSecret, good, after) }, fault.Conflict, "follow.rating.already", ""},
				{"kiosk of another desk", func() (rating.Rating, error) {
					return w.svc.RateAtKiosk(ctx, "000.32.21.H06", second.Code, good, after)
				}, fault.NotFound, "follow.kiosk.not_eligible", ""},
				{"kiosk eight days later", func() (rating.Rating, error) {
					return w.svc.RateAtKiosk(ctx, "000.31.21.H06", second.Code, good, second.ReturnedAt.Add(8*24*time.Hour))
				}, fault.NotFound, "follow.kiosk.not_eligible", ""},
				{"kiosk of a dossier not handed over", func() (rating.Rating, error) { return w.svc.RateAtKiosk(ctx, "000.31.21.H06", open.Code, good, after) }, fault.NotFound, "follow.kiosk.not_eligible", ""},
				{"kiosk of an unknown code", func() (rating.Rating, error) { return w.svc.RateAtKiosk(ctx, "000.31.21.H06", "X-1", good, after) }, fault.NotFound, "follow.kiosk.not_eligible", ""},
				{"at the kiosk", func() (rating.Rating, error) {
					return w.svc.RateAtKiosk(ctx, "000.31.21.h06", second.Code, rating.Rating{Overall: 1, Scores: map[rating.Criterion]int{rating.Attitude: 1}}, after)
				}, "", "", ""},
			}
			for _, tt := range tests {
				got, err := tt.rate()
				if tt.kind == "" {
					if err != nil || got.DossierCode == "" || got.ReceivingUnit != "000.31.21.H06" {
						t.Errorf("%s: %+v %v", tt.name, got, err)
					}
					continue
				}
				fe := fault.As(err)
				if err == nil || fe.Kind != tt.kind || (tt.key != "" && fe.Message.Key != tt.key) {
					t.Errorf("%s: %v", tt.name, err)
				}
				if _, ok := fe.Fields[tt.field]; tt.field != "" && !ok {
					t.Errorf("%s: fields %v", tt.name, fe.Fields)
				}
			}
			pg, err := w.svc.Follow(ctx, first.Code, first.LookupSecret)
			if err != nil || !pg.Rated || !pg.Ratable || pg.Holder != processing.HeldByNone {
				t.Errorf("progress %+v %v", pg, err)
			}
			rep, err := w.svc.SatisfactionReport(ctx, w.staff["lanhdao"], "000.31.21.H06", after.AddDate(0, 0, -1), after, true)
			if err != nil {
				t.Fatal(err)
			}
			s := rep.Summary
			if s.Ratings != 2 || s.Satisfied != 1 || s.SatisfiedPct != 50 || s.Overall.Average != 2 || s.Lines[4].Criterion != rating.Attitude || s.Lines[4].Average != 2 || s.Lines[0].Answers != 1 {
				t.Errorf("summary %+v", s)
			}
			if rep, _ := w.svc.SatisfactionReport(ctx, w.staff["lanhdao"], "000.31.03.H06", after.AddDate(0, 0, -1), after, false); rep.Summary.Ratings != 0 {
				t.Errorf("office alone: %+v", rep.Summary)
			}
			if _, err := w.svc.SatisfactionReport(ctx, w.staff["chuyenvien"], "000.31.21.H06", after, after, true); fault.KindOf(err) != fault.Forbidden {
				t.Errorf("specialist: %v", err)
			}
			if _, err := w.svc.SatisfactionReport(ctx, w.staff["lanhdao"], "000.31.21.H06", after, after.AddDate(0, 0, -2), true); fault.KindOf(err) != fault.Invalid {
				t.Errorf("period reversed: %v", err)
			}
		})
	}
}
