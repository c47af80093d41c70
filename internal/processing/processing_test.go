package processing_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/store/storetest"
	"motcua/internal/workcal"
)

var ict = time.FixedZone("ICT", 7*3600)

type world struct {
	svc   *processing.Service
	staff map[string]account.Principal
	proc  procedure.Procedure // 2.000908, the procedure the tests file
}

func setup(t *testing.T, e storetest.Engine) world {
	t.Helper()
	ctx, sys := context.Background(), account.System("t")
	acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.31.03.H06", Name: "Phòng Văn hóa - Xã hội", Kind: "office", ParentCode: "000.31.21.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := acc.CreateUnit(ctx, sys, in, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	cat := &catalog.Service{Store: e.DB}
	if _, _, err := cat.Import(ctx, sys, "catalog-sample.json", procedure.SampleCatalog, nil, time.Date(2026, 1, 1, 9, 0, 0, 0, ict)); err != nil {
		t.Fatal(err)
	}
	w := world{svc: &processing.Service{Store: e.DB, Catalog: cat, Calendar: &workcal.Service{Store: e.DB}, Rand: rand.Reader}, staff: map[string]account.Principal{}}
	for name, spec := range map[string][2]string{
		"tiepnhan": {"000.31.21.H06", "reception"}, "chuyenvien": {"000.31.03.H06", "specialist"}, "truongphong": {"000.31.03.H06", "head"},
		"lanhdao": {"000.31.21.H06", "leader"}, "vanthu": {"000.31.21.H06", "clerk"}, "kinhbac": {"000.32.21.H06", "reception"},
	} {
		u, err := acc.CreateUser(ctx, sys, account.UserInput{Username: name, FullName: name, UnitCode: spec[0], Roles: []string{spec[1]}, Password: "12345678"})
		if err != nil {
			t.Fatal(err)
		}
		w.staff[name] = u.Principal()
	}
	var err error
	if w.proc, err = cat.Published(ctx, "2.000908"); err != nil {
		t.Fatal(err)
	}
	return w
}

// filing is a complete desk filing of the world's procedure.
func (w world) filing() processing.ReceiveInput {
	return processing.ReceiveInput{ProcedureCode: w.proc.Code, UnitCode: "000.31.21.H06", Channel: "in_person",
		Applicant:  dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: "Trần Văn Bình", IDNumber: "027090004321", Phone: "0987654321"},
		Components: papersOf(w.proc)}
}

func papersOf(p procedure.Procedure) []dossier.Paper {
	var out []dossier.Paper
	for _, c := range p.Components {
		out = append(out, dossier.Paper{Name: c.Name, Originals: c.Originals, CertifiedCopies: c.CertifiedCopies, Copies: c.Copies})
	}
	return out
}

func TestWalkThroughEveryRole(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict) // Monday
			d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), now)
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != dossier.StatusReceived || d.DueAt.IsZero() {
				t.Fatalf("received: %+v", d)
			}
			act := func(who string, action dossier.Action, body any, at time.Time) dossier.Dossier {
				t.Helper()
				b, _ := json.Marshal(body)
				out, err := w.svc.Act(ctx, w.staff[who], d.Code, action, 0, b, at)
				if err != nil {
					t.Fatalf("%s %s: %v", who, action, err)
				}
				return out
			}
			at := now.Add(time.Hour)
			d = act("tiepnhan", dossier.ActTransfer, map[string]any{}, at)
			d = act("truongphong", dossier.ActAssign, map[string]any{"assignee": "chuyenvien", "assignee_name": "Đỗ Văn Chiến"}, at.Add(time.Hour))
			for i := 0; d.CurrentStep() >= 0 && i < 10; i++ {
				step := d.Steps[d.CurrentStep()]
				if step.Role == "reception" && i > 0 {
					break
				}
				who := map[string]string{"specialist": "chuyenvien", "head": "truongphong", "leader": "lanhdao", "clerk": "vanthu"}[step.Role]
				if who == "" {
					break
				}
				d = act(who, dossier.ActCompleteStep, map[string]any{}, at.Add(time.Duration(i+2)*time.Hour))
			}
			d = act("vanthu", dossier.ActResultReady, map[string]any{"results": []map[string]any{{"name": "Giấy chứng nhận", "number": "15/GCN"}}}, at.Add(20*time.Hour))
			d = act("tiepnhan", dossier.ActReturn, map[string]any{"method": "desk"}, at.Add(22*time.Hour))
			if d.Status != dossier.StatusReturned || d.Timeliness == "" {
				t.Fatalf("returned: status %v timeliness %q", d.Status, d.Timeliness)
			}
			_, events, err := w.svc.Get(ctx, w.staff["lanhdao"], d.Code)
			if err != nil || len(events) < 5 {
				t.Fatalf("timeline: %d %v", len(events), err)
			}
			// The public lookup hides private steps; another commune's officer sees nothing.
			view, pub, err := w.svc.Lookup(ctx, d.Code, d.LookupSecret)
			if err != nil || len(pub) >= len(events) {
				t.Fatalf("public timeline %d of %d: %v", len(pub), len(events), err)
			}
			if view.Code != d.Code || view.Status != dossier.StatusReturned || view.ProcedureName != w.proc.Name || !view.ReceivedAt.Equal(d.ReceivedAt) ||
				!view.DueAt.Equal(d.DueAt) || !view.ReturnedAt.Equal(d.ReturnedAt) || view.Timeliness != d.Timeliness || view.Applicant.Name != "Trần Văn Bình" {
				t.Fatalf("public view %+v", view)
			}
			for i, e := range pub {
				if e.Note != "" || e.Actor != "" || e.Private || (i > 0 && e.At.Before(pub[i-1].At)) {
					t.Fatalf("public event %d: %+v", i, e)
				}
			}
			if _, _, err := w.svc.Lookup(ctx, d.Code, "ZZZZZZ"); fault.KindOf(err) != fault.NotFound {
				t.Fatalf("wrong secret: %v", err)
			}
			if _, _, err := w.svc.Get(ctx, w.staff["kinhbac"], d.Code); fault.KindOf(err) != fault.Forbidden {
				t.Fatalf("another commune read the dossier: %v", err)
			}
			if _, err := w.svc.Act(ctx, w.staff["tiepnhan"], d.Code, dossier.ActTransfer, 0, nil, at.Add(23*time.Hour)); fault.KindOf(err) != fault.Conflict {
				t.Fatalf("transfer after return: %v", err)
			}
		})
	}
}

