package catalog_test

import (
	"context"
	"os"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/procedure"
	"motcua/internal/store/storetest"
)

var ict = time.FixedZone("ICT", 7*3600)

func setup(t *testing.T, e storetest.Engine) *catalog.Service {
	t.Helper()
	acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.15.21.H06", Name: "Xã Phật Tích (cũ)", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2000-01-01", ValidTo: "2025-07-01"},
	} {
		if _, err := acc.CreateUnit(context.Background(), account.System("t"), in, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return &catalog.Service{Store: e.DB}
}

func sample(t *testing.T) []byte {
	b, err := os.ReadFile("../procedure/testdata/catalog-sample.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func birth() procedure.Procedure {
	return procedure.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: procedure.Field{Name: "Hộ tịch"},
		Levels: []procedure.Level{procedure.Commune}, Subjects: []procedure.Subject{procedure.Citizen},
		Channels: []procedure.Channel{{Kind: procedure.InPerson, Time: 0, Unit: procedure.WorkingDay},
			{Kind: procedure.Online, Time: 0, Unit: procedure.WorkingDay}},
		Components: []procedure.Component{{Name: "Tờ khai đăng ký khai sinh", Originals: 1, Mandatory: true}},
		CutoffHour: "15:00", Workflow: []procedure.Step{{Name: "Xử lý", Role: "specialist", Hours: 4}}}
}

func TestImportIsIdempotentAndKeepsGoodRows(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx, sys, now := context.Background(), account.System("t"), time.Date(2026, 11, 26, 9, 0, 0, 0, ict)
			svc := setup(t, e)
			format, res, err := svc.Import(ctx, sys, "catalog-sample.json", sample(t), nil, now)
			if err != nil || format != procedure.FormatSampleJSON || len(res) != 8 {
				t.Fatalf("%s %d %v", format, len(res), err)
			}
			for _, r := range res {
				if r.Action != catalog.Created {
					t.Fatalf("row %d: %s %v", r.Row, r.Action, r.Problems)
				}
			}
			_, res, _ = svc.Import(ctx, sys, "catalog-sample.json", sample(t), nil, now)
			for _, r := range res {
				if r.Action != catalog.Unchanged {
					t.Fatalf("second import, row %d: %s", r.Row, r.Action)
				}
			}
			// Applied by default by the current communes only (not the closed one, not the province).
			units, _ := svc.Units(ctx, "2.000635")
			if len(units) != 2 || units[0] != "000.31.21.H06" || units[1] != "000.32.21.H06" {
				t.Fatalf("applied by %v", units)
			}
			// The national shape: good rows created, bad rows reported with the field.
			nat, _ := os.ReadFile("../procedure/testdata/national-sample.json")
			_, res, err = svc.Import(ctx, sys, "national.json", nat, []string{"000.31.21.H06"}, now)
			if err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			for _, r := range res {
				counts[r.Action]++
				if r.Action == catalog.Rejected && len(r.Problems) == 0 {
					t.Errorf("row %d rejected without a reason", r.Row)
				}
			}
			if counts[catalog.Created] != 2 || counts[catalog.Rejected] != 2 {
				t.Fatalf("national import: %v", counts)
			}
			// A changed row makes a new version; the old one becomes amended but stays readable.
			p, _ := svc.Published(ctx, "2.000635")
			p.Channels[0].Fees[0].AmountVND = 10000
			var buf = new(bytesBuffer)
			if err := procedure.ExportJSON(buf, []procedure.Procedure{p}); err != nil {
				t.Fatal(err)
			}
			_, res, _ = svc.Import(ctx, sys, "changed.json", buf.b, nil, now.Add(24*time.Hour))
			if res[0].Action != catalog.Updated || res[0].Version != 2 {
				t.Fatalf("changed row: %+v", res[0])
			}
			vs, _ := svc.Versions(ctx, sys, "2.000635")
			if len(vs) != 2 || vs[0].Status != procedure.Amended || vs[1].Status != procedure.Published || len(vs[1].Changes) == 0 {
				t.Fatalf("versions after update: %+v", vs)
			}
			// A dossier received before the new version took effect pins version 1.
			old, err := svc.InForce(ctx, "2.000635", now.Add(time.Hour))
			if err != nil || old.Version != 1 {
				t.Fatalf("in force before: %d %v", old.Version, err)
			}
			cur, _ := svc.InForce(ctx, "2.000635", now.Add(48*time.Hour))
			if cur.Version != 2 {
				t.Fatalf("in force after: %d", cur.Version)
			}
		})
	}
}

type bytesBuffer struct{ b []byte }

func (w *bytesBuffer) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

