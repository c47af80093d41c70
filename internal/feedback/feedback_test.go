package feedback_test

import (
	"strings"
	"testing"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/feedback"
)

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Location)
}

// TestDeadlines checks the deadlines of §9 in working days on the national calendar, across
// weekends, Tết 2026 (14–22 February), the 30 April – 1 May holidays and receipt outside hours.
func TestDeadlines(t *testing.T) {
	cal := calendar.Default()
	cases := []struct {
		name                 string
		received             time.Time
		reject, info, answer time.Time
	}{
		{"plain weeks", at(2026, 3, 9, 9, 0), at(2026, 3, 11, 9, 0), at(2026, 3, 16, 9, 0), at(2026, 3, 30, 9, 0)},
		{"over a weekend", at(2026, 3, 13, 16, 0), at(2026, 3, 17, 16, 0), at(2026, 3, 20, 16, 0), at(2026, 4, 3, 16, 0)},
		{"on a Saturday: from Monday's opening", at(2026, 3, 14, 10, 0), at(2026, 3, 17, 17, 0), at(2026, 3, 20, 17, 0), at(2026, 4, 3, 17, 0)},
		{"eve of Tết", at(2026, 2, 12, 9, 0), at(2026, 2, 23, 9, 0), at(2026, 2, 26, 9, 0), at(2026, 3, 12, 9, 0)},
		{"30 April and 1 May", at(2026, 4, 28, 10, 0), at(2026, 5, 4, 10, 0), at(2026, 5, 7, 10, 0), at(2026, 5, 21, 10, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var f feedback.Feedback
			feedback.SetDeadlines(&f, cal, c.received)
			if !f.RejectDue.Equal(c.reject) || !f.InfoDue.Equal(c.info) || !f.AnswerDue.Equal(c.answer) {
				t.Errorf("deadlines %v, %v, %v; want %v, %v, %v", f.RejectDue, f.InfoDue, f.AnswerDue, c.reject, c.info, c.answer)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	due := at(2026, 3, 11, 9, 0)
	for _, c := range []struct {
		done time.Time
		want feedback.Timeliness
	}{
		{due.Add(-time.Hour), feedback.OnTime},
		{due, feedback.OnTime},
		{due.Add(time.Minute), feedback.Late},
		{time.Time{}, ""},
	} {
		if got := feedback.Classify(c.done, due); got != c.want {
			t.Errorf("Classify(%v) = %q, want %q", c.done, got, c.want)
		}
	}
}

// TestTransitions walks every action from every status: allowed ones change the status as the
// table says, others are refused with a Conflict and leave the item as it was.
func TestTransitions(t *testing.T) {
	cal := calendar.Default()
	now := at(2026, 3, 10, 10, 0)
	next := map[feedback.Action]feedback.Status{
		feedback.ActReject: feedback.Rejected, feedback.ActRequestInfo: feedback.MoreInfoRequested,
		feedback.ActSupplement: feedback.Received, feedback.ActAnswer: feedback.Answered, feedback.ActPublish: feedback.Published,
	}
	from := map[feedback.Action]feedback.Status{
		feedback.ActReject: feedback.Received, feedback.ActRequestInfo: feedback.Received,
		feedback.ActSupplement: feedback.MoreInfoRequested, feedback.ActAnswer: feedback.Received, feedback.ActPublish: feedback.Answered,
	}
	for _, st := range feedback.Statuses {
		for a, to := range next {
			var f feedback.Feedback
			feedback.SetDeadlines(&f, cal, at(2026, 3, 9, 9, 0))
			f.Status, f.Name, f.Content = st, "Nguyễn Văn An", "Nội dung phản ánh"
			got, ev, err := feedback.Apply(f, a, "Văn bản kèm theo", "tiepnhan", cal, now)
			if from[a] != st {
				if !fault.Is(err, fault.Conflict) || got.Status != st {
					t.Errorf("%s from %s: %v, status %s; want Conflict and unchanged", a, st, err, got.Status)
				}
				continue
			}
			if err != nil || got.Status != to || ev.From != st || ev.To != to || ev.Action != a || !ev.At.Equal(now) {
				t.Errorf("%s from %s: %v, %s, event %+v; want %s", a, st, err, got.Status, ev, to)
			}
		}
	}
}

func TestApplyTextsAndClocks(t *testing.T) {
	cal := calendar.Default()
	var f feedback.Feedback
	feedback.SetDeadlines(&f, cal, at(2026, 3, 9, 9, 0)) // answer due Mon 30 March 09:00
	f.Status, f.Name, f.Phone = feedback.Received, "Trần Thị Bình", "0912345678"
	f.Content = "Hồ sơ của tôi bị chậm."

	if _, _, err := feedback.Apply(f, feedback.ActReject, "  ", "tiepnhan", cal, at(2026, 3, 10, 9, 0)); fault.As(err).Fields["reason"].Key != "feedback.text.required" {
		t.Fatalf("reject without reason: %v", err)
	}
	if _, _, err := feedback.Apply(f, feedback.ActAnswer, strings.Repeat("x", feedback.MaxText+1), "tiepnhan", cal, at(2026, 3, 10, 9, 0)); fault.As(err).Fields["answer"].Key != "feedback.text.too_long" {
		t.Fatalf("answer too long: %v", err)
	}
	// Asked on Tuesday 10 March 09:00, supplemented on Thursday 12 March 09:00: two working days
	// of waiting move the answer deadline from 30 March to 1 April.
	f, _, err := feedback.Apply(f, feedback.ActRequestInfo, "Đề nghị cung cấp mã hồ sơ.", "tiepnhan", cal, at(2026, 3, 10, 9, 0))
	if err != nil || !f.InfoRequestedAt.Equal(at(2026, 3, 10, 9, 0)) {
		t.Fatalf("request info: %v %+v", err, f)
	}
	f, _, err = feedback.Apply(f, feedback.ActSupplement, "Mã hồ sơ 000.31.21.H06-260309-0001.", "", cal, at(2026, 3, 12, 9, 0))
	if err != nil || !f.AnswerDue.Equal(at(2026, 4, 1, 9, 0)) || !strings.Contains(f.Content, "260309-0001") || f.Handler != "tiepnhan" {
		t.Fatalf("supplement: %v, due %v, content %q, handler %q", err, f.AnswerDue, f.Content, f.Handler)
	}
	// Answered Friday 13 March 16:00: publish within 2 working days, Tuesday 17 March 16:00.
	f, _, err = feedback.Apply(f, feedback.ActAnswer, "Hồ sơ đã có kết quả. Liên hệ 0912 345 678.", "truongphong", cal, at(2026, 3, 13, 16, 0))
	if err != nil || !f.PublishDue.Equal(at(2026, 3, 17, 16, 0)) {
		t.Fatalf("answer: %v, publish due %v", err, f.PublishDue)
	}
	f, _, err = feedback.Apply(f, feedback.ActPublish, "", "truongphong", cal, at(2026, 3, 16, 8, 0))
	if err != nil || f.PublicName != "T*** T** B***" || strings.Contains(f.PublicAnswer, "345") {
		t.Fatalf("publish: %v, name %q, answer %q", err, f.PublicName, f.PublicAnswer)
	}
}

// TestMaskText checks that personal data is scrubbed from the public copies.
func TestMaskText(t *testing.T) {
	f := feedback.Feedback{Name: "Lê Văn Cường", Phone: "0987654321", Email: "cuong.le@example.vn"}
	cases := []struct{ in, want string }{
		{"Tôi là Lê Văn Cường, số điện thoại 0987654321.", "Tôi là L* V** C****, số điện thoại ***."},
		{"Gọi 0912 345 678 hoặc 0912.345.678 hoặc +84912345678", "Gọi *** hoặc *** hoặc ***"},
		{"CCCD 027190001234, CMND 123456789", "CCCD ***, CMND ***"},
		{"Thư: cuong.le@example.vn; khác: ai.do@gmail.com", "Thư: ***; khác: ***"},
		{"Lệ phí 1.250.000 đồng, ngày 12/03/2026, hồ sơ số 15", "Lệ phí 1.250.000 đồng, ngày 12/03/2026, hồ sơ số 15"},
		{"Hồ sơ 000.31.21.H06-260309-0001 của ông, gọi 0912-345-678", "Hồ sơ 000.31.21.H06-260309-0001 của ông, gọi ***"},
	}
	for _, c := range cases {
		if got := f.MaskText(c.in); got != c.want {
			t.Errorf("MaskText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMaskShortName checks that a one-syllable name is not searched for inside ordinary words.
func TestMaskShortName(t *testing.T) {
	f := feedback.Feedback{Name: "An"}
	if got := f.MaskText("An toàn giao thông"); got != "An toàn giao thông" {
		t.Errorf("got %q", got)
	}
}

func TestMissedAndNextDue(t *testing.T) {
	cal := calendar.Default()
	var f feedback.Feedback
	feedback.SetDeadlines(&f, cal, at(2026, 3, 9, 9, 0))
	f.Status = feedback.Received
	if m := f.Missed(at(2026, 3, 11, 9, 0)); len(m) != 0 {
		t.Errorf("at the reject deadline: missed %v", m)
	}
	if m := f.Missed(at(2026, 3, 17, 9, 0)); len(m) != 2 || m[0] != feedback.DeadlineReject || m[1] != feedback.DeadlineInfo {
		t.Errorf("after the info deadline: missed %v", m)
	}
	if !f.NextDue().Equal(f.AnswerDue) {
		t.Errorf("next due %v", f.NextDue())
	}
	f.Status = feedback.MoreInfoRequested
	if !f.NextDue().IsZero() {
		t.Errorf("waiting: next due %v", f.NextDue())
	}
}
