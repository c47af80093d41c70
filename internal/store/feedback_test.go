package store_test

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/feedback"
	"motcua/internal/statistics"
	"motcua/internal/store"
	"motcua/internal/workcal"
)

func feedbackService(db *store.DB) *feedback.Service {
	return &feedback.Service{Store: db, Calendars: &workcal.Service{Store: db}, Rand: rand.Reader}
}

// TestFeedbackLife sends an item, follows it, handles it through every step with two officers racing,
// publishes it masked and finds it by an unaccented search, on both engines.
func TestFeedbackLife(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		fb := feedbackService(db)
		recv := d(2026, 3, 9, 9, 0)
		in := feedback.Input{UnitCode: communeA, Subject: "conduct", Name: "Nguyễn Thị Hoà", Contact: "0912 345 678",
			Content: "Cán bộ một cửa hẹn tôi ba lần chưa trả kết quả. Số CCCD của tôi 027190001234, điện thoại 0912345678."}
		f, err := fb.Submit(ctx, in, recv)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(f.Ref, "PA-260309-") || len(f.Key) != 6 || f.Phone != "0912345678" || !f.AnswerDue.Equal(d(2026, 3, 30, 9, 0)) {
			t.Fatalf("submitted %+v", f)
		}
		if _, _, err := fb.Follow(ctx, f.Ref, "AAAAAA"); !fault.Is(err, fault.NotFound) {
			t.Fatalf("wrong key: %v", err)
		}
		got, events, err := fb.Follow(ctx, strings.ToLower(f.Ref), f.Key)
		if err != nil || got.Content != in.Content || len(events) != 1 || events[0].Action != feedback.ActSubmit {
			t.Fatalf("follow: %v %+v %v", err, got, events)
		}

		head := account.Principal{Username: "truongphong", UnitCode: officeA, Roles: []account.Role{account.Head}}
		units, _ := db.Units(ctx)
		for _, u := range units {
			if u.Code == officeA {
				head.UnitID, head.UnitPath = u.ID, u.Path
			}
		}
		// An officer of another commune may not see it.
		other := account.Principal{Username: "kb", UnitCode: communeB, UnitPath: "/999/", Roles: []account.Role{account.Reception}}
		if _, _, err := fb.Item(ctx, other, f.Ref); !fault.Is(err, fault.Forbidden) {
			t.Fatalf("other commune: %v", err)
		}
		q, err := fb.Queue(ctx, head, d(2026, 3, 9, 10, 0))
		if err != nil || q.Total != 1 || q.New != 1 {
			t.Fatalf("queue: %v %+v", err, q)
		}

		// Two officers ask for information at once from version 1: one wins.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, errs[i] = fb.Act(ctx, head, f.Ref, 1, feedback.ActRequestInfo, "Đề nghị cho biết mã hồ sơ.", d(2026, 3, 10, 9, 0))
			}(i)
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) || !(fault.Is(errs[0], fault.Conflict) || fault.Is(errs[1], fault.Conflict)) {
			t.Fatalf("race: %v, %v; want one success and one Conflict", errs[0], errs[1])
		}
		if _, err := fb.Supplement(ctx, f.Ref, f.Key, "Mã hồ sơ 000.31.21.H06-260301-0007.", d(2026, 3, 12, 9, 0)); err != nil {
			t.Fatal(err)
		}
		if _, err := fb.Act(ctx, head, f.Ref, 3, feedback.ActPublish, "", d(2026, 3, 12, 10, 0)); !fault.Is(err, fault.Conflict) {
			t.Fatalf("publish before answer: %v", err)
		}
		f, err = fb.Act(ctx, head, f.Ref, 3, feedback.ActAnswer, "UBND xã đã kiểm tra; bà Nguyễn Thị Hoà nhận kết quả ngày 13/3. Liên hệ hoa.nt@gmail.com.", d(2026, 3, 12, 10, 0))
		if err != nil {
			t.Fatal(err)
		}
		f, err = fb.Act(ctx, head, f.Ref, f.Version, feedback.ActPublish, "", d(2026, 3, 13, 10, 0))
		if err != nil {
			t.Fatal(err)
		}
		_, events, _ = fb.Follow(ctx, f.Ref, f.Key)
		if len(events) != 5 || events[4].Actor != "truongphong" || events[2].Actor != "" {
			t.Fatalf("events %+v", events)
		}
		list, total, err := fb.Answers(ctx, "hen toi ba lan", 10, 0)
		if err != nil || total != 1 || len(list) != 1 {
			t.Fatalf("answers: %v %d", err, total)
		}
		pub := list[0]
		for _, secret := range []string{"027190001234", "0912345678", "Hoà", "hoa.nt@gmail.com"} {
			if strings.Contains(pub.PublicContent+pub.PublicAnswer+pub.PublicName, secret) {
				t.Errorf("published copy shows %q: %q / %q / %q", secret, pub.PublicName, pub.PublicContent, pub.PublicAnswer)
			}
		}
		if _, total, _ := fb.Answers(ctx, "khong co tu nay", 10, 0); total != 0 {
			t.Errorf("unmatched search found %d", total)
		}
	})
}

