package dossier

import (
	"testing"
	"time"

	"motcua/internal/fault"
)

var apology = RescheduleInput{Reason: "Cần xác minh thêm tại nơi cư trú trước", NewDueAt: mar(9, 17, 0)}

func TestRescheduleDeadline(t *testing.T) {
	tests := []struct {
		name     string
		due      time.Time
		deadline time.Time
	}{
		{"Thursday appointment", mar(5, 9, 0), mar(4, 17, 0)},
		{"Monday appointment: Friday's closing", mar(9, 9, 0), mar(6, 17, 0)},
		// 2026: 31 August and 1–2 September are days off.
		{"after National Day", at(2026, time.September, 3, 9, 0), at(2026, time.August, 28, 17, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameTime(t, "deadline", RescheduleDeadline(tt.due, cal), tt.deadline)
		})
	}
}

func TestRescheduleOnceAndInTime(t *testing.T) {
	d := processing(t, threeDays()) // appointment Thursday 5 March 09:00

	got, evs, err := Reschedule(d, apology, head, cal, mar(4, 17, 0)) // the last moment
	got = ok(t, got, evs, err)
	sameTime(t, "DueAt", got.DueAt, mar(9, 17, 0))
	sameTime(t, "OriginalDueAt", got.OriginalDueAt, mar(5, 9, 0))
	if !got.Rescheduled || len(got.Apologies) != 1 || got.Apologies[0].Reason != apology.Reason || got.Status != StatusProcessing {
		t.Errorf("rescheduled %v apologies %+v", got.Rescheduled, got.Apologies)
	}
	if h := got.DueHistory[len(got.DueHistory)-1]; h.Reason != DueRescheduled || !h.From.Equal(mar(5, 9, 0)) || h.Note != apology.Reason {
		t.Errorf("history %+v", h)
	}
	if e := evs[0]; e.Private || e.Note != apology.Reason || e.From != StatusProcessing || e.To != StatusProcessing {
		t.Errorf("event %+v", e)
	}

	// A second reschedule is refused, whatever the date.
	again := RescheduleInput{Reason: "Lại chậm", NewDueAt: mar(12, 17, 0)}
	_, _, err = Reschedule(got, again, head, cal, mar(5, 9, 0))
	wantFault(t, err, fault.Conflict, "dossier.reschedule.already")
	if a := fault.As(err).Message.Args; len(a) != 1 || a[0] != "17:00 09/03/2026" {
		t.Errorf("args %v", a)
	}

	// Too late: a minute after Wednesday's closing.
	_, _, err = Reschedule(d, apology, head, cal, mar(4, 17, 1))
	wantFault(t, err, fault.Conflict, "dossier.reschedule.too_late")
	if a := fault.As(err).Message.Args; a[0] != "17:00 04/03/2026" {
		t.Errorf("args %v", a)
	}
}

func TestRescheduleInput(t *testing.T) {
	d := processing(t, threeDays())
	_, _, err := Reschedule(d, RescheduleInput{NewDueAt: mar(9, 17, 0)}, head, cal, mar(3, 9, 0))
	wantField(t, err, "reason", "dossier.required")
	_, _, err = Reschedule(d, RescheduleInput{Reason: "x", NewDueAt: mar(5, 9, 0)}, head, cal, mar(3, 9, 0))
	wantField(t, err, "new_due_at", "dossier.reschedule.not_later")
	_, _, err = Reschedule(d, RescheduleInput{Reason: "x"}, head, cal, mar(3, 9, 0))
	wantField(t, err, "new_due_at", "dossier.reschedule.not_later")
	_, _, err = Reschedule(d, apology, specialist, cal, mar(3, 9, 0))
	wantFault(t, err, fault.Forbidden, "dossier.role.forbidden")
}

func TestRescheduledDossierIsJudgedAgainstItsOriginalAppointment(t *testing.T) {
	d := processing(t, threeDays())
	d, _, err := Reschedule(d, apology, leader, cal, mar(4, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		end  time.Time
		want Timeliness
	}{
		{"before the original appointment", mar(5, 8, 0), OnTime},
		{"after it, before the new one", mar(6, 10, 0), Late},
		{"at the new appointment", mar(9, 17, 0), Late},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, evs, err := RefuseAfterAppraisal(d, RefusalInput{Reasons: []string{"Không đủ điều kiện"}}, leader, cal, tt.end)
			got = ok(t, got, evs, err)
			if got.Timeliness != tt.want || got.Classification() != tt.want {
				t.Errorf("classified %q, want %q", got.Timeliness, tt.want)
			}
		})
	}
}

func TestPauseAfterRescheduleMovesBothAppointments(t *testing.T) {
	d := processing(t, threeDays())
	d, _, _ = Reschedule(d, apology, head, cal, mar(3, 9, 0))
	d, _, _ = RequestFees(d, FeesInput{}, specialist, cal, mar(3, 10, 0))
	d, _, err := FeesPaid(d, Memo{}, reception, cal, mar(4, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	sameTime(t, "DueAt", d.DueAt, mar(10, 17, 0))
	sameTime(t, "OriginalDueAt", d.OriginalDueAt, mar(6, 9, 0))
}
