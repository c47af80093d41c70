package processing_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/store/storetest"
)

// The desk answers an online dossier: asks for corrections (Mẫu 02), then receives it with the same
// code; another one is refused (Mẫu 03). A late answer (after 8 working hours) is flagged.
func TestDeskAnswersOnlineDossiers(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			submitted := time.Date(2026, 3, 9, 20, 30, 0, 0, ict)   // Monday evening: the 8 hours start Tuesday morning
			online, err := w.svc.Catalog.Published(ctx, "2.000635") // offered online
			if err != nil {
				t.Fatal(err)
			}
			in := w.filing()
			in.ProcedureCode, in.Components = online.Code, papersOf(online)
			d, err := w.svc.SubmitOnline(ctx, in, submitted)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != dossier.StatusSubmitted || d.Code == "" {
				t.Fatalf("submitted: %+v", d)
			}
			act := func(code string, action dossier.Action, body any, at time.Time) (dossier.Dossier, error) {
				b, _ := json.Marshal(body)
				return w.svc.Act(ctx, w.staff["tiepnhan"], code, action, 0, b, at)
			}
			tests := []struct {
				name   string
				action dossier.Action
				body   any
				at     time.Time
				status dossier.Status
				late   bool
				err    fault.Kind
				field  string
			}{
				{"guidance without items", dossier.ActGuideSupplement, map[string]any{}, submitted.Add(13 * time.Hour), dossier.StatusSubmitted, false, fault.Invalid, "items"},
				{"guidance in time", dossier.ActGuideSupplement, map[string]any{"items": []map[string]any{{"name": "Giấy chứng sinh", "reason": "Ảnh chụp bị mờ"}}},
					submitted.Add(13 * time.Hour), dossier.StatusSubmitted, false, "", ""},
				{"transfer before receipt", dossier.ActTransfer, map[string]any{}, submitted.Add(14 * time.Hour), dossier.StatusSubmitted, false, fault.Conflict, ""},
				// The desk answered in time; the applicant's reply is received later without a flag.
				{"received, code kept", dossier.ActReceive, map[string]any{"note": "Đã đủ"}, time.Date(2026, 3, 11, 9, 0, 0, 0, ict), dossier.StatusReceived, false, "", ""},
				{"refuse after receipt", dossier.ActRefuseAtReception, map[string]any{"reasons": []string{"x"}}, time.Date(2026, 3, 11, 10, 0, 0, 0, ict), dossier.StatusReceived, false, fault.Conflict, ""},
			}
			for _, tt := range tests {
				got, err := act(d.Code, tt.action, tt.body, tt.at)
				if tt.err != "" {
					fe := fault.As(err)
					if err == nil || fe.Kind != tt.err || (tt.field != "" && fe.Fields[tt.field].Key == "") {
						t.Fatalf("%s: want %s on %q, got %v", tt.name, tt.err, tt.field, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if got.Code != d.Code || got.Status != tt.status || got.CorrectionLate != tt.late {
					t.Fatalf("%s: code %s status %v late %v", tt.name, got.Code, got.Status, got.CorrectionLate)
				}
			}
			got, events, err := w.svc.Get(ctx, w.staff["tiepnhan"], d.Code)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Guidances) != 1 || got.Guidances[0].Items[0].Reason != "Ảnh chụp bị mờ" || got.ReceivedAt.IsZero() || got.DueAt.IsZero() {
				t.Fatalf("stored: %+v", got)
			}
			if len(events) != 3 || events[1].Action != dossier.ActGuideSupplement || events[2].Action != dossier.ActReceive {
				t.Fatalf("events: %+v", events)
			}

			late, err := w.svc.SubmitOnline(ctx, in, submitted)
			if err != nil {
				t.Fatal(err)
			}
			if late, err = act(late.Code, dossier.ActReceive, nil, time.Date(2026, 3, 11, 9, 0, 0, 0, ict)); err != nil || !late.CorrectionLate {
				t.Fatalf("answered after 8 working hours: late %v, %v", late.CorrectionLate, err)
			}

			other, err := w.svc.SubmitOnline(ctx, in, submitted)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := act(other.Code, dossier.ActRefuseAtReception, map[string]any{"reasons": []string{}}, submitted.Add(13*time.Hour)); fault.As(err).Fields["reasons"].Key == "" {
				t.Fatalf("refusal without reason: %v", err)
			}
			refused, err := act(other.Code, dossier.ActRefuseAtReception, map[string]any{"reasons": []string{"Thủ tục không thuộc thẩm quyền của xã"}}, submitted.Add(13*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if refused.Status != dossier.StatusRejected || refused.Refusal.Reasons[0] != "Thủ tục không thuộc thẩm quyền của xã" || !refused.ReceivedAt.IsZero() {
				t.Fatalf("refused: %+v", refused)
			}
		})
	}
}

// A walk-in whose papers are incomplete gets a guidance (Mẫu 02) listing every item, stored without a
// dossier and readable by the desk's officers only.
func TestGuidanceAtDesk(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
			in := w.filing()
			items := []dossier.GuidanceItem{{Name: "Giấy chứng sinh", Originals: 1, Reason: "Chưa nộp"}, {Name: "Tờ khai", Copies: 1, Reason: "Thiếu chữ ký"}}
			if _, _, err := w.svc.GuideAtDesk(ctx, w.staff["tiepnhan"], in, dossier.GuidanceInput{}, now); fault.As(err).Fields["items"].Key == "" {
				t.Fatalf("no items: %v", err)
			}
			in.Applicant.Name = ""
			if _, _, err := w.svc.GuideAtDesk(ctx, w.staff["tiepnhan"], in, dossier.GuidanceInput{Items: items}, now); fault.As(err).Fields["applicant.name"].Key == "" {
				t.Fatalf("no applicant name: %v", err)
			}
			in = w.filing()
			if _, _, err := w.svc.GuideAtDesk(ctx, w.staff["chuyenvien"], in, dossier.GuidanceInput{Items: items}, now); fault.As(err).Kind != fault.Forbidden {
				t.Fatalf("a specialist guiding: %v", err)
			}
			g, id, err := w.svc.GuideAtDesk(ctx, w.staff["tiepnhan"], in, dossier.GuidanceInput{Items: items, Contact: "0222 3854 123"}, now)
			if err != nil {
				t.Fatal(err)
			}
			got, unit, err := w.svc.Guidance(ctx, w.staff["lanhdao"], id)
			if err != nil {
				t.Fatal(err)
			}
			if unit != "000.31.21.H06" || len(got.Items) != 2 || got.Items[1].Reason != "Thiếu chữ ký" || got.Applicant.Name != "Trần Văn Bình" ||
				got.ProcedureCode != g.ProcedureCode || got.Officer != "tiepnhan" || got.DossierCode != "" {
				t.Fatalf("stored guidance: %+v", got)
			}
			if _, _, err := w.svc.Guidance(ctx, w.staff["kinhbac"], id); fault.As(err).Kind != fault.Forbidden {
				t.Fatalf("another commune reading it: %v", err)
			}
			if _, _, err := w.svc.Guidance(ctx, w.staff["tiepnhan"], id+100); fault.As(err).Kind != fault.NotFound {
				t.Fatalf("unknown guidance: %v", err)
			}
		})
	}
}