func TestConcurrentReceptionsGetDistinctCodes(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
			const n = 24
			codes := make(chan string, n)
			var wg sync.WaitGroup
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), now)
					if err != nil {
						t.Error(err)
						return
					}
					codes <- d.Code
				}()
			}
			wg.Wait()
			close(codes)
			seen := map[string]bool{}
			for c := range codes {
				if seen[c] {
					t.Fatalf("code %s given twice", c)
				}
				seen[c] = true
			}
			if len(seen) != n || !seen[fmt.Sprintf("000.31.21.H06-260309-%04d", n)] {
				t.Fatalf("codes: %v", seen)
			}
		})
	}
}

func TestTwoOfficersAtOnce(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
			d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), now)
			if err != nil {
				t.Fatal(err)
			}
			errs := make(chan error, 2)
			for i := 0; i < 2; i++ {
				go func() {
					_, err := w.svc.Act(ctx, w.staff["tiepnhan"], d.Code, dossier.ActTransfer, d.Version, nil, now.Add(time.Hour))
					errs <- err
				}()
			}
			e1, e2 := <-errs, <-errs
			if (e1 == nil) == (e2 == nil) {
				t.Fatalf("both or neither succeeded: %v / %v", e1, e2)
			}
			loser := e1
			if loser == nil {
				loser = e2
			}
			if fault.KindOf(loser) != fault.Conflict {
				t.Fatalf("the loser got %v, want a conflict", loser)
			}
		})
	}
}

func TestAssignOnlyToOfficersOfTheDossier(t *testing.T) {
	ctx := context.Background()
	e := storetest.SQLite(t, storetest.Options{})
	w := setup(t, e)
	acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	for _, u := range []account.UserInput{
		{Username: "nguoila", FullName: "Người Lạ", UnitCode: "000.32.21.H06", Roles: []string{"specialist"}, Password: "12345678"},
	} {
		if _, err := acc.CreateUser(ctx, account.System("t"), u); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
	d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Act(ctx, w.staff["tiepnhan"], d.Code, dossier.ActTransfer, 0, nil, now); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"nguoila", "khongco"} {
		_, err := w.svc.Act(ctx, w.staff["truongphong"], d.Code, dossier.ActAssign, 0, []byte(`{"assignee":"`+who+`"}`), now)
		if fault.As(err).Fields["assignee"].Key != "dossier.assignee.invalid" {
			t.Fatalf("assigned to %s: %v", who, err)
		}
	}
	d, err = w.svc.Act(ctx, w.staff["truongphong"], d.Code, dossier.ActAssign, 0, []byte(`{"assignee":"chuyenvien"}`), now)
	if err != nil {
		t.Fatal(err)
	}
	if st := d.Steps[d.CurrentStep()]; st.Assignee != "chuyenvien" || st.AssigneeName != "chuyenvien" {
		t.Fatalf("assigned step: %+v", st)
	}
}
