package form

import (
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
)

// at returns an instant in Asia/Ho_Chi_Minh.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Location)
}

const (
	unitName   = "UBND phường Kinh Bắc"
	parentName = "UBND tỉnh Bắc Ninh"
	applicant  = "Nguyễn Thị Ánh Tuyết"
	officer    = "Lê Thị Hồng Nhung"
	specialist = "Trần Văn Đức"
	leader     = "Phạm Quốc Hưng"
	reasonLate = "Hồ sơ phải xác minh thêm thông tin hộ tịch tại nơi cư trú trước đây của người mẹ; kết quả xác minh chưa có"
)

var (
	refuseReasons = []string{
		"Giấy chứng sinh bị tẩy xóa, chữ ký và con dấu ở mặt trước không rõ",
		"Đề nghị kiểm tra kỹ thông tin hộ tịch trước khi nộp lại",
	}
	guidanceItems = []dossier.GuidanceItem{
		{Name: "Giấy chứng sinh", Originals: 1, Reason: "Bản đã nộp bị tẩy xóa ở mục họ tên mẹ; cần bản chính hợp lệ"},
		{Name: "Giấy chứng nhận kết hôn của cha mẹ", CertifiedCopies: 1, Reason: "Chưa có; cần bản sao chứng thực để ghi phần khai về người cha"},
		{Name: "Văn bản ủy quyền", Copies: 1, Reason: "Người nộp không phải cha mẹ: cần ủy quyền có chữ ký, đóng dấu xác nhận"},
	}
)

// received returns a dossier just received at the desk at t (status 2), with
// its receive event.
func received(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d := dossier.Dossier{
		Code: code, LookupSecret: "K7Q2XA",
		ProcedureCode: "1.001193", ProcedureVersion: 2, ProcedureName: "Đăng ký khai sinh",
		FieldCode: "HT", FieldName: "Hộ tịch",
		Rules:         dossier.Rules{Time: 3, Unit: procedure.WorkingDay, SupplementPolicy: procedure.Restart, SupplementDays: 15},
		ReceivingUnit: "000.00.12.H04", CompetentUnit: unitName,
		Channel: dossier.ChannelInPerson,
		Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: applicant, IDNumber: "027190001234",
			Phone: "0912345678", Email: "anhtuyet@example.vn", Address: "Số 12 ngõ 5 đường Nguyễn Đăng Đạo, phường Kinh Bắc, tỉnh Bắc Ninh"},
		Components: []dossier.Component{
			{Name: "Tờ khai đăng ký khai sinh", Originals: 1, Mandatory: true, Provided: true},
			{Name: "Giấy chứng sinh", Originals: 1, Mandatory: true, Provided: true},
			{Name: "Giấy chứng nhận kết hôn của cha mẹ", CertifiedCopies: 1, Provided: true},
			{Name: "Giấy tờ tùy thân của người yêu cầu", Copies: 1, Provided: true},
		},
		Sets: 1, ReturnMethod: dossier.ReturnAtDesk, Status: dossier.StatusReceived,
		Steps: []dossier.Step{
			{Name: "Tiếp nhận, chuyển hồ sơ", Role: dossier.RoleReception, Office: "Bộ phận Một cửa", Hours: 4, Started: t, Due: t.Add(4 * time.Hour)},
			{Name: "Thẩm định hồ sơ", Role: dossier.RoleSpecialist, Office: "Phòng Văn hóa - Xã hội", Hours: 12},
			{Name: "Ký duyệt kết quả", Role: dossier.RoleLeader, Office: "Lãnh đạo UBND phường", Hours: 4},
			{Name: "Trả kết quả", Role: dossier.RoleReception, Office: "Bộ phận Một cửa", Hours: 4},
		},
		ReceivedAt: t, ClockStart: t, DueAt: t.AddDate(0, 0, 3), OriginalDueAt: t.AddDate(0, 0, 3),
		DueHistory: []dossier.DueChange{{At: t, To: t.AddDate(0, 0, 3), Reason: dossier.DueReceived, By: "nhunglt"}},
	}
	ev := []dossier.Event{{At: t, Actor: "nhunglt", ActorName: officer, ActorUnit: "Bộ phận Một cửa", Action: dossier.ActReceive,
		From: dossier.None, To: dossier.StatusReceived}}
	return d, ev
}