// The register lists the dossiers a desk received in a period, in order of receipt.
func TestRegister(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			var codes []string
			for i, day := range []int{9, 10, 11, 16} { // March 2026
				d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), time.Date(2026, 3, day, 9, i, 0, 0, ict))
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, d.Code)
			}
			if _, err := w.svc.RefuseAtDesk(ctx, w.staff["tiepnhan"], w.filing(), []string{"Không thuộc thẩm quyền"}, time.Date(2026, 3, 10, 10, 0, 0, 0, ict)); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				who, unit string
				from, to  int
				want      []string
				err       fault.Kind
			}{
				{"tiepnhan", "000.31.21.H06", 10, 11, codes[1:3], ""},
				{"lanhdao", "000.31.21.H06", 9, 31, codes, ""},
				{"tiepnhan", "000.31.21.H06", 12, 13, nil, ""},
				{"tiepnhan", "000.31.21.H06", 11, 10, nil, fault.Invalid},
				{"tiepnhan", "000.99.99.H06", 9, 10, nil, fault.Invalid},
				{"kinhbac", "000.31.21.H06", 9, 10, nil, fault.Forbidden},
			}
			for _, tt := range tests {
				_, rows, err := w.svc.Register(ctx, w.staff[tt.who], tt.unit, time.Date(2026, 3, tt.from, 0, 0, 0, 0, ict), time.Date(2026, 3, tt.to, 0, 0, 0, 0, ict))
				if tt.err != "" {
					if fault.As(err).Kind != tt.err {
						t.Errorf("%s %s %d–%d: want %s, got %v", tt.who, tt.unit, tt.from, tt.to, tt.err, err)
					}
					continue
				}
				var got []string
				for _, d := range rows {
					got = append(got, d.Code)
				}
				if err != nil || strings.Join(got, " ") != strings.Join(tt.want, " ") {
					t.Errorf("%s %d–%d: got %v (%v), want %v", tt.who, tt.from, tt.to, got, err, tt.want)
				}
			}
		})
	}
}
