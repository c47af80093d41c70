package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
	"motcua/internal/processing"
)

// step is one action of a demo dossier, taken by a demo user some hours after the receipt.
type step struct {
	who    string
	action dossier.Action
	after  time.Duration
	body   map[string]any
}

// story is one demo dossier: who files what, how many days ago, and what happened since.
type story struct {
	procedure string
	channel   string
	applicant dossier.Applicant
	daysAgo   int
	steps     []step
}

var (
	transfer = func(h float64) step {
		return step{"tiepnhan", dossier.ActTransfer, hours(h), map[string]any{"note": "Chuyển Phòng Văn hóa - Xã hội"}}
	}
	assign = func(h float64) step {
		return step{"truongphong", dossier.ActAssign, hours(h), map[string]any{"assignee": "chuyenvien", "assignee_name": "Đỗ Văn Chiến"}}
	}
	complete = func(who string, h float64) step {
		return step{who, dossier.ActCompleteStep, hours(h), map[string]any{"note": "Đã thẩm định, đủ điều kiện"}}
	}
	result = func(h float64) step {
		return step{"vanthu", dossier.ActResultReady, hours(h), map[string]any{"results": []map[string]any{{"name": "Giấy chứng nhận đăng ký hộ kinh doanh", "number": "27/GCN-HKD"}}}}
	}
	giveBack = func(h float64) step {
		return step{"tiepnhan", dossier.ActReturn, hours(h), map[string]any{"method": "desk"}}
	}
)

func hours(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

func citizen(name, id, phone, address string) dossier.Applicant {
	return dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: name, IDNumber: id, Phone: phone, Address: address}
}

// stories cover every status of a dossier's life in the commune of Tiên Du.
var stories = []story{
	{"9.990005", "in_person", citizen("Nguyễn Thị Lan", "027190001234", "0912345678", "Thôn Lạc Vệ, xã Tiên Du"), 0, nil},
	{"9.990005", "in_person", citizen("Trần Văn Bình", "027090004321", "0987654321", "Thôn Đông Sơn, xã Tiên Du"), 2,
		[]step{transfer(1), assign(2)}},
	{"9.990006", "in_person", citizen("Lê Thị Hoa", "027185006789", "0903111222", "Thôn Phật Tích, xã Tiên Du"), 6,
		[]step{transfer(1), assign(2), {"chuyenvien", dossier.ActRequestSupplement, hours(20), map[string]any{
			"items": []map[string]any{{"name": "Bản vẽ thiết kế xây dựng", "copies": 2, "reason": "Thiếu bản vẽ mặt cắt và ký xác nhận của đơn vị thiết kế"}}}}}},
	{"9.990005", "in_person", citizen("Phạm Minh Đức", "027088001111", "0977333444", "Thôn Hoàn Sơn, xã Tiên Du"), 4,
		[]step{transfer(1), assign(2), {"chuyenvien", dossier.ActRequestFees, hours(6), map[string]any{"fees": []map[string]any{{"name": "Lệ phí đăng ký hộ kinh doanh", "amount_vnd": 100000}}}}}},
	{"2.000635", "postal", citizen("Vũ Thị Mai", "027195002222", "0966555777", "Thôn Đại Đồng, xã Tiên Du"), 3,
		[]step{transfer(1), {"tiepnhan", dossier.ActRequestWithdrawal, hours(8), map[string]any{"reason": "Công dân xin rút hồ sơ để bổ sung giấy tờ sau"}}}},
	{"9.990004", "in_person", citizen("Hoàng Văn Nam", "027080003333", "0944666888", "Thôn Lũng Sơn, xã Tiên Du"), 9,
		[]step{transfer(1), {"tiepnhan", dossier.ActRequestWithdrawal, hours(3), map[string]any{"reason": "Chuyển sang nộp hồ sơ tại nơi thường trú"}},
			{"tiepnhan", dossier.ActStop, hours(5), map[string]any{"decision": "Thông báo dừng giải quyết số 12/TB-UBND", "refunds": "Trả lại toàn bộ giấy tờ"}}}},
	{"9.990005", "in_person", citizen("Đỗ Thị Thu", "027192004444", "0933777999", "Thôn Tân Lập, xã Tiên Du"), 5,
		[]step{transfer(1), assign(2), complete("chuyenvien", 6), complete("truongphong", 9), complete("lanhdao", 12), result(14)}},
	{"9.990005", "in_person", citizen("Ngô Văn Hải", "027086005555", "0922888000", "Thôn Ngọc Đình, xã Tiên Du"), 12,
		[]step{transfer(1), assign(2), complete("chuyenvien", 6), complete("truongphong", 9), complete("lanhdao", 12), result(14), giveBack(30)}},
	{"9.990004", "in_person", citizen("Bùi Thị Ngọc", "027193006666", "0911222333", "Thôn Lạc Vệ, xã Tiên Du"), 15,
		[]step{transfer(1), assign(2), {"truongphong", dossier.ActReschedule, hours(20), map[string]any{"reason": "Cần xác minh thêm thông tin hộ tịch tại nơi cư trú trước đây", "new_due_at": "+5d"}},
			complete("chuyenvien", 100), complete("lanhdao", 102), result(104), giveBack(120)}},
}

