package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"motcua/internal/account"
	"motcua/internal/feedback"
)

// feedbackStory is a demo item of feedback: sent some days ago, then handled step by step.
type feedbackStory struct {
	unit, subject, procedure, dossierCode string
	name, contact, content                string
	daysAgo                               int
	steps                                 []feedbackStep
}

// feedbackStep is an officer's action (or the sender's supplement, with officer "") some days ago.
type feedbackStep struct {
	officer string
	action  feedback.Action
	daysAgo int
	text    string
}

// feedbackStories cover every status: new, overdue, waiting for the sender, rejected, answered (one
// on time, one late to publish) and published answers with personal data in their texts to mask.
var feedbackStories = []feedbackStory{
	{unit: "000.31.21.H06", subject: "procedure", procedure: "1.001193", name: "Nguyễn Thị Mai", contact: "0912 111 222",
		content: "Đề nghị niêm yết rõ hơn danh mục giấy tờ của thủ tục đăng ký khai sinh tại bộ phận một cửa; bảng niêm yết hiện đã mờ.", daysAgo: 1},
	{unit: "000.31.21.H06", subject: "conduct", name: "Hoàng Văn Đức", contact: "duc.hv@example.vn",
		content: "Ngày 03/11 tôi đến nộp hồ sơ, cán bộ tiếp nhận không hướng dẫn mà yêu cầu tôi tự tra trên mạng.", daysAgo: 24},
	{unit: "000.31.21.H06", subject: "dossier", dossierCode: "000.31.21.H06-261101-0003", name: "Lê Thị Thu", contact: "0987 333 444",
		content: "Hồ sơ chứng thực của tôi đã quá hẹn trả nhưng chưa nhận được thông báo.", daysAgo: 5,
		steps: []feedbackStep{{"tiepnhan", feedback.ActRequestInfo, 4, "Đề nghị bà cung cấp ảnh chụp giấy tiếp nhận hồ sơ để bộ phận một cửa kiểm tra."}}},
	{unit: "000.31.21.H06", subject: "procedure", name: "Phạm Quốc Toản", contact: "0903 555 666",
		content: "Đề nghị UBND xã giảm thuế đất năm nay cho gia đình tôi vì mất mùa.", daysAgo: 12,
		steps: []feedbackStep{{"truongphong", feedback.ActReject, 11, "Nội dung không thuộc phạm vi phản ánh, kiến nghị về quy định hành chính; đề nghị ông gửi đơn đến Chi cục Thuế khu vực."}}},
	{unit: "000.31.21.H06", subject: "dossier", dossierCode: "000.31.21.H06-261020-0011", name: "Trịnh Văn Hùng", contact: "0978 777 888",
		content: "Tôi nộp hồ sơ cấp bản sao trích lục khai sinh, đến ngày hẹn vẫn chưa có kết quả.", daysAgo: 9,
		steps: []feedbackStep{{"truongphong", feedback.ActAnswer, 1, "Hồ sơ của ông đã có kết quả, đã gửi tin nhắn hẹn nhận tại bộ phận một cửa. UBND xã xin lỗi vì sự chậm trễ."}}},
	{unit: "000.31.21.H06", subject: "conduct", name: "Vũ Thị Lan", contact: "0966 999 000",
		content: "Cán bộ thu phí chứng thực không đưa biên lai.", daysAgo: 45,
		steps: []feedbackStep{{"lanhdao", feedback.ActAnswer, 20, "UBND xã đã kiểm tra: biên lai điện tử đã được gửi vào số điện thoại của bà; đã nhắc cán bộ in biên lai giấy khi người dân yêu cầu."}}},
	{unit: "000.31.21.H06", subject: "procedure", procedure: "1.001193", name: "Đỗ Minh Châu", contact: "0945 123 456",
		content: "Tôi là Đỗ Minh Châu (CCCD 027190004567, điện thoại 0945123456). Xin hỏi đăng ký khai sinh cho con sinh ở nước ngoài có cần hợp pháp hóa lãnh sự giấy chứng sinh không?", daysAgo: 30,
		steps: []feedbackStep{{"truongphong", feedback.ActAnswer, 22, "Giấy chứng sinh do cơ quan nước ngoài cấp phải được hợp pháp hóa lãnh sự, trừ khi được miễn theo điều ước quốc tế. Ông có thể gọi 0222 3851 234 để được hướng dẫn."},
			{"truongphong", feedback.ActPublish, 21, ""}}},
	{unit: "000.31.21.H06", subject: "conduct", name: "Ngô Thị Hằng", contact: "hang.nt@example.vn",
		content: "Đề nghị bố trí thêm ghế chờ và máy lấy số thứ tự tại bộ phận một cửa xã Tiên Du, buổi sáng thứ Hai rất đông.", daysAgo: 26,
		steps: []feedbackStep{{"tiepnhan", feedback.ActRequestInfo, 25, "Đề nghị bà cho biết khung giờ thường phải chờ lâu nhất."},
			{"", feedback.ActSupplement, 24, "Khoảng 8 giờ đến 10 giờ sáng thứ Hai. Email liên hệ: hang.nt@example.vn."},
			{"lanhdao", feedback.ActAnswer, 12, "UBND xã đã lắp thêm 10 ghế chờ và một máy lấy số từ ngày 15/11; sáng thứ Hai bố trí thêm một cán bộ tiếp nhận."},
			{"lanhdao", feedback.ActPublish, 11, ""}}},
	{unit: "000.32.21.H06", subject: "procedure", name: "Bùi Đức Thịnh", contact: "0911 246 802",
		content: "Phường Kinh Bắc có nhận hồ sơ chứng thực vào sáng thứ Bảy không?", daysAgo: 15,
		steps: []feedbackStep{{"kinhbac", feedback.ActAnswer, 10, "Bộ phận một cửa phường Kinh Bắc làm việc từ thứ Hai đến thứ Sáu, 07:30–11:30 và 13:30–17:00; các thứ Bảy làm bù theo thông báo."},
			{"kinhbac", feedback.ActPublish, 9, ""}}},
	{unit: "000.32.21.H06", subject: "conduct", name: "Mạc Thị Duyên", contact: "0933 864 200",
		content: "Cán bộ tiếp nhận phường nói chuyện điện thoại riêng khi đang tiếp công dân.", daysAgo: 3},
}

