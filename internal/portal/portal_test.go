package portal_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"sync"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/portal"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/store/storetest"
	"motcua/internal/throttle"
	"motcua/internal/workcal"
)

// onlineCode is a sample procedure with an online channel and two mandatory components.
const onlineCode = "2.000635"

// monday is a working Monday morning in Vietnam.
var monday = time.Date(2026, 3, 9, 9, 0, 0, 0, calendar.Location)

type world struct {
	svc   *portal.Service
	e     storetest.Engine
	proc  procedure.Procedure
	tmp   string
	files attachment.Blobs
}

func setup(t *testing.T, e storetest.Engine) world {
	t.Helper()
	ctx, sys := context.Background(), account.System("t")
	acc := &account.Service{Store: e.DB, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := acc.CreateUnit(ctx, sys, in, monday); err != nil {
			t.Fatal(err)
		}
	}
	cat := &catalog.Service{Store: e.DB}
	if _, _, err := cat.Import(ctx, sys, "catalog-sample.json", procedure.SampleCatalog, nil, time.Date(2026, 1, 1, 9, 0, 0, 0, calendar.Location)); err != nil {
		t.Fatal(err)
	}
	blobs, err := attachment.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dossiers := &processing.Service{Store: e.DB, Catalog: cat, Calendar: &workcal.Service{Store: e.DB}, Rand: rand.Reader, Files: blobs}
	proc, err := cat.Published(ctx, onlineCode)
	if err != nil {
		t.Fatal(err)
	}
	return world{svc: &portal.Service{Store: e.DB, Dossiers: dossiers}, e: e, proc: proc, tmp: t.TempDir(), files: blobs}
}

// pdf is a small valid PDF whose content (and so whose hash) depends on n.
func pdf(n int) []byte {
	return fmt.Appendf(nil, "%%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%% scan %d\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n", n)
}

// stage stages content as an upload for component j.
func (w world) stage(t *testing.T, j int, name string, content []byte) portal.NewUpload {
	t.Helper()
	st, err := attachment.Stage(portal.ComponentField(j), bytes.NewReader(content), name, "", attachment.Limits{TempDir: w.tmp}, "portal", monday)
	if err != nil {
		t.Fatal(err)
	}
	return portal.NewUpload{Component: j, Staged: st}
}

// complete is the data of a citizen ready to file.
func complete() portal.Data {
	return portal.Data{Kind: "citizen", Name: "Nguyễn Thị Hoa", IDNumber: "027190001234", Phone: "0912 345 678",
		Email: "hoa.nguyen@example.vn", Address: "Thôn Đông, xã Tiên Du, tỉnh Bắc Ninh", ReturnMethod: "desk"}
}

