package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/processing"
	"motcua/internal/rating"
)

// ratedStory is a demo dossier handed back some days ago and rated by its applicant.
type ratedStory struct {
	applicant dossier.Applicant
	daysAgo   int
	channel   rating.Channel
	overall   int
	scores    map[rating.Criterion]int
	comment   string
}

var ratedStories = []ratedStory{
	{citizen("Trịnh Văn Quang", "027087010101", "0912000101", "Thôn Lạc Vệ, xã Tiên Du"), 40, rating.QR, 3,
		map[rating.Criterion]int{rating.TimeToResult: 3, rating.BodiesVisited: 3, rating.DeskVisits: 3, rating.Attitude: 3, rating.Lawfulness: 3},
		"Cán bộ hướng dẫn tận tình, trả kết quả sớm hơn hẹn."},
	{citizen("Phan Thị Thủy", "027194010202", "0912000202", "Thôn Đông Sơn, xã Tiên Du"), 34, rating.Kiosk, 2,
		map[rating.Criterion]int{rating.TimeToResult: 2, rating.DeskVisits: 2, rating.Publication: 2, rating.Attitude: 3}, ""},
	{citizen("Lương Văn Tiến", "027083010303", "0912000303", "Thôn Hoàn Sơn, xã Tiên Du"), 28, rating.Portal, 1,
		map[rating.Criterion]int{rating.TimeToResult: 1, rating.DeskVisits: 1, rating.Online: 1, rating.Attitude: 2},
		"Phải đến bộ phận một cửa hai lần vì thiếu giấy tờ không được hướng dẫn từ đầu."},
	{citizen("Đào Thị Hạnh", "027196010404", "0912000404", "Thôn Phật Tích, xã Tiên Du"), 21, rating.Kiosk, 3,
		map[rating.Criterion]int{rating.TimeToResult: 3, rating.BodiesVisited: 3, rating.Attitude: 3, rating.Lawfulness: 3, rating.Other: 3}, ""},
	{citizen("Cao Văn Thắng", "027089010505", "0912000505", "Thôn Ngọc Đình, xã Tiên Du"), 14, rating.QR, 2,
		map[rating.Criterion]int{rating.TimeToResult: 2, rating.Publication: 3, rating.Lawfulness: 2, rating.Online: 2}, "Nên có thêm hướng dẫn nộp trực tuyến."},
}

// loadFollow adds what following a dossier shows: a dossier whose office asked for a supplement the
// applicant can send from the lookup page, one handed back this week that can be rated at the desk's
// kiosk (/kiosk/000.31.21.H06) or by its QR code, and a few rated ones for /reports/satisfaction.
func loadFollow(ctx context.Context, s Services, now time.Time) error {
	staff := map[string]account.Principal{}
	for _, name := range []string{"tiepnhan", "chuyenvien", "truongphong", "lanhdao", "vanthu"} {
		u, _, err := s.Store.UserByUsername(ctx, name)
		if err != nil {
			return err
		}
		staff[name] = u.Principal()
	}
	svc := s.Dossiers
	run := func(applicant dossier.Applicant, at time.Time, steps []step) (dossier.Dossier, error) {
		proc, err := svc.Catalog.InForce(ctx, "9.990005", at)
		if err != nil {
			return dossier.Dossier{}, err
		}
		d, err := svc.Receive(ctx, staff["tiepnhan"], processing.ReceiveInput{ProcedureCode: proc.Code, UnitCode: "000.31.21.H06",
			Channel: "in_person", Applicant: applicant, Components: papers(proc.Components), ReturnMethod: "desk"}, at)
		if err != nil {
			return d, err
		}
		for _, st := range steps {
			body, _ := json.Marshal(st.body)
			if d, err = svc.Act(ctx, staff[st.who], d.Code, st.action, 0, body, at.Add(st.after)); err != nil {
				return d, fmt.Errorf("%s: %w", st.action, err)
			}
		}
		return d, nil
	}
	// Waiting for the applicant's supplement, which can be sent online from the lookup page.
	if _, err := run(citizen("Khổng Thị Thảo", "027198011111", "0936111222", "Thôn Lũng Giang, xã Tiên Du"), workday(now, 2),
		[]step{transfer(1), assign(2), {"chuyenvien", dossier.ActRequestSupplement, hours(5), map[string]any{
			"items": []map[string]any{
				{"name": "Giấy tờ chứng minh địa điểm kinh doanh", "copies": 1, "reason": "Hợp đồng thuê nhà đã hết hạn, cần hợp đồng còn hiệu lực"},
				{"name": "Bản sao giấy tờ pháp lý của chủ hộ", "certified_copies": 1, "reason": "Bản sao chưa được chứng thực"}}}}}); err != nil {
		return fmt.Errorf("demo supplement dossier: %w", err)
	}
	// Handed back this week: the applicant may rate it at the kiosk or by the QR code of the receipt.
	full := []step{transfer(1), assign(2), complete("chuyenvien", 6), complete("truongphong", 9), complete("lanhdao", 12), result(14), giveBack(24)}
	if _, err := run(citizen("Âu Văn Phúc", "027085012222", "0945333444", "Thôn Tân Lập, xã Tiên Du"), workday(now, 4), full); err != nil {
		return fmt.Errorf("demo dossier to rate: %w", err)
	}
	for i, rs := range ratedStories {
		at := workday(now, rs.daysAgo)
		d, err := run(rs.applicant, at, full)
		if err != nil {
			return fmt.Errorf("demo rated dossier %d: %w", i+1, err)
		}
		r := rating.Rating{Channel: rs.channel, Overall: rs.overall, Scores: rs.scores, Comment: rs.comment}
		ratedAt := d.ReturnedAt.Add(time.Hour)
		if rs.channel == rating.Kiosk {
			_, err = svc.RateAtKiosk(ctx, d.ReceivingUnit, d.Code, r, ratedAt)
		} else {
			_, err = svc.Rate(ctx, d.Code, d.LookupSecret, r, ratedAt)
		}
		if err != nil {
			return fmt.Errorf("demo rating %d: %w", i+1, err)
		}
	}
	return nil
}