func TestSearchIsAccentInsensitive(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx, sys, now := context.Background(), account.System("t"), time.Now()
			svc := setup(t, e)
			if _, _, err := svc.Import(ctx, sys, "catalog-sample.json", sample(t), nil, now); err != nil {
				t.Fatal(err)
			}
			cases := []struct {
				q    string
				want string
			}{
				{"cap ban sao trich luc", "2.000635"},
				{"CẤP BẢN SAO TRÍCH LỤC", "2.000635"},
				{"2.000635", "2.000635"},
				{"dang ky", ""}, // found below by count
			}
			for _, c := range cases {
				items, total, err := svc.Search(ctx, catalog.Query{Text: c.q, Statuses: []procedure.Status{procedure.Published}})
				if err != nil || total == 0 {
					t.Fatalf("%q: %d %v", c.q, total, err)
				}
				if c.want != "" && items[0].Code != c.want {
					t.Errorf("%q found %s", c.q, items[0].Code)
				}
			}
			if _, total, _ := svc.Search(ctx, catalog.Query{Text: "không có thủ tục này"}); total != 0 {
				t.Errorf("nonsense found %d", total)
			}
		})
	}
}

func TestVersionsLifecycle(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx, now := context.Background(), time.Date(2026, 11, 26, 9, 0, 0, 0, ict)
			svc := setup(t, e)
			editor := account.Principal{Username: "kiemsoat", UnitPath: "/", Roles: []account.Role{account.Controller}}
			reception := account.Principal{Username: "tiepnhan", UnitPath: "/", Roles: []account.Role{account.Reception}}

			bad := birth()
			bad.Code = "1.00119"
			bad.Channels[0].Fees = []procedure.Fee{{Name: "Lệ phí", AmountVND: -1}}
			_, err := svc.CreateDraft(ctx, editor, bad)
			fe := fault.As(err)
			if fe.Kind != fault.Invalid || fe.Fields["code"].Key != "procedure.code.invalid" || fe.Fields["channels[0].fees[0].amount_vnd"].Key != "procedure.fee.negative" {
				t.Fatalf("bad draft: %v", err)
			}
			if _, err := svc.CreateDraft(ctx, reception, birth()); fault.KindOf(err) != fault.Forbidden {
				t.Fatalf("reception created a procedure: %v", err)
			}
			if _, err := svc.CreateDraft(ctx, editor, birth()); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.CreateDraft(ctx, editor, birth()); fault.KindOf(err) != fault.Conflict {
				t.Fatalf("same code twice: %v", err)
			}
			// Drafts are not public.
			if _, err := svc.Published(ctx, "1.001193"); fault.KindOf(err) != fault.NotFound {
				t.Fatalf("draft visible: %v", err)
			}
			if _, err := svc.Publish(ctx, editor, "1.001193", now); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Publish(ctx, editor, "1.001193", now); fault.KindOf(err) != fault.Conflict {
				t.Fatalf("published twice: %v", err)
			}
			v2, err := svc.OpenDraft(ctx, editor, "1.001193", now.AddDate(0, 1, 0))
			if err != nil || v2.Version != 2 {
				t.Fatalf("open draft: %v", err)
			}
			if _, err := svc.OpenDraft(ctx, editor, "1.001193", now); fault.KindOf(err) != fault.Conflict {
				t.Fatalf("two drafts: %v", err)
			}
			edit := birth()
			edit.Channels[0].Fees = []procedure.Fee{{Name: "Lệ phí đăng ký khai sinh quá hạn", AmountVND: 5000}}
			edit.EffectiveFrom = v2.EffectiveFrom
			if _, err := svc.UpdateDraft(ctx, editor, "1.001193", edit); err != nil {
				t.Fatal(err)
			}
			tooLong := birth()
			tooLong.Workflow = []procedure.Step{{Name: "Xử lý", Role: "specialist", Hours: 40}}
			if _, err := svc.UpdateDraft(ctx, editor, "1.001193", tooLong); fault.As(err).Fields["workflow"].Key != "procedure.workflow.over_legal_time" {
				t.Fatalf("workflow over the legal time accepted: %v", err)
			}
			if _, err := svc.Publish(ctx, editor, "1.001193", now); err != nil {
				t.Fatal(err)
			}
			vs, _ := svc.Versions(ctx, reception, "1.001193")
			if len(vs) != 2 || vs[0].Status != procedure.Amended || vs[1].Status != procedure.Published {
				t.Fatalf("%+v", vs)
			}
			if len(vs[1].Changes) == 0 {
				t.Fatal("no change recorded between versions")
			}
			if _, err := svc.Abolish(ctx, editor, "1.001193", now.AddDate(1, 0, 0)); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.InForce(ctx, "1.001193", now.AddDate(1, 0, 1)); fault.KindOf(err) != fault.NotFound {
				t.Fatalf("abolished procedure still in force: %v", err)
			}
			if p, err := svc.InForce(ctx, "1.001193", now.AddDate(0, 2, 0)); err != nil || p.Version != 2 {
				t.Fatalf("before abolition: %v", err)
			}
		})
	}
}