// ready starts a draft and saves complete data with a file for every component.
func (w world) ready(t *testing.T, seed int) portal.Draft {
	t.Helper()
	ctx := context.Background()
	d, err := w.svc.Start(ctx, onlineCode, monday)
	if err != nil {
		t.Fatal(err)
	}
	var ups []portal.NewUpload
	for j := range w.proc.Components {
		ups = append(ups, w.stage(t, j, fmt.Sprintf("giay-to-%d.pdf", j+1), pdf(seed*10+j)))
	}
	if d, err = w.svc.Save(ctx, d.Token, "000.31.21.H06", complete(), ups, monday.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	return d
}

func field(err error, name string) string { return fault.As(err).Fields[name].Key }

func TestDraftSaveReviewSubmit(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			if _, err := w.svc.Start(ctx, "9.990001", monday); !fault.Is(err, fault.NotFound) {
				t.Fatalf("a procedure without an online channel must not start a draft: %v", err)
			}
			d, err := w.svc.Start(ctx, onlineCode, monday)
			if err != nil {
				t.Fatal(err)
			}
			if !portal.ValidToken(d.Token) || d.Data.Kind != "citizen" || d.Data.ReturnMethod != "desk" {
				t.Fatalf("new draft: %+v", d)
			}
			other := "A" + d.Token[1:]
			if other == d.Token {
				other = "B" + d.Token[1:]
			}
			if _, err := w.svc.Get(ctx, other, monday); !fault.Is(err, fault.NotFound) {
				t.Fatalf("another token: %v", err)
			}

			// Bad values are reported field by field, and kept with the good ones and the upload.
			bad := complete()
			bad.Phone, bad.IDNumber, bad.Email = "09123", "12345", "hoa@"
			_, err = w.svc.Save(ctx, d.Token, "000.31.21.H06", bad, []portal.NewUpload{w.stage(t, 0, "to-khai.pdf", pdf(1))}, monday.Add(time.Minute))
			for f, key := range map[string]string{portal.FieldPhone: "dossier.applicant.phone.invalid", portal.FieldIDNumber: "dossier.applicant.id_number.invalid",
				portal.FieldEmail: "dossier.applicant.email.invalid"} {
				if got := field(err, f); got != key {
					t.Errorf("%s: got %q, want %q (%v)", f, got, key, err)
				}
			}
			got, err := w.svc.Get(ctx, d.Token, monday.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got.Data.Name != bad.Name || got.Data.Phone != "09123" || got.UnitCode != "000.31.21.H06" {
				t.Fatalf("saved draft lost data: %+v", got)
			}
			if u, ok := got.Data.Upload(0); !ok || u.File.Name != "to-khai.pdf" || u.Name != w.proc.Components[0].Name {
				t.Fatalf("upload not kept: %+v", got.Data.Uploads)
			}

			// Review lists everything missing at once.
			post := complete()
			post.ReturnMethod, post.Phone = "post", ""
			if _, err := w.svc.Save(ctx, d.Token, "000.99.99.H06", post, nil, monday.Add(2*time.Minute)); field(err, portal.FieldUnit) != "portal.unit.not_applied" {
				t.Fatalf("unit not applying the procedure: %v", err)
			}
			_, _, err = w.svc.Review(ctx, d.Token, monday.Add(3*time.Minute))
			for f, key := range map[string]string{portal.FieldPhone: "dossier.required", portal.FieldReturnAddress: "dossier.return_address.required",
				portal.ComponentField(1): "dossier.component.missing", portal.FieldUnit: "portal.unit.not_applied"} {
				if got := field(err, f); got != key {
					t.Errorf("review %s: got %q, want %q (%v)", f, got, key, err)
				}
			}
			if _, _, err := w.svc.Submit(ctx, d.Token, "10.0.0.1", monday.Add(3*time.Minute)); !fault.Is(err, fault.Invalid) {
				t.Fatalf("incomplete draft filed: %v", err)
			}

			post.Phone, post.ReturnAddress = "0912345678", "Số 5 đường Lý Thái Tổ, phường Kinh Bắc"
			if _, err := w.svc.Save(ctx, d.Token, "000.31.21.H06", post, []portal.NewUpload{w.stage(t, 1, "giay-uy-quyen.pdf", pdf(2))}, monday.Add(4*time.Minute)); err != nil {
				t.Fatal(err)
			}
			filed, fresh, err := w.svc.Submit(ctx, d.Token, "10.0.0.1", monday.Add(5*time.Minute))
			if err != nil || !fresh || filed.DossierCode == "" || filed.LookupSecret == "" {
				t.Fatalf("submit: %+v %v %v", filed, fresh, err)
			}
			again, fresh, err := w.svc.Submit(ctx, d.Token, "10.0.0.1", monday.Add(6*time.Minute))
			if err != nil || fresh || again.DossierCode != filed.DossierCode || again.LookupSecret != filed.LookupSecret {
				t.Fatalf("second submit: %+v %v %v", again, fresh, err)
			}
			if _, err := w.svc.Save(ctx, d.Token, "000.31.21.H06", post, nil, monday.Add(7*time.Minute)); !fault.Is(err, fault.Conflict) {
				t.Fatalf("save after filing: %v", err)
			}

			dd, events, err := w.svc.Dossiers.Lookup(ctx, filed.DossierCode, filed.LookupSecret)
			if err != nil {
				t.Fatal(err)
			}
			if dd.Status != dossier.StatusSubmitted || dd.Channel != dossier.ChannelOnline ||
				len(events) != 1 || events[0].Action != dossier.ActSubmit || !events[0].At.Equal(monday.Add(5*time.Minute)) {
				t.Fatalf("filed dossier: %+v %+v", dd, events)
			}
			full, err := e.DB.DossierByCode(ctx, filed.DossierCode)
			if err != nil {
				t.Fatal(err)
			}
			if len(full.Files) != 2 || full.Files[1].Name != "giay-uy-quyen.pdf" || full.Applicant.Phone != "0912345678" || full.ReturnMethod != dossier.ReturnByPost {
				t.Fatalf("files and applicant of the dossier: %+v %+v", full.Files, full.Applicant)
			}
			for _, f := range full.Files {
				if ok, err := w.files.Exists(ctx, f.ID); !ok || err != nil {
					t.Fatalf("content of %s not stored: %v", f.Name, err)
				}
			}
		})
	}
}

