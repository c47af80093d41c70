package dossier

import (
	"testing"
	"time"

	"motcua/internal/fault"
	"motcua/internal/procedure"
)

func TestReceiveMondayMorningThreeWorkingDays(t *testing.T) {
	d, evs, err := Receive(Dossier{}, filing(), reception, threeDays(), cal, mar(2, 9, 0))
	d = ok(t, d, evs, err)
	if d.Status != StatusReceived || d.Channel != ChannelInPerson || d.Code != "000.17.22.H56-260302-0001" {
		t.Fatalf("got status %v, channel %v, code %q", d.Status, d.Channel, d.Code)
	}
	sameTime(t, "ReceivedAt", d.ReceivedAt, mar(2, 9, 0))
	sameTime(t, "ClockStart", d.ClockStart, mar(2, 9, 0))
	sameTime(t, "DueAt", d.DueAt, mar(5, 9, 0))
	sameTime(t, "OriginalDueAt", d.OriginalDueAt, mar(5, 9, 0))
	if len(d.DueHistory) != 1 || d.DueHistory[0].Reason != DueReceived {
		t.Errorf("DueHistory = %+v", d.DueHistory)
	}
	want := Rules{Time: 3, Unit: procedure.WorkingDay, SupplementPolicy: procedure.Restart, SupplementDays: 15}
	if d.Rules != want || d.ProcedureVersion != 2 || d.FieldName != "Hộ tịch" {
		t.Errorf("Rules = %+v, version %d, field %q", d.Rules, d.ProcedureVersion, d.FieldName)
	}
	if d.ReceivingUnit != "000.17.22.H56" || d.CompetentUnit != "000.17.22.H56" || d.Sets != 1 || d.ReturnMethod != ReturnAtDesk {
		t.Errorf("units %q %q, sets %d, return %q", d.ReceivingUnit, d.CompetentUnit, d.Sets, d.ReturnMethod)
	}
	if d.Applicant.Phone != "0912345678" {
		t.Errorf("phone not normalised: %q", d.Applicant.Phone)
	}
	// The checklist: the procedure's four components (the divorce judgement
	// listed but optional, no case chosen), two provided.
	provided := []bool{true, true, false, false}
	if len(d.Components) != 4 {
		t.Fatalf("Components = %+v", d.Components)
	}
	for i, c := range d.Components {
		if c.Provided != provided[i] {
			t.Errorf("component %q provided = %v", c.Name, c.Provided)
		}
	}
	if d.Components[3].Mandatory {
		t.Error("a component of a case not chosen must be optional")
	}
	// The workflow: the reception step runs, with 2 working hours.
	if len(d.Steps) != 4 || d.CurrentStep() != 0 {
		t.Fatalf("Steps = %+v", d.Steps)
	}
	sameTime(t, "step 1 due", d.Steps[0].Due, mar(2, 11, 0))
	e := evs[0]
	if e.Action != ActReceive || e.From != None || e.To != StatusReceived || e.Actor != "lan" || e.ActorUnit != "000.17.22.H56" || e.Private {
		t.Errorf("event = %+v", e)
	}
}

func TestReceiveDeadlines(t *testing.T) {
	withCutoff := threeDays()
	withCutoff.CutoffHour = "15:00"
	tests := []struct {
		name       string
		p          procedure.Procedure
		at         time.Time
		start, due time.Time
	}{
		{"same day before the cut-off", sameDay(), mar(2, 14, 59), mar(2, 14, 59), mar(2, 17, 0)},
		{"same day at the cut-off exactly", sameDay(), mar(2, 15, 0), mar(2, 15, 0), mar(2, 17, 0)},
		{"same day after the cut-off: next working day", sameDay(), mar(2, 15, 30), mar(3, 7, 0), mar(3, 17, 0)},
		{"same day, Friday after the cut-off: Monday", sameDay(), mar(6, 16, 0), mar(9, 7, 0), mar(9, 17, 0)},
		{"same day on Saturday: Monday", sameDay(), mar(7, 9, 0), mar(9, 7, 0), mar(9, 17, 0)},
		{"3 days after the cut-off: Tuesday 07:00 + 24h", withCutoff, mar(2, 16, 0), mar(3, 7, 0), mar(5, 17, 0)},
		{"3 days without cut-off at 16:00", threeDays(), mar(2, 16, 0), mar(2, 16, 0), mar(5, 16, 0)},
		// 3.5h on Monday, 8h Tuesday and Wednesday, 4.5h Thursday morning.
		{"3 days during lunch: from 13:30", threeDays(), mar(2, 12, 0), mar(2, 13, 30), mar(5, 11, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, evs, err := Receive(Dossier{}, filing(), reception, tt.p, cal, tt.at)
			d = ok(t, d, evs, err)
			sameTime(t, "ClockStart", d.ClockStart, tt.start)
			sameTime(t, "DueAt", d.DueAt, tt.due)
			sameTime(t, "ReceivedAt", d.ReceivedAt, tt.at)
		})
	}
}