// TestFeedbackCounts checks the on-time figures against items whose times are set by hand.
func TestFeedbackCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		mk := func(ref, unit string, received time.Time, set func(f *feedback.Feedback)) {
			f := feedback.Feedback{Ref: ref, Key: "ABCDEF", UnitCode: unit, Subject: feedback.SubjectProcedure, Name: "A", Phone: "0912345678",
				Content: "Nội dung", Status: feedback.Received, ReceivedAt: received, RejectDue: received.AddDate(0, 0, 2),
				InfoDue: received.AddDate(0, 0, 7), AnswerDue: received.AddDate(0, 0, 21)}
			if set != nil {
				set(&f)
			}
			if _, err := db.InsertFeedback(ctx, f, feedback.Event{At: received, Action: feedback.ActSubmit, To: feedback.Received}); err != nil {
				t.Fatal(err)
			}
		}
		mar := d(2026, 3, 1, 0, 0)
		mk("R1", communeA, d(2026, 3, 2, 9, 0), func(f *feedback.Feedback) { // rejected on time
			f.Status, f.RejectedAt = feedback.Rejected, d(2026, 3, 3, 9, 0)
		})
		mk("R2", communeA, d(2026, 3, 2, 9, 0), func(f *feedback.Feedback) { // rejected late
			f.Status, f.RejectedAt = feedback.Rejected, d(2026, 3, 10, 9, 0)
		})
		mk("A1", officeA, d(2026, 3, 3, 9, 0), func(f *feedback.Feedback) { // info on time, answered on time, published late
			f.Status, f.InfoRequestedAt, f.AnsweredAt = feedback.Published, d(2026, 3, 4, 9, 0), d(2026, 3, 20, 9, 0)
			f.PublishDue, f.PublishedAt = d(2026, 3, 22, 9, 0), d(2026, 3, 25, 9, 0)
		})
		mk("A2", communeA, d(2026, 2, 20, 9, 0), func(f *feedback.Feedback) { // carried over, answered late in March
			f.Status, f.AnsweredAt = feedback.Answered, d(2026, 3, 20, 9, 0)
		})
		mk("P1", communeA, d(2026, 3, 25, 9, 0), nil) // pending, within
		mk("P2", communeA, d(2026, 2, 1, 9, 0), nil)  // pending, overdue
		mk("X1", communeB, d(2026, 3, 5, 9, 0), nil)  // another commune
		mk("F1", communeA, d(2026, 4, 2, 9, 0), nil)  // after the period
		c, err := db.FeedbackCounts(ctx, []string{communeA, officeA}, mar, d(2026, 4, 1, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		want := feedback.Counts{Received: 4, Rejected: feedback.Step{Total: 2, OnTime: 1, Late: 1},
			InfoRequested: feedback.Step{Total: 1, OnTime: 1}, Answered: feedback.Step{Total: 2, OnTime: 1, Late: 1},
			Published: feedback.Step{Total: 1, Late: 1}, Pending: 2, PendingWithin: 1, PendingOverdue: 1, OnTimeRate: 50}
		if c != want {
			t.Fatalf("counts\n got %+v\nwant %+v", c, want)
		}
	})
}

