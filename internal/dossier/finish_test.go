package dossier

import (
	"testing"

	"motcua/internal/fault"
)

// inStatus returns a real threeDays dossier brought to status s along the
// usual path (statuses 1–10).
func inStatus(t *testing.T, s Status) Dossier {
	t.Helper()
	var d Dossier
	var err error
	res := ResultInput{Results: []ResultDoc{{Name: "Giấy xác nhận"}}}
	switch s {
	case StatusSubmitted:
		return online(t)
	case StatusReceived:
		return received(t, threeDays())
	case StatusRejected:
		d, _, err = RefuseAtReception(online(t), RefusalInput{Reasons: []string{"x"}}, reception, threeDays(), cal, mar(2, 10, 0))
	case StatusProcessing:
		return processing(t, threeDays())
	case StatusAwaitingSupplement:
		d, _, err = RequestSupplement(processing(t, threeDays()), missingID, specialist, cal, mar(3, 10, 0))
	case StatusAwaitingFees:
		d, _, err = RequestFees(processing(t, threeDays()), FeesInput{}, specialist, cal, mar(3, 10, 0))
	case StatusWithdrawalAsked:
		d, _, err = RequestWithdrawal(processing(t, threeDays()), WithdrawalInput{Reason: "Không còn nhu cầu"}, applicant, cal, mar(3, 11, 0))
	case StatusStopped:
		d = inStatus(t, StatusWithdrawalAsked)
		d, _, err = Stop(d, StopInput{}, head, cal, mar(3, 14, 0))
	case StatusDone:
		d = processing(t, threeDays())
		d, _, _ = CompleteStep(d, Memo{}, specialist, cal, mar(3, 9, 0))
		d, _, err = ResultReady(d, res, clerk, cal, mar(3, 10, 0))
	case StatusReturned:
		d, _, err = Return(inStatus(t, StatusDone), ReturnInput{}, reception, cal, mar(3, 14, 0))
	}
	if err != nil {
		t.Fatalf("to status %v: %v", s, err)
	}
	if d.Status != s {
		t.Fatalf("got status %v, want %v", d.Status, s)
	}
	return d
}

func TestWithdrawalWindow(t *testing.T) {
	for _, s := range Statuses() {
		t.Run(s.NameEN(), func(t *testing.T) {
			d := inStatus(t, s)
			got, evs, err := RequestWithdrawal(d, WithdrawalInput{Reason: "Không còn nhu cầu"}, reception, cal, mar(4, 9, 0))
			allowed := s == StatusReceived || s == StatusProcessing || s == StatusAwaitingSupplement || s == StatusAwaitingFees
			if !allowed {
				wantFault(t, err, fault.Conflict, "dossier.transition.invalid")
				return
			}
			got = ok(t, got, evs, err)
			if got.Status != StatusWithdrawalAsked || got.Outcome != OutcomeWithdrawn || evs[0].From != s {
				t.Fatalf("status %v outcome %q", got.Status, got.Outcome)
			}
			sameTime(t, "FinishedAt", got.FinishedAt, mar(4, 9, 0))
			sameTime(t, "RequestedAt", got.StopNotice.RequestedAt, mar(4, 9, 0))
			if got.OpenWait() >= 0 || got.CurrentStep() >= 0 || got.Timeliness == "" {
				t.Errorf("wait %d step %d class %q", got.OpenWait(), got.CurrentStep(), got.Timeliness)
			}
		})
	}
}

