package dossier

import (
	"testing"

	"motcua/internal/fault"
)

func TestDeskGuidanceForAWalkIn(t *testing.T) {
	in := filing()
	in.Components = in.Components[:1] // the identity paper is missing
	items := MissingComponents(threeDays(), "", in.Components)
	g, err := DeskGuidance(GuidanceInput{Items: items, Contact: "0243 825 1234", Applicant: in.Applicant},
		reception, threeDays(), mar(2, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if g.Stage != "reception" || g.DossierCode != "" || g.ProcedureCode != "9.990004" || g.Officer != "lan" ||
		g.OfficerName != "Nguyễn Thị Lan" || g.Applicant.Name != "Nguyễn Văn An" || len(g.Items) != 1 ||
		g.Items[0].Name != "Giấy tờ tùy thân" {
		t.Errorf("guidance = %+v", g)
	}
	sameTime(t, "At", g.At, mar(2, 9, 0))
}

func TestGuidanceValidation(t *testing.T) {
	app := filing().Applicant
	tests := []struct {
		name  string
		in    GuidanceInput
		field string
		key   string
	}{
		{"no item", GuidanceInput{Applicant: app}, "items", "dossier.guidance.items.required"},
		{"item without reason", GuidanceInput{Applicant: app, Items: []GuidanceItem{{Name: "Tờ khai"}}}, "items[0].reason", "dossier.required"},
		{"item without name", GuidanceInput{Applicant: app, Items: []GuidanceItem{{Reason: "thiếu"}}}, "items[0].name", "dossier.required"},
		{"negative count", GuidanceInput{Applicant: app, Items: []GuidanceItem{{Name: "Tờ khai", Reason: "x", Copies: -1}}}, "items[0]", "dossier.component.count.negative"},
		{"applicant without name", GuidanceInput{Items: []GuidanceItem{{Name: "Tờ khai", Reason: "x"}}, Applicant: Applicant{Kind: ApplicantCitizen}}, "applicant.name", "dossier.required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DeskGuidance(tt.in, reception, threeDays(), mar(2, 9, 0))
			wantField(t, err, tt.field, tt.key)
		})
	}
	_, err := DeskGuidance(tests[1].in, specialist, threeDays(), mar(2, 9, 0))
	wantFault(t, err, fault.Forbidden, "dossier.role.forbidden")
}

// online is a dossier submitted online on Monday 2 March 09:00.
func online(t *testing.T) Dossier {
	t.Helper()
	in := filing()
	in.ReceivingUnit = "000.17.22.H56"
	d, evs, err := Submit(in, applicant, threeDays(), cal, mar(2, 9, 0))
	return ok(t, d, evs, err)
}

func TestGuideOnlineDossierThenResubmit(t *testing.T) {
	d := online(t)
	items := []GuidanceItem{{Name: "Giấy tờ tùy thân", Copies: 1, Reason: "Ảnh chụp mờ, không đọc được"}}
	g, evs, err := GuideSupplementAtDesk(d, GuidanceInput{Items: items}, reception, cal, mar(2, 14, 0))
	g = ok(t, g, evs, err)
	if g.Status != StatusSubmitted || g.Code != d.Code || len(g.Guidances) != 1 || g.AwaitingDesk() || g.CorrectionLate {
		t.Fatalf("after guidance: %+v", g)
	}
	if gd := g.Guidances[0]; gd.DossierCode != d.Code || gd.Items[0].Reason != items[0].Reason {
		t.Errorf("guidance = %+v", gd)
	}
	if evs[0].From != StatusSubmitted || evs[0].To != StatusSubmitted || evs[0].Action != ActGuideSupplement {
		t.Errorf("event = %+v", evs[0])
	}
	if g.CorrectionOverdue(mar(9, 9, 0)) {
		t.Error("a dossier awaiting the applicant is not overdue for the desk")
	}

	in := filing()
	r, evs, err := Resubmit(g, in, applicant, threeDays(), cal, mar(4, 20, 0))
	r = ok(t, r, evs, err)
	if !r.AwaitingDesk() || r.Code != d.Code || r.LookupSecret != d.LookupSecret {
		t.Errorf("after resubmission: awaiting %v code %q", r.AwaitingDesk(), r.Code)
	}
	sameTime(t, "CorrectionDueAt", r.CorrectionDueAt, mar(5, 17, 0)) // Thursday 07:00 + 8h: its closing
	sameTime(t, "SubmittedAt", r.SubmittedAt, mar(4, 20, 0))
}

func TestGuidanceAfterTheDeskDeadlineIsFlagged(t *testing.T) {
	d := online(t) // correction due Tuesday 09:00
	items := []GuidanceItem{{Name: "Tờ khai", Reason: "Thiếu chữ ký"}}
	g, evs, err := GuideSupplementAtDesk(d, GuidanceInput{Items: items}, reception, cal, mar(3, 9, 30))
	g = ok(t, g, evs, err)
	if !g.CorrectionLate {
		t.Error("guidance after CorrectionDueAt must set CorrectionLate")
	}
}

func TestRefuseAtReception(t *testing.T) {
	t.Run("walk-in", func(t *testing.T) {
		in := RefusalInput{Reasons: []string{"Không thuộc thẩm quyền giải quyết", " "}, Channel: ChannelInPerson,
			Applicant: Applicant{Kind: ApplicantCitizen, Name: "Nguyễn Văn An"}}
		d, evs, err := RefuseAtReception(Dossier{}, in, reception, threeDays(), cal, mar(2, 9, 0))
		d = ok(t, d, evs, err)
		if d.Status != StatusRejected || d.Code != "" || d.ProcedureCode != "9.990004" || d.ReceivingUnit != "000.17.22.H56" {
			t.Errorf("dossier = %+v", d)
		}
		if d.Refusal.Stage != "reception" || len(d.Refusal.Reasons) != 1 || d.Outcome != "" || !d.End().IsZero() || d.Classification() != "" {
			t.Errorf("refusal %+v outcome %q", d.Refusal, d.Outcome)
		}
		if evs[0].Note != "Không thuộc thẩm quyền giải quyết" || evs[0].From != None || evs[0].To != StatusRejected {
			t.Errorf("event = %+v", evs[0])
		}
	})
	t.Run("online", func(t *testing.T) {
		d, evs, err := RefuseAtReception(online(t), RefusalInput{Reasons: []string{"Hồ sơ giả mạo"}}, reception, threeDays(), cal, mar(2, 10, 0))
		d = ok(t, d, evs, err)
		if d.Status != StatusRejected || d.Channel != ChannelOnline || evs[0].From != StatusSubmitted {
			t.Errorf("dossier %v event %+v", d.Status, evs[0])
		}
	})
	t.Run("no reason", func(t *testing.T) {
		_, _, err := RefuseAtReception(online(t), RefusalInput{Reasons: []string{""}}, reception, threeDays(), cal, mar(2, 10, 0))
		wantField(t, err, "reasons", "dossier.reasons.required")
	})
	t.Run("walk-in online", func(t *testing.T) {
		in := RefusalInput{Reasons: []string{"x"}, Channel: ChannelOnline, Applicant: Applicant{Kind: ApplicantCitizen, Name: "An"}}
		_, _, err := RefuseAtReception(Dossier{}, in, reception, threeDays(), cal, mar(2, 10, 0))
		wantField(t, err, "channel", "dossier.channel.invalid")
	})
}