// processing returns the dossier transferred and assigned, its second step
// running, with the events.
func processing(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := received(t, code)
	tr := t.Add(2 * time.Hour)
	d.Status = dossier.StatusProcessing
	d.Steps[0].Done, d.Steps[0].DoneBy, d.Steps[0].Timeliness = tr, "nhunglt", dossier.OnTime
	d.Steps[1].Started, d.Steps[1].Due = tr, tr.Add(28*time.Hour)
	d.Steps[1].Assignee, d.Steps[1].AssigneeName = "ductv", specialist
	d.Assignee = "ductv"
	d.Consultations = []dossier.Consultation{{Unit: "Công an phường Kinh Bắc", Subject: "Xác minh cư trú", Hours: 8, AskedAt: tr.Add(time.Hour)}}
	ev = append(ev,
		dossier.Event{At: tr, Actor: "nhunglt", ActorName: officer, ActorUnit: "Bộ phận Một cửa", Action: dossier.ActTransfer,
			From: dossier.StatusReceived, To: dossier.StatusProcessing, Step: d.Steps[0].Name},
		dossier.Event{At: tr.Add(30 * time.Minute), Actor: "hungpq", ActorName: leader, ActorUnit: "Phòng Văn hóa - Xã hội", Action: dossier.ActAssign,
			From: dossier.StatusProcessing, To: dossier.StatusProcessing, Step: d.Steps[1].Name, Note: "Giao chuyên viên thụ lý", Private: true},
	)
	return d, ev
}

// returned returns the dossier finished late, rescheduled, and returned.
func returned(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := rescheduled(t, code)
	s1 := d.Steps[1].Started.AddDate(0, 0, 3)
	d.Steps[1].Done, d.Steps[1].DoneBy, d.Steps[1].Timeliness = s1, "ductv", dossier.Late
	d.Steps[2].Started, d.Steps[2].Due, d.Steps[2].AssigneeName = s1, s1.Add(4*time.Hour), leader
	d.Steps[2].Done, d.Steps[2].DoneBy, d.Steps[2].Timeliness = s1.Add(time.Hour), "hungpq", dossier.Early
	d.Steps[3].Started, d.Steps[3].Due = s1.Add(time.Hour), s1.Add(5*time.Hour)
	d.Steps[3].Done, d.Steps[3].DoneBy, d.Steps[3].Timeliness = s1.Add(2*time.Hour), "nhunglt", dossier.OnTime
	d.Status, d.Outcome, d.Timeliness = dossier.StatusReturned, dossier.OutcomeResult, dossier.Late
	d.FinishedAt, d.ReturnedAt = s1.Add(time.Hour), s1.Add(2*time.Hour)
	d.Results = []dossier.ResultDoc{{Name: "Giấy khai sinh", Number: "125/2026", Date: s1.Add(time.Hour), Signer: leader}}
	ev = append(ev,
		dossier.Event{At: s1, Actor: "ductv", ActorName: specialist, ActorUnit: "Phòng Văn hóa - Xã hội", Action: dossier.ActCompleteStep,
			From: dossier.StatusProcessing, To: dossier.StatusProcessing, Step: d.Steps[1].Name, Note: "Đủ điều kiện, trình ký"},
		dossier.Event{At: s1.Add(time.Hour), Actor: "hungpq", ActorName: leader, ActorUnit: "Lãnh đạo UBND phường", Action: dossier.ActResultReady,
			From: dossier.StatusProcessing, To: dossier.StatusDone},
		dossier.Event{At: s1.Add(2 * time.Hour), Actor: "nhunglt", ActorName: officer, ActorUnit: "Bộ phận Một cửa", Action: dossier.ActReturn,
			From: dossier.StatusDone, To: dossier.StatusReturned},
	)
	return d, ev
}

// supplementing returns the dossier waiting for a supplement asked during
// processing (status 5), with the guidance.
func supplementing(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := processing(t, code)
	g := t.AddDate(0, 0, 1)
	d.Status = dossier.StatusAwaitingSupplement
	d.SupplementRequests = 1
	d.Waits = []dossier.Wait{{Kind: dossier.WaitSupplement, From: g, Policy: procedure.Restart}}
	d.Guidances = []dossier.Guidance{{At: g, Stage: "processing", DossierCode: d.Code, ProcedureCode: d.ProcedureCode,
		ProcedureName: d.ProcedureName, Applicant: d.Applicant, Items: guidanceItems, Officer: "nhunglt", OfficerName: officer,
		OfficerUnit: "Bộ phận Một cửa", Contact: "0222 3822 456"}}
	ev = append(ev, dossier.Event{At: g, Actor: "ductv", ActorName: specialist, ActorUnit: "Phòng Văn hóa - Xã hội",
		Action: dossier.ActRequestSupplement, From: dossier.StatusProcessing, To: dossier.StatusAwaitingSupplement, Note: "Thiếu giấy tờ"})
	return d, ev
}

