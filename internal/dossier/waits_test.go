package dossier

import (
	"testing"
	"time"

	"motcua/internal/fault"
	"motcua/internal/procedure"
)

var missingID = GuidanceInput{Items: []GuidanceItem{{Name: "Giấy ủy quyền", Originals: 1, Reason: "Người nộp không phải chủ hồ sơ"}}}

// supplemented is processing(p) asked for a supplement on Tuesday 3 March
// 10:00 and supplemented on Monday 9 March 09:00.
func supplemented(t *testing.T, p procedure.Procedure) (asked, got Dossier) {
	t.Helper()
	d := processing(t, p)
	asked, evs, err := RequestSupplement(d, missingID, specialist, cal, mar(3, 10, 0))
	asked = ok(t, asked, evs, err)
	if asked.Status != StatusAwaitingSupplement || evs[0].From != StatusProcessing || evs[0].To != StatusAwaitingSupplement {
		t.Fatalf("request: %v %+v", asked.Status, evs[0])
	}
	in := SupplementInput{Components: []Paper{{Name: "Giấy ủy quyền", Originals: 1}}}
	got, evs, err = ReceiveSupplement(asked, in, reception, cal, mar(9, 9, 0))
	return asked, ok(t, got, evs, err)
}

func TestSupplementRestartVersusPause(t *testing.T) {
	// Waiting from Tuesday 10:00 to Monday 09:00 covers 31 working hours
	// (5 + 8 + 8 + 8 + 2).
	const waited = 31 * time.Hour
	tests := []struct {
		name     string
		p        procedure.Procedure
		due      time.Time // new DueAt = OriginalDueAt
		stepDue  time.Time // the running appraisal step
		reason   DueReason
		clockRun time.Time
		policy   procedure.SupplementPolicy
	}{
		// The legal time starts again: Monday 09:00 + 3 working days.
		{"restart", threeDays(), mar(12, 9, 0), mar(11, 9, 0), DueRestarted, mar(9, 9, 0), procedure.Restart},
		// Thursday 09:00 moved by 31 working hours.
		{"pause", pausing(), mar(11, 8, 0), mar(10, 9, 0), DuePaused, mar(2, 9, 0), procedure.Pause},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked, d := supplemented(t, tt.p)
			if d.Status != StatusProcessing {
				t.Fatalf("status %v", d.Status)
			}
			sameTime(t, "DueAt", d.DueAt, tt.due)
			sameTime(t, "OriginalDueAt", d.OriginalDueAt, tt.due)
			sameTime(t, "ClockStart", d.ClockStart, tt.clockRun)
			sameTime(t, "step due", d.Steps[1].Due, tt.stepDue)
			if n := len(d.DueHistory); n != 2 || d.DueHistory[1].Reason != tt.reason || !d.DueHistory[1].From.Equal(mar(5, 9, 0)) {
				t.Errorf("DueHistory = %+v", d.DueHistory)
			}
			w := d.Waits[0]
			if len(d.Waits) != 1 || w.Kind != WaitSupplement || w.Policy != tt.policy || w.WorkingTime != waited {
				t.Errorf("Waits = %+v", d.Waits)
			}
			sameTime(t, "wait from", w.From, mar(3, 10, 0))
			sameTime(t, "wait to", w.To, mar(9, 9, 0))
			if !d.Components[2].Provided || asked.Components[2].Provided {
				t.Error("the supplemented paper must be marked provided in the new dossier only")
			}
			if g := asked.Guidances; len(g) != 1 || g[0].Stage != "processing" || g[0].DossierCode != d.Code {
				t.Errorf("Guidances = %+v", g)
			}
			if d.SupplementRequests != 1 || d.LateSupplementRequest || d.RepeatedSupplementRequest {
				t.Errorf("flags: %d late %v repeated %v", d.SupplementRequests, d.LateSupplementRequest, d.RepeatedSupplementRequest)
			}
		})
	}
}

func TestSupplementRequestLateAfterThreeWorkingDays(t *testing.T) {
	d := processing(t, threeDays()) // received Monday 09:00
	sameTime(t, "limit", SupplementRequestLimit(d, cal), mar(5, 9, 0))
	tests := []struct {
		at   time.Time
		late bool
	}{{mar(3, 10, 0), false}, {mar(5, 9, 0), false}, {mar(5, 9, 1), true}, {mar(9, 8, 0), true}}
	for _, tt := range tests {
		got, evs, err := RequestSupplement(d, missingID, head, cal, tt.at)
		got = ok(t, got, evs, err)
		if got.LateSupplementRequest != tt.late {
			t.Errorf("request at %s: late = %v, want %v", tt.at.Format("Mon 15:04"), got.LateSupplementRequest, tt.late)
		}
	}
}

func TestSecondSupplementRequestIsFlagged(t *testing.T) {
	_, d := supplemented(t, threeDays()) // Monday 9 March: limit long passed
	d, evs, err := RequestSupplement(d, missingID, reception, cal, mar(9, 10, 0))
	d = ok(t, d, evs, err)
	if d.SupplementRequests != 2 || !d.RepeatedSupplementRequest || !d.LateSupplementRequest || len(d.Guidances) != 2 {
		t.Errorf("count %d repeated %v late %v", d.SupplementRequests, d.RepeatedSupplementRequest, d.LateSupplementRequest)
	}
	if d.OpenWait() != 1 {
		t.Errorf("open wait = %d", d.OpenWait())
	}
}

