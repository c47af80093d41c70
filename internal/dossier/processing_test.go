package dossier

import (
	"testing"
	"time"

	"motcua/internal/fault"
)

func TestTransferFinishesTheReceptionStep(t *testing.T) {
	d := received(t, threeDays())
	got, evs, err := Transfer(d, TransferInput{Memo: Memo{Note: "Chuyển phòng Tư pháp"}}, reception, cal, mar(2, 10, 0))
	got = ok(t, got, evs, err)
	if got.Status != StatusProcessing || evs[0].Step != "Tiếp nhận, kiểm tra" || evs[0].Private {
		t.Fatalf("status %v event %+v", got.Status, evs[0])
	}
	s0, s1 := got.Steps[0], got.Steps[1]
	sameTime(t, "step 1 done", s0.Done, mar(2, 10, 0))
	if s0.Timeliness != OnTime || s0.DoneBy != "lan" {
		t.Errorf("step 1 = %+v", s0)
	}
	// 16 working hours from Monday 10:00: 5h Monday, 8h Tuesday, 3h Wednesday.
	sameTime(t, "step 2 started", s1.Started, mar(2, 10, 0))
	sameTime(t, "step 2 due", s1.Due, mar(4, 10, 0))
	if got.CurrentStep() != 1 || !d.Steps[0].Done.IsZero() {
		t.Error("Transfer must move to step 2 without touching its argument")
	}
}

func TestCompleteStepClassification(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want Timeliness
	}{
		{"a day before its due", mar(3, 16, 0), Early},
		{"the due day, before", mar(4, 9, 0), OnTime},
		{"at the due exactly", mar(4, 10, 0), OnTime},
		{"a minute late", mar(4, 10, 1), Late},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := processing(t, threeDays())
			d, evs, err := CompleteStep(d, Memo{Note: "Đủ điều kiện"}, specialist, cal, tt.at)
			d = ok(t, d, evs, err)
			if got := d.Steps[1].Timeliness; got != tt.want {
				t.Errorf("step classified %q, want %q", got, tt.want)
			}
			if d.CurrentStep() != 2 || !evs[0].Private || evs[0].Step != "Thẩm định" || d.Status != StatusProcessing {
				t.Errorf("current %d event %+v", d.CurrentStep(), evs[0])
			}
			// The leader's step: 4 working hours from now.
			sameTime(t, "step 3 due", d.Steps[2].Due, cal.AddWorkingHours(tt.at, 4*time.Hour))
		})
	}
}

func TestWhoMayCompleteAStep(t *testing.T) {
	d := processing(t, threeDays())
	d, evs, err := Assign(d, AssignInput{Assignee: "mai", AssigneeName: "Lê Thị Mai"}, head, cal, mar(2, 10, 30))
	d = ok(t, d, evs, err)
	if d.Steps[1].Assignee != "mai" || d.Assignee != "mai" || !evs[0].Private || evs[0].Step != "Thẩm định" {
		t.Fatalf("assign: %+v %+v", d.Steps[1], evs[0])
	}
	otherSpecialist := Actor{Username: "binh", Roles: []string{RoleSpecialist}}
	assigneeWithoutRole := Actor{Username: "mai", Roles: []string{RoleClerk}}
	tests := []struct {
		name string
		a    Actor
		key  string // "" for success
	}{
		{"the assignee", specialist, ""},
		{"another specialist", otherSpecialist, ""},
		{"the assignee by username", assigneeWithoutRole, ""},
		{"the leader", leader, "dossier.step.forbidden"},
		{"the desk", reception, "dossier.step.forbidden"},
		{"the applicant", applicant, "dossier.role.forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := CompleteStep(d, Memo{}, tt.a, cal, mar(3, 9, 0))
			if tt.key == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantFault(t, err, fault.Forbidden, tt.key)
		})
	}
}

func TestAssignErrors(t *testing.T) {
	d := processing(t, threeDays())
	_, _, err := Assign(d, AssignInput{}, head, cal, mar(2, 11, 0))
	wantField(t, err, "assignee", "dossier.required")
	_, _, err = Assign(d, AssignInput{Assignee: "mai", Step: 9}, head, cal, mar(2, 11, 0))
	wantField(t, err, "step", "dossier.step.unknown")
	_, _, err = Assign(d, AssignInput{Assignee: "mai", Step: 1}, head, cal, mar(2, 11, 0))
	wantFault(t, err, fault.Conflict, "dossier.step.done")
	got, evs, err := Assign(d, AssignInput{Assignee: "son", Step: 3}, head, cal, mar(2, 11, 0))
	got = ok(t, got, evs, err)
	if got.Steps[2].Assignee != "son" || evs[0].Step != "Ký" {
		t.Errorf("assigning a later step: %+v", got.Steps[2])
	}
	_, _, err = Assign(d, AssignInput{Assignee: "mai"}, specialist, cal, mar(2, 11, 0))
	wantFault(t, err, fault.Forbidden, "dossier.role.forbidden")
}