// TestResolutionCounts checks the public statistics against inserted dossiers.
func TestResolutionCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		in := []rd{
			// January: two received, one finished early after 2 days, one on time after 4 days.
			{communeA, "Hộ tịch", dossier.ChannelOnline, dossier.StatusReturned, d(2026, 1, 5, 9, 0), d(2026, 1, 7, 9, 0), d(2026, 1, 9, 17, 0), dossier.Early, dossier.OutcomeResult},
			{officeA, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 1, 12, 9, 0), d(2026, 1, 16, 9, 0), d(2026, 1, 16, 17, 0), dossier.OnTime, dossier.OutcomeResult},
			// Received in January, finished late in February after 30 days.
			{communeA, "Đất đai", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 1, 20, 9, 0), d(2026, 2, 19, 9, 0), d(2026, 2, 10, 17, 0), dossier.Late, dossier.OutcomeResult},
			// February, pending.
			{communeA, "Đất đai", dossier.ChannelInPerson, dossier.StatusProcessing, d(2026, 2, 2, 9, 0), time.Time{}, d(2026, 3, 2, 17, 0), "", ""},
			// Another commune: not counted.
			{communeB, "Hộ tịch", dossier.ChannelInPerson, dossier.StatusDone, d(2026, 1, 5, 9, 0), d(2026, 1, 6, 9, 0), d(2026, 1, 9, 17, 0), dossier.Early, dossier.OutcomeResult},
		}
		if _, err := db.BulkInsertDossiers(ctx, account.System("test"), reportDossiers("ST", in), nil); err != nil {
			t.Fatal(err)
		}
		st := &statistics.Service{Store: db}
		tab, err := st.Year(ctx, communeA, 2026, true, d(2026, 3, 15, 9, 0))
		if err != nil {
			t.Fatal(err)
		}
		jan, feb, mar, apr := tab.Months[0], tab.Months[1], tab.Months[2], tab.Months[3]
		if jan.Received != 3 || jan.Resolved != 2 || jan.OnTime != 2 || jan.Rate != 100 || jan.AverageDays != 3 {
			t.Errorf("January %+v", jan)
		}
		if feb.Received != 1 || feb.Resolved != 1 || feb.OnTime != 0 || feb.Rate != 0 || feb.AverageDays != 30 {
			t.Errorf("February %+v", feb)
		}
		if mar.Received != 0 || mar.Resolved != 0 || mar.Future || !apr.Future {
			t.Errorf("March %+v, April %+v", mar, apr)
		}
		if tab.Total.Received != 4 || tab.Total.Resolved != 3 || tab.Total.Rate != 66.67 || tab.Total.AverageDays != 12 {
			t.Errorf("total %+v", tab.Total)
		}
		// Without the subtree, the office's dossier is left out.
		tab, _ = st.Year(ctx, communeA, 2026, false, d(2026, 3, 15, 9, 0))
		if tab.Total.Received != 3 || tab.Total.Resolved != 2 {
			t.Errorf("commune alone %+v", tab.Total)
		}
		if _, err := st.Year(ctx, communeA, 2030, true, d(2026, 3, 15, 9, 0)); fault.As(err).Fields["year"].Key == "" {
			t.Errorf("future year: %v", err)
		}
	})
}

// TestFeedbackQueue checks the staff queue's urgencies and order on the national calendar.
func TestFeedbackQueue(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		fb := feedbackService(db)
		send := func(at time.Time) feedback.Feedback {
			f, err := fb.Submit(ctx, feedback.Input{UnitCode: communeA, Subject: "procedure", Name: "Phan Văn Dũng",
				Contact: "dung.pv@example.vn", Content: "Đề nghị niêm yết lệ phí rõ ràng hơn."}, at)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		leader := account.Principal{Username: "lanhdao", UnitCode: communeA, Roles: []account.Role{account.Leader}}
		units, _ := db.Units(ctx)
		for _, u := range units {
			if u.Code == communeA {
				leader.UnitPath = u.Path
			}
		}
		now := d(2026, 3, 30, 10, 0)         // Monday
		overdue := send(d(2026, 3, 6, 9, 0)) // answer due Friday 27 March 09:00
		soon := send(d(2026, 3, 10, 9, 0))   // answer due Tuesday 31 March 09:00
		fresh := send(d(2026, 3, 30, 8, 0))
		waiting := send(d(2026, 3, 20, 9, 0))
		if _, err := fb.Act(ctx, leader, waiting.Ref, 1, feedback.ActRequestInfo, "Đề nghị cho biết thủ tục cụ thể.", d(2026, 3, 23, 9, 0)); err != nil {
			t.Fatal(err)
		}
		q, err := fb.Queue(ctx, leader, now)
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, it := range q.Items {
			order = append(order, it.Ref+":"+string(it.Urgency))
		}
		want := []string{overdue.Ref + ":overdue", soon.Ref + ":due_soon", fresh.Ref + ":new", waiting.Ref + ":waiting"}
		if strings.Join(order, " ") != strings.Join(want, " ") || q.Overdue != 1 || q.DueSoon != 1 || q.New != 1 || q.Waiting != 1 || q.Total != 4 {
			t.Fatalf("queue %v (%+v), want %v", order, q, want)
		}
		if m := q.Items[0].Overdue; len(m) != 3 || m[2] != feedback.DeadlineAnswer {
			t.Errorf("missed deadlines of the overdue item: %v", m)
		}
		// An officer without the right to handle feedback sees no queue.
		if _, err := fb.Queue(ctx, account.Principal{Username: "cv", UnitPath: leader.UnitPath, Roles: []account.Role{account.Specialist}}, now); !fault.Is(err, fault.Forbidden) {
			t.Errorf("specialist: %v", err)
		}
	})
}