func TestOnlineCorrectionDeadline(t *testing.T) {
	tests := []struct {
		name    string
		arrival time.Time
		due     time.Time
	}{
		// Saturday night: the 8 hours start Monday 07:00 and, across the
		// lunch break, end at Monday's closing.
		{"Saturday night", mar(7, 22, 0), mar(9, 17, 0)},
		{"Monday 10:00", mar(2, 10, 0), mar(3, 10, 0)},
		{"Friday 16:00", mar(6, 16, 0), mar(9, 16, 0)},
		{"Tuesday 06:00", mar(3, 6, 0), mar(3, 17, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := filing()
			in.Channel = 0 // ignored: online
			in.ReceivingUnit = "000.17.22.H56"
			d, evs, err := Submit(in, applicant, threeDays(), cal, tt.arrival)
			d = ok(t, d, evs, err)
			if d.Status != StatusSubmitted || d.Channel != ChannelOnline || !d.AwaitingDesk() {
				t.Fatalf("status %v channel %v", d.Status, d.Channel)
			}
			sameTime(t, "CorrectionDueAt", d.CorrectionDueAt, tt.due)
			if d.CorrectionOverdue(tt.due) || !d.CorrectionOverdue(tt.due.Add(time.Minute)) {
				t.Error("CorrectionOverdue must turn true just after the deadline")
			}
		})
	}
}

func TestSubmitNeedsReceivingUnit(t *testing.T) {
	// The applicant has no unit of their own: the portal must name the desk.
	_, _, err := Submit(filing(), applicant, threeDays(), cal, mar(2, 9, 0))
	wantField(t, err, "receiving_unit", "dossier.required")
}

func TestOnlineReceiveKeepsCodeAndFlagsLateDesk(t *testing.T) {
	in := filing()
	in.ReceivingUnit = "000.17.22.H56"
	d, evs, err := Submit(in, applicant, threeDays(), cal, mar(7, 22, 0))
	d = ok(t, d, evs, err)

	// In time: Monday 16:00, before 17:00.
	r, evs, err := Receive(d, FilingInput{Code: "ignored"}, reception, threeDays(), cal, mar(9, 16, 0))
	r = ok(t, r, evs, err)
	if r.Code != d.Code || r.Channel != ChannelOnline || r.CorrectionLate || evs[0].From != StatusSubmitted {
		t.Errorf("code %q channel %v late %v event %+v", r.Code, r.Channel, r.CorrectionLate, evs[0])
	}
	sameTime(t, "DueAt", r.DueAt, mar(12, 16, 0))
	if d.Status != StatusSubmitted {
		t.Error("Receive changed its argument")
	}

	// Late: Tuesday 08:00.
	r, evs, err = Receive(d, FilingInput{}, reception, threeDays(), cal, mar(10, 8, 0))
	r = ok(t, r, evs, err)
	if !r.CorrectionLate {
		t.Error("a receipt after CorrectionDueAt must set CorrectionLate")
	}

	// Another procedure's version cannot receive it.
	_, _, err = Receive(d, FilingInput{}, reception, sameDay(), cal, mar(9, 16, 0))
	wantField(t, err, "procedure", "dossier.procedure.mismatch")
}

func TestReceiveValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*FilingInput, *procedure.Procedure)
		field string
		key   string
	}{
		{"no name", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.Name = " " }, "applicant.name", "dossier.required"},
		{"no kind", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.Kind = 0 }, "applicant.kind", "dossier.applicant.kind.invalid"},
		{"citizen without identity number", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.IDNumber = "" }, "applicant.id_number", "dossier.required"},
		{"identity number of 10 digits", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.IDNumber = "0123456789" }, "applicant.id_number", "dossier.applicant.id_number.invalid"},
		{"identity number with letters", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.IDNumber = "00120300456A" }, "applicant.id_number", "dossier.applicant.id_number.invalid"},
		{"short phone", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.Phone = "091234567" }, "applicant.phone", "dossier.applicant.phone.invalid"},
		{"phone without 0", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.Phone = "912345678" }, "applicant.phone", "dossier.applicant.phone.invalid"},
		{"+84 too short", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.Phone = "+8491234" }, "applicant.phone", "dossier.applicant.phone.invalid"},
		{"bad e-mail", func(in *FilingInput, _ *procedure.Procedure) { in.Applicant.Email = "an@example" }, "applicant.email", "dossier.applicant.email.invalid"},
		{"online at the desk", func(in *FilingInput, _ *procedure.Procedure) { in.Channel = ChannelOnline }, "channel", "dossier.channel.invalid"},
		{"no channel", func(in *FilingInput, _ *procedure.Procedure) { in.Channel = 0 }, "channel", "dossier.channel.invalid"},
		{"postal not offered", func(in *FilingInput, _ *procedure.Procedure) { in.Channel = ChannelPostal }, "channel", "dossier.channel.unavailable"},
		{"draft procedure", func(_ *FilingInput, p *procedure.Procedure) { p.Status = procedure.Draft }, "procedure", "dossier.procedure.not_in_force"},
		{"procedure not yet effective", func(_ *FilingInput, p *procedure.Procedure) { p.EffectiveFrom = mar(3, 0, 0) }, "procedure", "dossier.procedure.not_in_force"},
		{"no code", func(in *FilingInput, _ *procedure.Procedure) { in.Code = "" }, "code", "dossier.required"},
		{"secret with look-alikes", func(in *FilingInput, _ *procedure.Procedure) { in.LookupSecret = "0O1IL2" }, "lookup_secret", "dossier.lookup_secret.invalid"},
		{"negative copies", func(in *FilingInput, _ *procedure.Procedure) { in.Components[1].Copies = -1 }, "components[1].copies", "dossier.component.count.negative"},
		{"negative sets", func(in *FilingInput, _ *procedure.Procedure) { in.Sets = -2 }, "sets", "dossier.sets.invalid"},
		{"post without address", func(in *FilingInput, _ *procedure.Procedure) {
			in.ReturnMethod, in.Applicant.Address = ReturnByPost, ""
		}, "return_address", "dossier.return_address.required"},
		{"unknown return method", func(in *FilingInput, _ *procedure.Procedure) { in.ReturnMethod = "drone" }, "return_method", "dossier.return_method.invalid"},
		{"case chosen, its paper missing", func(in *FilingInput, _ *procedure.Procedure) { in.Case = "đã ly hôn" }, "required_components[3]", "dossier.component.missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, p := filing(), threeDays()
			tt.edit(&in, &p)
			_, evs, err := Receive(Dossier{}, in, reception, p, cal, mar(2, 9, 0))
			wantField(t, err, tt.field, tt.key)
			if evs != nil {
				t.Error("events returned with an error")
			}
		})
	}
}

func TestReceiveAcceptsValidVariants(t *testing.T) {
	edits := map[string]func(*FilingInput){
		"CMND of 9 digits":         func(in *FilingInput) { in.Applicant.IDNumber = "012345678" },
		"+84 phone":                func(in *FilingInput) { in.Applicant.Phone = "+84912345678" },
		"landline of 11 digits":    func(in *FilingInput) { in.Applicant.Phone = "024.3825.1234" },
		"business without ID":      func(in *FilingInput) { in.Applicant.Kind, in.Applicant.IDNumber = ApplicantBusiness, "" },
		"business with a tax code": func(in *FilingInput) { in.Applicant.Kind, in.Applicant.IDNumber = ApplicantBusiness, "0101234567-001" },
		"no phone or e-mail":       func(in *FilingInput) { in.Applicant.Phone, in.Applicant.Email = "", "" },
		"post to the applicant":    func(in *FilingInput) { in.ReturnMethod = ReturnByPost },
		"extra paper kept":         func(in *FilingInput) { in.Components = append(in.Components, Paper{Name: "Ảnh 4x6", Copies: 2}) },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			in := filing()
			edit(&in)
			d, evs, err := Receive(Dossier{}, in, reception, threeDays(), cal, mar(2, 9, 0))
			ok(t, d, evs, err)
		})
	}
}

func TestReceiveListsEveryMissingComponentAtOnce(t *testing.T) {
	in := filing()
	in.Components = nil
	in.Applicant.Phone = "123"
	_, _, err := Receive(Dossier{}, in, reception, threeDays(), cal, mar(2, 9, 0))
	fe := fault.As(err)
	if fe.Kind != fault.Invalid || len(fe.Fields) != 3 {
		t.Fatalf("got %v, want three fields", err)
	}
	wantField(t, err, "required_components[0]", "dossier.component.missing")
	wantField(t, err, "required_components[1]", "dossier.component.missing")
	if got := fe.Fields["required_components[1]"].Args; len(got) != 1 || got[0] != "Giấy tờ tùy thân" {
		t.Errorf("args = %v", got)
	}

	items := MissingComponents(threeDays(), "", in.Components)
	if len(items) != 2 || items[0].Name != "Tờ khai" || items[0].Originals != 1 || items[1].Reason != ReasonMissing {
		t.Errorf("MissingComponents = %+v", items)
	}
	if MissingComponents(threeDays(), "", filing().Components) != nil {
		t.Error("nothing is missing from a complete filing")
	}
}
