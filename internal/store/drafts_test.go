package store_test

import (
	"context"
	"testing"
	"time"

	"motcua/internal/attachment"
	"motcua/internal/fault"
	"motcua/internal/portal"
	"motcua/internal/store/storetest"
)

// Online drafts are stored with everything entered (the uploads by content hash), changed until
// filed, and deleted once expired. Filing them once under concurrency is tested in package portal.
func TestPortalDrafts(t *testing.T) {
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx, db := context.Background(), e.DB
			t0 := time.Date(2026, 3, 9, 2, 0, 0, 0, time.UTC)
			upload := portal.Upload{Component: 1, Name: "Tờ khai", File: attachment.File{ID: "ab12", Name: "to-khai.pdf", Size: 2048, Type: "application/pdf", UploadedBy: "applicant", UploadedAt: t0}}
			old := portal.Draft{Token: "AAAAAAAAAAAAAAAAAAAAAA", ProcedureCode: "2.000635", CreatedAt: t0, UpdatedAt: t0,
				Data: portal.Data{Kind: "citizen", Name: "Lê Thị Mai"}}
			recent := portal.Draft{Token: "BBBBBBBBBBBBBBBBBBBBBB", ProcedureCode: "9.990002", UnitCode: "000.31.21.H06", CreatedAt: t0.AddDate(0, 0, 20),
				UpdatedAt: t0.AddDate(0, 0, 20), Data: portal.Data{Kind: "citizen", Name: "Trần Văn Hùng", Uploads: []portal.Upload{upload}}}
			for _, d := range []portal.Draft{old, recent} {
				if err := db.InsertDraft(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.InsertDraft(ctx, old); !fault.Is(err, fault.Conflict) {
				t.Fatalf("token reused: %v", err)
			}
			old.UnitCode, old.Data.Phone, old.UpdatedAt = "000.32.21.H06", "0912345678", t0.Add(time.Hour)
			if err := db.UpdateDraft(ctx, old); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name  string
				token string
				check func(portal.Draft) bool
				err   fault.Kind
			}{
				{"changed draft", old.Token, func(d portal.Draft) bool {
					return d.UnitCode == "000.32.21.H06" && d.Data.Phone == "0912345678" && d.Data.Name == "Lê Thị Mai" && d.UpdatedAt.Equal(t0.Add(time.Hour)) && !d.Submitted()
				}, ""},
				{"draft with an upload", recent.Token, func(d portal.Draft) bool {
					u, ok := d.Data.Upload(1)
					return ok && u.File.ID == "ab12" && u.File.Name == "to-khai.pdf" && u.File.UploadedAt.Equal(t0) && d.CreatedAt.Equal(t0.AddDate(0, 0, 20))
				}, ""},
				{"unknown token", "CCCCCCCCCCCCCCCCCCCCCC", nil, fault.NotFound},
			}
			for _, tt := range tests {
				got, err := db.Draft(ctx, tt.token)
				if tt.err != "" {
					if !fault.Is(err, tt.err) {
						t.Errorf("%s: %v, want %s", tt.name, err, tt.err)
					}
					continue
				}
				if err != nil || !tt.check(got) {
					t.Errorf("%s: %+v %v", tt.name, got, err)
				}
			}
			if err := db.UpdateDraft(ctx, portal.Draft{Token: "CCCCCCCCCCCCCCCCCCCCCC"}); !fault.Is(err, fault.NotFound) {
				t.Fatalf("update of an unknown draft: %v", err)
			}
			n, err := db.DeleteDraftsBefore(ctx, t0.AddDate(0, 0, 10))
			if err != nil || n != 1 {
				t.Fatalf("deleted %d, %v; want 1", n, err)
			}
			if _, err := db.Draft(ctx, old.Token); !fault.Is(err, fault.NotFound) {
				t.Fatalf("expired draft still there: %v", err)
			}
			if _, err := db.Draft(ctx, recent.Token); err != nil {
				t.Fatalf("recent draft deleted: %v", err)
			}
		})
	}
}