func TestReviews(t *testing.T) {
	ctx, now := context.Background(), time.Date(2026, 11, 26, 9, 0, 0, 0, ict)
	svc := setup(t, storetest.SQLite(t, storetest.Options{}))
	editor := account.Principal{Username: "kiemsoat", FullName: "Trần Thị Kiểm", UnitPath: "/", Roles: []account.Role{account.Controller}}
	if _, _, err := svc.Import(ctx, editor, "catalog-sample.json", sample(t), nil, now); err != nil {
		t.Fatal(err)
	}
	due, err := svc.DueForReview(ctx)
	if err != nil || len(due) != 8 || due[0].Reason.Key != "review.due.never" {
		t.Fatalf("never reviewed: %d %v", len(due), err)
	}
	r, err := svc.CreateReview(ctx, editor, procedure.Review{ProcedureCode: "2.000635", Date: now, Findings: "Phí chưa cập nhật",
		Proposal: procedure.Amend, Reasons: "Thông tư mới về phí", EstimatedSavingsVND: 1000000})
	if err != nil || r.ID == 0 || r.Reviewer != "Trần Thị Kiểm" {
		t.Fatalf("%+v %v", r, err)
	}
	if _, err := svc.MoveReview(ctx, editor, "2.000635", r.ID, procedure.ReviewAccepted, now); fault.KindOf(err) != fault.Invalid {
		t.Fatalf("draft accepted without submission: %v", err)
	}
	if _, err := svc.MoveReview(ctx, editor, "2.000635", r.ID, procedure.ReviewSubmitted, now); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.MoveReview(ctx, editor, "2.000635", r.ID, procedure.ReviewAccepted, now); err != nil {
		t.Fatal(err)
	}
	vs, _ := svc.Versions(ctx, editor, "2.000635")
	if vs[len(vs)-1].Status != procedure.Draft {
		t.Fatal("an accepted amend proposal did not open a draft")
	}
	// A new legal text cited by the procedure makes it due again.
	p, _ := svc.Published(ctx, "2.000635")
	num := p.LegalBasis[0].Number
	if err := svc.RecordLegalDocument(ctx, editor, procedure.LegalDocument{Number: num, Name: p.LegalBasis[0].Name,
		EffectiveFrom: now.AddDate(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	due, _ = svc.DueForReview(ctx)
	found := false
	for _, d := range due {
		if d.Procedure.Code == "2.000635" && d.Reason.Key == "review.due.legal" {
			found = true
		}
	}
	if !found {
		t.Fatal("a procedure whose legal basis changed is not due for review")
	}
}

// TestSearchSeesChangesAtOnce: the in-memory index of the public catalog follows every change.
func TestSearchSeesChangesAtOnce(t *testing.T) {
	ctx, now := context.Background(), time.Date(2026, 11, 26, 9, 0, 0, 0, ict)
	svc := setup(t, storetest.SQLite(t, storetest.Options{}))
	editor := account.Principal{Username: "kiemsoat", UnitPath: "/", Roles: []account.Role{account.Controller}}
	published := []procedure.Status{procedure.Published}
	count := func(q catalog.Query) int {
		q.Statuses = published
		_, n, err := svc.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(catalog.Query{}); n != 0 {
		t.Fatalf("empty catalog lists %d", n)
	}
	if _, err := svc.CreateDraft(ctx, editor, birth()); err != nil {
		t.Fatal(err)
	}
	if n := count(catalog.Query{Text: "khai sinh"}); n != 0 {
		t.Fatal("a draft is listed")
	}
	if _, err := svc.Publish(ctx, editor, "1.001193", now); err != nil {
		t.Fatal(err)
	}
	if n := count(catalog.Query{Text: "khai sinh"}); n != 1 {
		t.Fatalf("published procedure not found: %d", n)
	}
	if n := count(catalog.Query{UnitCode: "000.31.21.H06"}); n != 0 {
		t.Fatal("listed for a unit that does not apply it")
	}
	if err := svc.ApplyTo(ctx, editor, "1.001193", []string{"000.31.21.H06"}, now); err != nil {
		t.Fatal(err)
	}
	if n := count(catalog.Query{UnitCode: "000.31.21.h06", Field: "ho tich", Level: "commune"}); n != 1 {
		t.Fatalf("not listed for the unit applying it: %d", n)
	}
	if _, err := svc.Abolish(ctx, editor, "1.001193", now.AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	if n := count(catalog.Query{Text: "khai sinh"}); n != 1 {
		t.Fatal("a procedure abolished from next month is no longer listed")
	}
	later := &catalog.Service{Store: svc.Store, Now: func() time.Time { return now.AddDate(0, 1, 1) }}
	if _, n, _ := later.Search(ctx, catalog.Query{Text: "khai sinh", Statuses: published}); n != 0 {
		t.Fatal("abolished procedure still listed after its abolition")
	}
}
