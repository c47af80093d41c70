package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/store/storetest"
)

// The public lookup reads the timeline kept on the dossier's row: the public events of the reception
// and of every later change, in order, without the private ones; a row stored before the timeline was
// kept (an empty timeline) gives the same events from dossier_events.
func TestLookupTimeline(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 2, h, 15, 0, 0, ict) }
	for _, e := range storetest.Engines(t, storetest.Options{}) {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			sys := account.System("test")
			d := dossier.Dossier{LookupSecret: "ABC123", ProcedureCode: "2.000635", ProcedureVersion: 1, FieldName: "Hộ tịch",
				ReceivingUnit: "000.31.21.H06", CompetentUnit: "000.31.21.H06", Channel: dossier.ChannelInPerson, Status: dossier.StatusReceived,
				Applicant: dossier.Applicant{Name: "Vũ Thị Hoa"}, ReceivedAt: at(8), DueAt: at(16), OriginalDueAt: at(16)}
			stored, err := e.DB.InsertDossier(ctx, sys, d, []dossier.Event{
				{At: at(8), Actor: "tiepnhan", Action: dossier.ActReceive, From: 0, To: dossier.StatusReceived, Note: "đủ giấy tờ"},
			}, "", at(8))
			if err != nil {
				t.Fatal(err)
			}
			after := stored
			after.Status = dossier.StatusProcessing
			if _, err := e.DB.UpdateDossier(ctx, sys, stored, after, []dossier.Event{
				{At: at(9), Actor: "tiepnhan", Action: dossier.ActTransfer, From: dossier.StatusReceived, To: dossier.StatusProcessing},
				{At: at(10), Actor: "chuyenvien", Action: dossier.ActCompleteStep, From: dossier.StatusProcessing, To: dossier.StatusProcessing, Private: true, Note: "ghi chú nội bộ"},
			}); err != nil {
				t.Fatal(err)
			}
			want := []dossier.Event{
				{At: at(8), Action: dossier.ActReceive, To: dossier.StatusReceived},
				{At: at(9), Action: dossier.ActTransfer, From: dossier.StatusReceived, To: dossier.StatusProcessing},
			}
			check := func(how string) {
				t.Helper()
				got, events, err := e.DB.LookupDossier(ctx, stored.Code)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != dossier.StatusProcessing || got.Applicant.Name != "Vũ Thị Hoa" || !got.DueAt.Equal(at(16)) {
					t.Errorf("%s: dossier %+v", how, got)
				}
				same := slices.EqualFunc(events, want, func(a, b dossier.Event) bool {
					return a.At.Equal(b.At) && a.Action == b.Action && a.From == b.From && a.To == b.To && !a.Private && a.Note == "" && a.Actor == ""
				})
				if !same {
					t.Errorf("%s: events\n got %+v\nwant %+v", how, events, want)
				}
			}
			check("from the row's timeline")
			raw := storetest.RawWriter(t, e)
			if _, err := raw.ExecContext(ctx, `UPDATE dossiers SET timeline = '' WHERE code = $1`, stored.Code); err != nil {
				t.Fatal(err)
			}
			check("from the events of a row stored before the timeline")
		})
	}
}