func TestConsultation(t *testing.T) {
	d := processing(t, threeDays())
	_, _, err := Consult(d, ConsultInput{Unit: "Công an xã", Hours: 0}, specialist, cal, mar(2, 10, 0))
	wantField(t, err, "hours", "dossier.hours.invalid")
	_, _, err = Consult(d, ConsultInput{Hours: 8}, specialist, cal, mar(2, 10, 0))
	wantField(t, err, "unit", "dossier.required")

	d, evs, err := Consult(d, ConsultInput{Unit: "Công an xã", Subject: "Xác minh cư trú", Hours: 8}, specialist, cal, mar(2, 10, 0))
	d = ok(t, d, evs, err)
	if len(d.Consultations) != 1 || !evs[0].Private || d.Status != StatusProcessing {
		t.Fatalf("consultations %+v", d.Consultations)
	}
	sameTime(t, "consultation due", d.Consultations[0].Due, mar(3, 10, 0))

	tests := []struct {
		at   time.Time
		want Timeliness
	}{{mar(2, 16, 0), Early}, {mar(3, 10, 0), OnTime}, {mar(3, 14, 0), Late}}
	for _, tt := range tests {
		got, evs, err := AnswerConsultation(d, AnswerInput{Consultation: 1, Answer: "Đúng"}, specialist, cal, tt.at)
		got = ok(t, got, evs, err)
		if got.Consultations[0].Timeliness != tt.want {
			t.Errorf("answer at %s: %q, want %q", tt.at, got.Consultations[0].Timeliness, tt.want)
		}
		_, _, err = AnswerConsultation(got, AnswerInput{Consultation: 1}, specialist, cal, tt.at)
		wantFault(t, err, fault.Conflict, "dossier.consultation.answered")
	}
	_, _, err = AnswerConsultation(d, AnswerInput{Consultation: 2}, specialist, cal, mar(3, 9, 0))
	wantField(t, err, "consultation", "dossier.consultation.unknown")
}

func TestFromReceiptToReturn(t *testing.T) {
	d := processing(t, threeDays())
	steps := []struct {
		name string
		do   func(Dossier) (Dossier, []Event, error)
	}{
		{"assign", func(d Dossier) (Dossier, []Event, error) {
			return Assign(d, AssignInput{Assignee: "mai"}, head, cal, mar(2, 11, 0))
		}},
		{"appraise", func(d Dossier) (Dossier, []Event, error) {
			return CompleteStep(d, Memo{}, specialist, cal, mar(3, 15, 0))
		}},
		{"sign", func(d Dossier) (Dossier, []Event, error) { return CompleteStep(d, Memo{}, leader, cal, mar(4, 9, 0)) }},
		{"result", func(d Dossier) (Dossier, []Event, error) {
			return ResultReady(d, ResultInput{Results: []ResultDoc{{Name: "Giấy xác nhận tình trạng hôn nhân", Number: "12/2026/XNHN"}}}, clerk, cal, mar(4, 10, 0))
		}},
		{"return", func(d Dossier) (Dossier, []Event, error) {
			return Return(d, ReturnInput{}, reception, cal, mar(5, 8, 0))
		}},
	}
	for _, s := range steps {
		var evs []Event
		var err error
		d, evs, err = s.do(d)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if len(evs) != 1 {
			t.Fatalf("%s: %d events", s.name, len(evs))
		}
	}
	if d.Status != StatusReturned || d.Outcome != OutcomeResult || d.ReturnMethod != ReturnAtDesk || len(d.Results) != 1 {
		t.Fatalf("end: %v %q", d.Status, d.Outcome)
	}
	sameTime(t, "FinishedAt", d.FinishedAt, mar(4, 10, 0))
	sameTime(t, "ReturnedAt", d.ReturnedAt, mar(5, 8, 0))
	if d.Timeliness != Early || d.Classification() != Early {
		t.Errorf("classified %q, want early (Wednesday for Thursday)", d.Timeliness)
	}
	for i, s := range d.Steps {
		if s.Done.IsZero() || s.Skipped {
			t.Errorf("step %d not done: %+v", i+1, s)
		}
	}
	if d.Steps[3].Done != d.ReturnedAt {
		t.Error("Return must finish the desk's return step")
	}
}

func TestResultReadyNeedsEveryOfficeStep(t *testing.T) {
	d := processing(t, threeDays()) // appraisal running, signature not done
	res := ResultInput{Results: []ResultDoc{{Name: "Giấy xác nhận"}}}
	_, _, err := ResultReady(d, res, clerk, cal, mar(3, 9, 0))
	wantFault(t, err, fault.Conflict, "dossier.steps.pending")
	if fault.As(err).Message.Args[0] != "Ký" {
		t.Errorf("pending step = %v", fault.As(err).Message.Args)
	}
	_, _, err = ResultReady(d, ResultInput{Results: []ResultDoc{{Name: " "}}}, clerk, cal, mar(3, 9, 0))
	wantField(t, err, "results", "dossier.results.required")

	// The clerk may close the signing step itself: it is the running one.
	d, _, _ = CompleteStep(d, Memo{}, specialist, cal, mar(3, 9, 0))
	got, evs, err := ResultReady(d, res, clerk, cal, mar(3, 10, 0))
	got = ok(t, got, evs, err)
	if got.Steps[2].Done.IsZero() || got.CurrentStep() != 3 || got.Status != StatusDone {
		t.Errorf("steps %+v", got.Steps)
	}
}

func TestWithoutWorkflow(t *testing.T) {
	p := threeDays()
	p.Workflow = nil
	d := processing(t, p)
	d, evs, err := Assign(d, AssignInput{Assignee: "mai"}, head, cal, mar(2, 11, 0))
	d = ok(t, d, evs, err)
	if d.Assignee != "mai" || evs[0].Step != "" {
		t.Errorf("assignee %q", d.Assignee)
	}
	_, _, err = CompleteStep(d, Memo{}, specialist, cal, mar(2, 12, 0))
	wantFault(t, err, fault.Conflict, "dossier.step.none")
	d, evs, err = ResultReady(d, ResultInput{Results: []ResultDoc{{Name: "Giấy xác nhận"}}}, head, cal, mar(5, 9, 0))
	d = ok(t, d, evs, err)
	if d.Timeliness != OnTime {
		t.Errorf("classified %q", d.Timeliness)
	}
}