func TestCloseUnsupplementedOnlyAfterTheApplicantsDays(t *testing.T) {
	d := processing(t, threeDays())
	d, _, err := RequestSupplement(d, missingID, specialist, cal, mar(3, 10, 0))
	if err != nil {
		t.Fatal(err)
	}
	// Tuesday 3 March + 15 days = Wednesday 18 March, to its end.
	sameTime(t, "expires", SupplementExpiresAt(d, cal), mar(19, 0, 0))
	_, _, err = CloseUnsupplemented(d, Memo{}, reception, cal, mar(18, 16, 0))
	wantFault(t, err, fault.Conflict, "dossier.close.too_early")
	if got := fault.As(err).Message.Args[0]; got != "00:00 19/03/2026" {
		t.Errorf("argument %v", got)
	}

	got, evs, err := CloseUnsupplemented(d, Memo{Note: "Quá hạn bổ sung"}, reception, cal, mar(19, 7, 30))
	got = ok(t, got, evs, err)
	if got.Status != StatusStopped || got.Outcome != OutcomeClosed || got.StopNotice.Reason != "Quá hạn bổ sung" {
		t.Fatalf("closed: %v %q %+v", got.Status, got.Outcome, got.StopNotice)
	}
	// The 93.5 working hours waited (5 + 11 days + 0.5) are not the office's.
	w := got.Waits[0]
	if w.WorkingTime != 93*time.Hour+30*time.Minute {
		t.Errorf("waited %v", w.WorkingTime)
	}
	sameTime(t, "OriginalDueAt", got.OriginalDueAt, cal.AddWorkingHours(mar(5, 9, 0), w.WorkingTime))
	sameTime(t, "FinishedAt", got.FinishedAt, mar(19, 7, 30))
	if got.Timeliness != Early || !got.Steps[1].Done.Equal(mar(19, 7, 30)) || !got.Steps[2].Skipped || !got.Steps[3].Skipped {
		t.Errorf("class %q steps %+v", got.Timeliness, got.Steps)
	}
}

func TestSupplementExpiryOverARestDayAndCustomDays(t *testing.T) {
	d := processing(t, threeDays())
	d, _, _ = RequestSupplement(d, missingID, specialist, cal, mar(6, 16, 0)) // Friday
	// + 15 = Saturday 21 March, a rest day: the period runs to Monday's end.
	sameTime(t, "expires", SupplementExpiresAt(d, cal), mar(24, 0, 0))

	p := threeDays()
	p.SupplementDays = 5
	d = processing(t, p)
	d, _, _ = RequestSupplement(d, missingID, specialist, cal, mar(3, 10, 0))
	// + 5 = Sunday 8 March: the period runs to Monday's end.
	sameTime(t, "expires after 5 days", SupplementExpiresAt(d, cal), mar(10, 0, 0))
	if !SupplementExpiresAt(processing(t, p), cal).IsZero() {
		t.Error("a dossier not waiting has no expiry")
	}
}

func TestFeesPauseTheClock(t *testing.T) {
	d := processing(t, threeDays())
	_, _, err := RequestFees(d, FeesInput{Fees: []FeeItem{{Name: "Lệ phí", AmountVND: -1}}}, specialist, cal, mar(3, 10, 0))
	wantField(t, err, "fees[0].amount_vnd", "dossier.fee.amount.negative")

	d, evs, err := RequestFees(d, FeesInput{Fees: []FeeItem{{Name: "Lệ phí", AmountVND: 8000}}}, specialist, cal, mar(3, 10, 0))
	d = ok(t, d, evs, err)
	if d.Status != StatusAwaitingFees || d.Waits[0].Kind != WaitFees || d.Waits[0].Policy != procedure.Pause {
		t.Fatalf("waiting: %v %+v", d.Status, d.Waits)
	}
	if d.Overdue(mar(20, 9, 0)) {
		t.Error("a dossier waiting for fees is not overdue")
	}
	d, evs, err = FeesPaid(d, Memo{}, reception, cal, mar(4, 10, 0))
	d = ok(t, d, evs, err)
	// One working day waited: Thursday 09:00 → Friday 09:00.
	sameTime(t, "DueAt", d.DueAt, mar(6, 9, 0))
	sameTime(t, "OriginalDueAt", d.OriginalDueAt, mar(6, 9, 0))
	sameTime(t, "step due", d.Steps[1].Due, mar(5, 10, 0))
	sameTime(t, "paid", d.Fees[0].PaidAt, mar(4, 10, 0))
	if d.Status != StatusProcessing || d.DueHistory[1].Reason != DueFeesPaid || d.Waits[0].WorkingTime != 8*time.Hour {
		t.Errorf("after payment: %v %+v %+v", d.Status, d.DueHistory, d.Waits)
	}
}
