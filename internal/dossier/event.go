package dossier

import (
	"slices"
	"time"
)

// Roles an Actor may hold. They are account roles, plus RoleApplicant for the
// applicant acting through the public portal or an integration.
const (
	RoleApplicant  = "applicant"
	RoleReception  = "reception"
	RoleSpecialist = "specialist"
	RoleHead       = "head"
	RoleLeader     = "leader"
	RoleClerk      = "clerk"
)

// Actor is who performs an action. The caller has already authenticated the
// actor and checked that the dossier lies within the actor's units; this
// package checks only roles.
type Actor struct {
	Username string
	FullName string
	UnitCode string // the actor's unit (electronic identifier)
	Roles    []string
}

// Has reports whether the actor holds the role.
func (a Actor) Has(role string) bool { return slices.Contains(a.Roles, role) }

// hasAny reports whether the actor holds one of the roles.
func (a Actor) hasAny(roles []string) bool {
	return slices.ContainsFunc(roles, a.Has)
}

// Action names what was done to a dossier; it is the Action of its Event.
type Action string

// The actions, one per function of the same name.
const (
	ActSubmit              Action = "submit"
	ActResubmit            Action = "resubmit"
	ActReceive             Action = "receive"
	ActGuideSupplement     Action = "guide_supplement"
	ActRefuseAtReception   Action = "refuse_at_reception"
	ActTransfer            Action = "transfer"
	ActAssign              Action = "assign"
	ActCompleteStep        Action = "complete_step"
	ActConsult             Action = "consult"
	ActAnswerConsultation  Action = "answer_consultation"
	ActRequestSupplement   Action = "request_supplement"
	ActReceiveSupplement   Action = "receive_supplement"
	ActCloseUnsupplemented Action = "close_unsupplemented"
	ActRequestFees         Action = "request_fees"
	ActFeesPaid            Action = "fees_paid"
	ActReschedule          Action = "reschedule"
	ActRequestWithdrawal   Action = "request_withdrawal"
	ActStop                Action = "stop"
	ActRefuse              Action = "refuse"
	ActResultReady         Action = "result_ready"
	ActReturn              Action = "return"
)

var actionNames = map[Action]names{
	ActSubmit:              {"Nộp hồ sơ trực tuyến", "Submit online"},
	ActResubmit:            {"Nộp lại hồ sơ trực tuyến", "Resubmit online"},
	ActReceive:             {"Tiếp nhận hồ sơ", "Receive"},
	ActGuideSupplement:     {"Hướng dẫn bổ sung hồ sơ", "Guide the applicant to complete the dossier"},
	ActRefuseAtReception:   {"Từ chối tiếp nhận", "Refuse at reception"},
	ActTransfer:            {"Chuyển xử lý", "Transfer for processing"},
	ActAssign:              {"Phân công xử lý", "Assign"},
	ActCompleteStep:        {"Hoàn thành bước xử lý", "Complete the step"},
	ActConsult:             {"Lấy ý kiến phối hợp", "Consult another unit"},
	ActAnswerConsultation:  {"Ghi nhận ý kiến phối hợp", "Record a consultation answer"},
	ActRequestSupplement:   {"Yêu cầu bổ sung hồ sơ", "Request a supplement"},
	ActReceiveSupplement:   {"Nhận hồ sơ bổ sung", "Receive the supplement"},
	ActCloseUnsupplemented: {"Đóng hồ sơ không bổ sung", "Close for lack of supplement"},
	ActRequestFees:         {"Yêu cầu thực hiện nghĩa vụ tài chính", "Request fees"},
	ActFeesPaid:            {"Đã thực hiện nghĩa vụ tài chính", "Fees paid"},
	ActReschedule:          {"Xin lỗi và hẹn lại ngày trả", "Apologise and reschedule"},
	ActRequestWithdrawal:   {"Yêu cầu rút hồ sơ", "Request withdrawal"},
	ActStop:                {"Dừng giải quyết hồ sơ", "Stop processing"},
	ActRefuse:              {"Từ chối giải quyết", "Refuse after appraisal"},
	ActResultReady:         {"Có kết quả", "Result ready"},
	ActReturn:              {"Trả kết quả", "Return the result"},
}

// Actions returns every action, in the order of a dossier's life.
func Actions() []Action {
	return []Action{ActSubmit, ActResubmit, ActReceive, ActGuideSupplement, ActRefuseAtReception,
		ActTransfer, ActAssign, ActCompleteStep, ActConsult, ActAnswerConsultation,
		ActRequestSupplement, ActReceiveSupplement, ActCloseUnsupplemented, ActRequestFees,
		ActFeesPaid, ActReschedule, ActRequestWithdrawal, ActStop, ActRefuse, ActResultReady, ActReturn}
}

// NameVI returns the Vietnamese name of the action, or "" for an unknown one.
func (a Action) NameVI() string { return actionNames[a].vi }

// NameEN returns the English name of the action, or "" for an unknown one.
func (a Action) NameEN() string { return actionNames[a].en }

// Event is one entry of a dossier's timeline: every action returns the events
// to record with the new state, in the same transaction.
type Event struct {
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"` // username
	ActorName string    `json:"actor_name"`
	ActorUnit string    `json:"actor_unit"`
	Action    Action    `json:"action"`
	From      Status    `json:"from"`
	To        Status    `json:"to"`             // equal to From for actions that keep the status
	Step      string    `json:"step,omitempty"` // the workflow step concerned, if any
	Note      string    `json:"note,omitempty"`
	// Private events are officers' internal work (assignment, steps,
	// consultations) and are hidden from the public lookup.
	Private     bool     `json:"private,omitempty"`
	Attachments []string `json:"attachments,omitempty"` // file references, e.g. scanned papers
}

// event builds the event of an action.
func event(a Actor, act Action, from, to Status, now time.Time, note string, files []string) Event {
	return Event{At: now, Actor: a.Username, ActorName: a.FullName, ActorUnit: a.UnitCode, Action: act,
		From: from, To: to, Note: note, Attachments: slices.Clone(files)}
}