// Pressing submit many times at once files exactly one dossier, and every press sees its code.
func TestConcurrentSubmitFilesOnce(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			d := w.ready(t, 1)
			const presses = 8
			var wg sync.WaitGroup
			codes, fresh, errs := make([]string, presses), make([]bool, presses), make([]error, presses)
			for i := range presses {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var got portal.Draft
					got, fresh[i], errs[i] = w.svc.Submit(ctx, d.Token, "10.0.0.2", monday.Add(10*time.Minute))
					codes[i] = got.DossierCode
				}()
			}
			wg.Wait()
			filedNow := 0
			for i := range presses {
				if errs[i] != nil {
					t.Fatalf("press %d: %v", i, errs[i])
				}
				if codes[i] == "" || codes[i] != codes[0] {
					t.Fatalf("press %d saw code %q, press 0 %q", i, codes[i], codes[0])
				}
				if fresh[i] {
					filedNow++
				}
			}
			if filedNow != 1 {
				t.Fatalf("%d presses filed a dossier, want 1", filedNow)
			}
			_, total, err := e.DB.ListDossiers(ctx, processing.Query{Units: []string{"000.31.21.H06"}, Limit: 10})
			if err != nil || total != 1 {
				t.Fatalf("dossiers stored: %d, %v", total, err)
			}
		})
	}
}

func TestDraftsExpire(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := setup(t, e)
			old, err := w.svc.Start(ctx, onlineCode, monday)
			if err != nil {
				t.Fatal(err)
			}
			recent, err := w.svc.Start(ctx, onlineCode, monday.AddDate(0, 0, 20))
			if err != nil {
				t.Fatal(err)
			}
			later := monday.AddDate(0, 0, 31)
			tests := []struct {
				name  string
				token string
				at    time.Time
				found bool
			}{
				{"old draft on day 29", old.Token, monday.AddDate(0, 0, 29), true},
				{"old draft after 30 days, before the sweep", old.Token, later, false},
				{"recent draft", recent.Token, later, true},
			}
			for _, tt := range tests {
				if _, err := w.svc.Get(ctx, tt.token, tt.at); (err == nil) != tt.found {
					t.Errorf("%s: %v", tt.name, err)
				}
			}
			n, err := w.svc.Expire(ctx, later)
			if err != nil || n != 1 {
				t.Fatalf("expired %d drafts, %v; want 1", n, err)
			}
			if _, err := e.DB.Draft(ctx, old.Token); !fault.Is(err, fault.NotFound) {
				t.Fatalf("old draft still stored: %v", err)
			}
			if _, err := e.DB.Draft(ctx, recent.Token); err != nil {
				t.Fatalf("recent draft deleted: %v", err)
			}
		})
	}
}

// One address may file only so many dossiers in a while; replaying a filed draft does not count.
func TestSubmissionsThrottled(t *testing.T) {
	e := storetest.SQLite(t, storetest.Options{})
	ctx := context.Background()
	w := setup(t, e)
	w.svc.Submissions = throttle.New(1, time.Hour)
	first, second := w.ready(t, 1), w.ready(t, 2)
	if _, fresh, err := w.svc.Submit(ctx, first.Token, "10.0.0.3", monday.Add(time.Hour)); err != nil || !fresh {
		t.Fatalf("first: %v", err)
	}
	if _, _, err := w.svc.Submit(ctx, first.Token, "10.0.0.3", monday.Add(time.Hour)); err != nil {
		t.Fatalf("replay of a filed draft: %v", err)
	}
	if _, _, err := w.svc.Submit(ctx, second.Token, "10.0.0.3", monday.Add(time.Hour)); fault.As(err).Message.Key != "portal.submit.throttled" {
		t.Fatalf("second filing from the address: %v", err)
	}
	if _, fresh, err := w.svc.Submit(ctx, second.Token, "10.0.0.4", monday.Add(time.Hour)); err != nil || !fresh {
		t.Fatalf("another address: %v", err)
	}
}