// loadDossiers records the demo dossiers through the same service the desk uses, so that every one
// passes the rules; it also files one online dossier and refuses one at the desk.
func loadDossiers(ctx context.Context, svc *processing.Service, users account.Store, now time.Time) error {
	staff := map[string]account.Principal{}
	for _, name := range []string{"tiepnhan", "chuyenvien", "truongphong", "lanhdao", "vanthu"} {
		u, _, err := users.UserByUsername(ctx, name)
		if err != nil {
			return err
		}
		staff[name] = u.Principal()
	}
	for i, s := range stories {
		at := workday(now, s.daysAgo)
		proc, err := svc.Catalog.InForce(ctx, s.procedure, at)
		if err != nil {
			return err
		}
		in := processing.ReceiveInput{ProcedureCode: s.procedure, UnitCode: "000.31.21.H06", Channel: s.channel, Applicant: s.applicant,
			Components: papers(proc.Components), ReturnMethod: "desk"}
		d, err := svc.Receive(ctx, staff["tiepnhan"], in, at)
		if err != nil {
			return fmt.Errorf("demo dossier %d: %w", i+1, err)
		}
		for _, st := range s.steps {
			if v, ok := st.body["new_due_at"].(string); ok && v == "+5d" {
				st.body["new_due_at"] = d.DueAt.AddDate(0, 0, 5).Format(time.RFC3339)
			}
			body, _ := json.Marshal(st.body)
			if d, err = svc.Act(ctx, staff[st.who], d.Code, st.action, 0, body, at.Add(st.after)); err != nil {
				return fmt.Errorf("demo dossier %d, %s: %w", i+1, st.action, err)
			}
		}
	}
	online := processing.ReceiveInput{ProcedureCode: "9.990005", UnitCode: "000.31.21.H06", Applicant: citizen("Đinh Văn Khoa", "027091007777",
		"0988123456", "Thôn Duệ Đông, xã Tiên Du"), Components: nil, ReturnMethod: "electronic"}
	if _, err := svc.SubmitOnline(ctx, online, now.Add(-2*time.Hour)); err != nil {
		return fmt.Errorf("demo online dossier: %w", err)
	}
	// An online dossier the desk has not answered for three working days (flagged in the queue), and
	// one whose applicant was asked to correct it.
	late := online
	late.ProcedureCode, late.Applicant = "9.990004", citizen("Tạ Thị Yến", "027196009999", "0355123789", "Thôn Núi Móng, xã Tiên Du")
	if _, err := svc.SubmitOnline(ctx, late, workday(now, 3)); err != nil {
		return fmt.Errorf("demo late online dossier: %w", err)
	}
	asked := online
	asked.ProcedureCode, asked.Applicant = "9.990002", citizen("Kiều Văn Long", "027094001357", "0868246810", "Thôn Lạc Vệ, xã Tiên Du")
	d, err := svc.SubmitOnline(ctx, asked, workday(now, 1))
	if err != nil {
		return fmt.Errorf("demo online dossier to correct: %w", err)
	}
	body, _ := json.Marshal(map[string]any{"items": []map[string]any{{"name": "Giấy chứng sinh", "originals": 1, "reason": "Ảnh chụp bị mờ, không đọc được số giấy chứng sinh"}},
		"contact": "0222 3854 123"})
	if _, err := svc.Act(ctx, staff["tiepnhan"], d.Code, dossier.ActGuideSupplement, 0, body, workday(now, 1).Add(3*time.Hour)); err != nil {
		return fmt.Errorf("demo online guidance: %w", err)
	}
	walkIn := processing.ReceiveInput{ProcedureCode: "9.990003", UnitCode: "000.31.21.H06", Channel: "in_person",
		Applicant: citizen("Mai Văn Tùng", "027097002468", "0398765432", "Thôn Duệ Đông, xã Tiên Du")}
	if _, _, err := svc.GuideAtDesk(ctx, staff["tiepnhan"], walkIn, dossier.GuidanceInput{Contact: "0222 3854 123", Items: []dossier.GuidanceItem{
		{Name: "Giấy xác nhận tình trạng hôn nhân", Originals: 1, Reason: "Chưa có trong hồ sơ"},
		{Name: "Tờ khai đăng ký kết hôn", Originals: 1, Reason: "Thiếu chữ ký của bên nữ"}}}, workday(now, 0)); err != nil {
		return fmt.Errorf("demo desk guidance: %w", err)
	}
	refused := processing.ReceiveInput{ProcedureCode: "9.990006", UnitCode: "000.31.21.H06", Channel: "in_person",
		Applicant: citizen("Lý Văn Sơn", "027079008888", "0977000111", "Thôn Bất Lự, xã Tiên Du")}
	if _, err := svc.RefuseAtDesk(ctx, staff["tiepnhan"], refused, []string{"Thửa đất thuộc quy hoạch hành lang an toàn giao thông, không thuộc trường hợp được cấp phép xây dựng"}, workday(now, 1)); err != nil {
		return fmt.Errorf("demo refusal: %w", err)
	}
	return nil
}

// workday is 09:00 of the day n days before now's, moved back to a Friday from a weekend.
func workday(now time.Time, n int) time.Time {
	d := now.In(time.FixedZone("ICT", 7*3600)).AddDate(0, 0, -n)
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, d.Location())
}

func papers(cs []procedure.Component) []dossier.Paper {
	var out []dossier.Paper
	for _, c := range cs {
		out = append(out, dossier.Paper{Name: c.Name, Originals: c.Originals, CertifiedCopies: c.CertifiedCopies, Copies: c.Copies})
	}
	return out
}
