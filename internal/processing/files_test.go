package processing_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/processing"
	"motcua/internal/store/storetest"
)

// failingInsert is a store whose inserts fail after the files were stored.
type failingInsert struct{ processing.Store }

func (failingInsert) InsertDossier(context.Context, account.Principal, dossier.Dossier, []dossier.Event, string, time.Time) (dossier.Dossier, error) {
	return dossier.Dossier{}, errors.New("disk full")
}

// scan stages a small PNG whose pixel makes its content (and so its id) distinct.
func scan(t *testing.T, shade uint8, component string) processing.Scan {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	img.Pix[0] = shade
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	st, err := attachment.Stage("files[0]", &buf, "Giấy chứng sinh.png", "image/png", attachment.Limits{TempDir: t.TempDir()}, "tiepnhan", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Discard)
	return processing.Scan{Staged: st, Component: component}
}

// Scans are stored with the dossier they came with, named on its reception event and readable by
// the officers who see the dossier; a reception that fails keeps none of them.
func TestScansAtReception(t *testing.T) {
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

			bad := w.filing()
			bad.Applicant.Phone = "12ab"
			bad.Scans = []processing.Scan{scan(t, 1, "")}
			if _, err := w.svc.Receive(ctx, w.staff["tiepnhan"], bad, now); err == nil {
				t.Fatal("bad phone accepted")
			}
			failing := *w.svc
			failing.Store = failingInsert{w.svc.Store}
			in := w.filing()
			in.Scans = []processing.Scan{scan(t, 2, "")}
			if _, err := failing.Receive(ctx, w.staff["tiepnhan"], in, now); err == nil {
				t.Fatal("failed insert reported success")
			}
			for _, sc := range append(bad.Scans, in.Scans...) {
				if ok, _ := blobs.Exists(ctx, sc.Staged.File().ID); ok {
					t.Fatalf("a failed reception left file %s", sc.Staged.File().Name)
				}
			}

			in = w.filing()
			in.Scans = []processing.Scan{scan(t, 3, in.Components[0].Name), scan(t, 4, "")}
			d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], in, now)
			if err != nil {
				t.Fatal(err)
			}
			got, events, err := w.svc.Get(ctx, w.staff["truongphong"], d.Code)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Files) != 2 || got.Files[0].Component != in.Components[0].Name || got.Files[0].Type != "image/png" ||
				got.Files[0].Purpose != dossier.FileComponent || got.Files[0].UploadedBy != "tiepnhan" || len(events[0].Attachments) != 2 {
				t.Fatalf("files %+v, event attachments %v", got.Files, events[0].Attachments)
			}
			id := got.Files[1].ID
			if ok, _ := blobs.Exists(ctx, id); !ok {
				t.Fatal("content not stored")
			}
			if f, err := w.svc.File(ctx, w.staff["chuyenvien"], d.Code, id); err != nil || f.ID != id {
				t.Fatalf("officer of the dossier opening a file: %v", err)
			}
			if _, err := w.svc.File(ctx, w.staff["kinhbac"], d.Code, id); err == nil {
				t.Fatal("another commune opened the file")
			}
			if _, err := w.svc.File(ctx, w.staff["chuyenvien"], d.Code, bad.Scans[0].Staged.File().ID); err == nil {
				t.Fatal("a file of no dossier was served")
			}
		})
	}
}

// Result files come with the result; an action that takes no files refuses them and stores nothing.
func TestFilesWithActions(t *testing.T) {
	ctx := context.Background()
	e := storetest.SQLite(t, storetest.Options{})
	w := setup(t, e)
	blobs, err := attachment.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w.svc.Files = blobs
	now := time.Date(2026, 3, 9, 9, 0, 0, 0, ict)
	d, err := w.svc.Receive(ctx, w.staff["tiepnhan"], w.filing(), now)
	if err != nil {
		t.Fatal(err)
	}
	stray := scan(t, 9, "")
	if _, err := w.svc.ActWithFiles(ctx, w.staff["tiepnhan"], d.Code, dossier.ActTransfer, 0, []byte(`{}`), []processing.Scan{stray}, now.Add(time.Hour)); err == nil {
		t.Fatal("a transfer took files")
	}
	if ok, _ := blobs.Exists(ctx, stray.Staged.File().ID); ok {
		t.Fatal("a refused file was stored")
	}
	d, err = w.svc.Act(ctx, w.staff["tiepnhan"], d.Code, dossier.ActTransfer, 0, []byte(`{}`), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if d, err = w.svc.Act(ctx, w.staff["truongphong"], d.Code, dossier.ActAssign, 0, []byte(`{"assignee":"chuyenvien"}`), now.Add(90*time.Minute)); err != nil {
		t.Fatal(err)
	}
	for i := 0; d.CurrentStep() >= 0 && i < 10; i++ {
		who := map[string]string{"specialist": "chuyenvien", "head": "truongphong", "leader": "lanhdao", "clerk": "vanthu"}[d.Steps[d.CurrentStep()].Role]
		if who == "" {
			break
		}
		if d, err = w.svc.Act(ctx, w.staff[who], d.Code, dossier.ActCompleteStep, 0, []byte(`{}`), now.Add(time.Duration(100+i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	result := scan(t, 10, "")
	body := []byte(`{"results":[{"name":"Bản sao trích lục","number":"15/BS"}]}`)
	d, err = w.svc.ActWithFiles(ctx, w.staff["vanthu"], d.Code, dossier.ActResultReady, 0, body, []processing.Scan{result}, now.Add(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Files) != 1 || d.Files[0].Purpose != dossier.FileResult {
		t.Fatalf("files after the result: %+v", d.Files)
	}
}