func TestWithdrawalWhileWaitingDoesNotCountTheWait(t *testing.T) {
	d := inStatus(t, StatusAwaitingSupplement) // since Tuesday 10:00; due Thursday 09:00
	d, _, err := RequestWithdrawal(d, WithdrawalInput{}, applicant, cal, mar(6, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	// 24 working hours waited (5 + 8 + 8 + 3): the appointment moves from
	// Thursday to Tuesday 09:00, so the withdrawal on Friday is early rather
	// than late.
	sameTime(t, "OriginalDueAt", d.OriginalDueAt, mar(10, 9, 0))
	if d.Timeliness != Early || d.DueHistory[len(d.DueHistory)-1].Reason != DueWaitEnded {
		t.Errorf("class %q history %+v", d.Timeliness, d.DueHistory)
	}
}

func TestStop(t *testing.T) {
	t.Run("after the applicant's request", func(t *testing.T) {
		d := inStatus(t, StatusWithdrawalAsked)
		in := StopInput{Decision: "Thông báo 15/TB-UBND", Refunds: "Trả lại bản chính tờ khai"}
		got, evs, err := Stop(d, in, reception, cal, mar(3, 14, 0))
		got = ok(t, got, evs, err)
		if got.Status != StatusStopped || got.Outcome != OutcomeWithdrawn || got.StopNotice.Reason != "Không còn nhu cầu" ||
			got.StopNotice.Decision != in.Decision || got.StopNotice.Stage != "Thẩm định" || got.StopNotice.By != "lan" {
			t.Errorf("notice %+v outcome %q", got.StopNotice, got.Outcome)
		}
		sameTime(t, "FinishedAt stays at the request", got.FinishedAt, mar(3, 11, 0))
		sameTime(t, "stopped at", got.StopNotice.At, mar(3, 14, 0))
	})
	t.Run("by the office", func(t *testing.T) {
		d := processing(t, threeDays())
		_, _, err := Stop(d, StopInput{}, head, cal, mar(3, 14, 0))
		wantField(t, err, "reason", "dossier.required")
		got, evs, err := Stop(d, StopInput{Reason: "Có tranh chấp, chờ bản án"}, head, cal, mar(3, 14, 0))
		got = ok(t, got, evs, err)
		if got.Outcome != OutcomeStopped || got.Timeliness != Early || got.StopNotice.Stage != "Thẩm định" {
			t.Errorf("outcome %q class %q notice %+v", got.Outcome, got.Timeliness, got.StopNotice)
		}
		sameTime(t, "FinishedAt", got.FinishedAt, mar(3, 14, 0))
	})
}

func TestRefuseAfterAppraisalThenReturn(t *testing.T) {
	d := processing(t, threeDays())
	_, _, err := RefuseAfterAppraisal(d, RefusalInput{}, leader, cal, mar(3, 9, 0))
	wantField(t, err, "reasons", "dossier.reasons.required")

	d, evs, err := RefuseAfterAppraisal(d, RefusalInput{Reasons: []string{"Không đủ điều kiện"}}, head, cal, mar(5, 9, 30))
	d = ok(t, d, evs, err)
	if d.Status != StatusDone || d.Outcome != OutcomeRefused || d.Refusal.Stage != "appraisal" || d.Timeliness != Late {
		t.Fatalf("status %v outcome %q class %q", d.Status, d.Outcome, d.Timeliness)
	}
	if d.Steps[1].Done.IsZero() || !d.Steps[2].Skipped || d.CurrentStep() != 3 {
		t.Errorf("steps %+v", d.Steps)
	}
	if evs[0].Note != "Không đủ điều kiện" {
		t.Errorf("event note %q", evs[0].Note)
	}

	_, _, err = Return(d, ReturnInput{Method: "fax"}, reception, cal, mar(6, 9, 0))
	wantField(t, err, "return_method", "dossier.return_method.invalid")
	got, evs, err := Return(d, ReturnInput{Method: ReturnElectronic}, reception, cal, mar(6, 9, 0))
	got = ok(t, got, evs, err)
	if got.Status != StatusReturned || got.ReturnMethod != ReturnElectronic || got.Timeliness != Late || got.CurrentStep() >= 0 {
		t.Errorf("returned: %v %q %q", got.Status, got.ReturnMethod, got.Timeliness)
	}
	sameTime(t, "End stays at the refusal", got.End(), mar(5, 9, 30))
}