// loadFeedback sends and handles the demo feedback through the feedback service, so that its
// deadlines are those of each unit's calendar; some are now overdue.
func loadFeedback(ctx context.Context, s Services, now time.Time) error {
	st, ok := s.Store.(feedback.Store)
	if !ok {
		return nil // a store without feedback: nothing to show
	}
	svc := &feedback.Service{Store: st, Calendars: s.Calendar, Rand: rand.Reader}
	officers := map[string]account.Principal{}
	for _, u := range users {
		unit, err := st.UnitByCode(ctx, u.unit)
		if err != nil {
			return err
		}
		var roles []account.Role
		for _, r := range u.roles {
			roles = append(roles, account.Role(r))
		}
		officers[u.username] = account.Principal{Username: u.username, FullName: u.fullName, UnitID: unit.ID,
			UnitCode: unit.Code, UnitPath: unit.Path, Roles: roles}
	}
	for i, story := range feedbackStories {
		f, err := svc.Submit(ctx, feedback.Input{UnitCode: story.unit, Subject: story.subject, ProcedureCode: story.procedure,
			DossierCode: story.dossierCode, Name: story.name, Contact: story.contact, Content: story.content},
			now.AddDate(0, 0, -story.daysAgo).Add(-time.Duration(i)*17*time.Minute))
		if err != nil {
			return fmt.Errorf("feedback %d: %w", i, err)
		}
		for _, step := range story.steps {
			at := now.AddDate(0, 0, -step.daysAgo)
			if step.officer == "" {
				f, err = svc.Supplement(ctx, f.Ref, f.Key, step.text, at)
			} else {
				f, err = svc.Act(ctx, officers[step.officer], f.Ref, f.Version, step.action, step.text, at)
			}
			if err != nil {
				return fmt.Errorf("feedback %d %s: %w", i, step.action, err)
			}
		}
	}
	return nil
}