// rescheduled returns the dossier in processing after an apology and a new
// appointment (Mẫu 04).
func rescheduled(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := processing(t, code)
	ra := d.DueAt.Add(-26 * time.Hour)
	newDue := d.DueAt.AddDate(0, 0, 4)
	d.Apologies = []dossier.Apology{{At: ra, By: "hungpq", Reason: reasonLate, From: d.DueAt, To: newDue}}
	d.DueHistory = append(d.DueHistory, dossier.DueChange{At: ra, From: d.DueAt, To: newDue, Reason: dossier.DueRescheduled, By: "hungpq"})
	d.DueAt, d.Rescheduled = newDue, true
	ev = append(ev, dossier.Event{At: ra, Actor: "hungpq", ActorName: leader, ActorUnit: "Lãnh đạo UBND phường", Action: dossier.ActReschedule,
		From: dossier.StatusProcessing, To: dossier.StatusProcessing, Note: reasonLate})
	return d, ev
}

// stopped returns the dossier stopped at the applicant's request (status 8).
func stopped(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := withdrawing(t, code)
	s := d.StopNotice.RequestedAt.Add(3 * time.Hour)
	d.Status = dossier.StatusStopped
	d.StopNotice.At, d.StopNotice.By = s, "hungpq"
	d.StopNotice.Decision = "Hồ sơ được trả lại cho người nộp."
	d.StopNotice.Refunds = "Trả lại bản chính Giấy chứng sinh; lệ phí chưa thu"
	ev = append(ev, dossier.Event{At: s, Actor: "hungpq", ActorName: leader, ActorUnit: "Lãnh đạo UBND phường", Action: dossier.ActStop,
		From: dossier.StatusWithdrawalAsked, To: dossier.StatusStopped, Note: d.StopNotice.Reason})
	return d, ev
}

// withdrawing returns the dossier whose applicant asked to withdraw it
// (status 7): no stop notice yet.
func withdrawing(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := processing(t, code)
	r := t.AddDate(0, 0, 1)
	d.Status, d.Outcome, d.FinishedAt, d.Timeliness = dossier.StatusWithdrawalAsked, dossier.OutcomeWithdrawn, r, dossier.Early
	d.Steps[1].Done, d.Steps[1].DoneBy, d.Steps[1].Timeliness = r, "nhunglt", dossier.Early
	d.Steps[2].Skipped, d.Steps[3].Skipped = true, true
	d.StopNotice = dossier.StopNotice{RequestedAt: r, Reason: "Gia đình chuyển nơi cư trú, sẽ đăng ký khai sinh tại nơi ở mới", Stage: d.Steps[1].Name}
	ev = append(ev, dossier.Event{At: r, Actor: "nhunglt", ActorName: officer, ActorUnit: "Bộ phận Một cửa", Action: dossier.ActRequestWithdrawal,
		From: dossier.StatusProcessing, To: dossier.StatusWithdrawalAsked, Note: d.StopNotice.Reason})
	return d, ev
}

// refused returns a walk-in refused at reception (status 3, never received).
func refused(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, _ := received(t, code)
	d.Status = dossier.StatusRejected
	d.ReceivedAt, d.ClockStart, d.DueAt, d.OriginalDueAt, d.DueHistory = time.Time{}, time.Time{}, time.Time{}, time.Time{}, nil
	d.Steps = nil
	d.Refusal = dossier.Refusal{Stage: "reception", At: t, By: "nhunglt", Reasons: refuseReasons}
	ev := []dossier.Event{{At: t, Actor: "nhunglt", ActorName: officer, ActorUnit: "Bộ phận Một cửa", Action: dossier.ActRefuseAtReception,
		From: dossier.None, To: dossier.StatusRejected, Note: refuseReasons[0]}}
	return d, ev
}

// refusedAfterAppraisal returns a dossier refused by the competent body.
func refusedAfterAppraisal(t time.Time, code string) (dossier.Dossier, []dossier.Event) {
	d, ev := processing(t, code)
	r := t.AddDate(0, 0, 2)
	d.Status, d.Outcome, d.FinishedAt, d.Timeliness = dossier.StatusDone, dossier.OutcomeRefused, r, dossier.Early
	d.Refusal = dossier.Refusal{Stage: "appraisal", At: r, By: "hungpq", Reasons: refuseReasons}
	ev = append(ev, dossier.Event{At: r, Actor: "hungpq", ActorName: leader, Action: dossier.ActRefuse,
		From: dossier.StatusProcessing, To: dossier.StatusDone})
	return d, ev
}
