package dossier

import (
	"slices"
	"strings"
)

// Outcome is how a dossier's processing ended. It is empty while the dossier
// is pending, and for a dossier refused at reception (status 3), which was
// never received and so never processed.
type Outcome string

// Outcomes.
const (
	OutcomeResult    Outcome = "result"    // the result is ready (status 9, then 10)
	OutcomeRefused   Outcome = "refused"   // refused after appraisal, with reasons (9, then 10)
	OutcomeWithdrawn Outcome = "withdrawn" // stopped at the applicant's request (7, then 8)
	OutcomeStopped   Outcome = "stopped"   // stopped by the competent body with a notice (8)
	OutcomeClosed    Outcome = "closed"    // closed by the desk: no supplement in time (8)
)

// Outcomes returns every outcome.
func Outcomes() []Outcome {
	return []Outcome{OutcomeResult, OutcomeRefused, OutcomeWithdrawn, OutcomeStopped, OutcomeClosed}
}

// Valid reports whether o is one of Outcomes.
func (o Outcome) Valid() bool { return slices.Contains(Outcomes(), o) }

// ReturnMethod is how the result goes back to the applicant.
type ReturnMethod string

// Return methods; the zero value means ReturnAtDesk wherever a method is taken.
const (
	ReturnAtDesk     ReturnMethod = "desk"       // tại bộ phận một cửa
	ReturnByPost     ReturnMethod = "post"       // qua dịch vụ bưu chính
	ReturnElectronic ReturnMethod = "electronic" // trực tuyến, bản điện tử
)

// ReturnMethods returns every return method, the default first.
func ReturnMethods() []ReturnMethod {
	return []ReturnMethod{ReturnAtDesk, ReturnByPost, ReturnElectronic}
}

// Valid reports whether m is one of ReturnMethods.
func (m ReturnMethod) Valid() bool { return slices.Contains(ReturnMethods(), m) }

// ParseReturnMethod reads "desk", "post" or "electronic" (any case); "" is
// ReturnAtDesk. It returns an Invalid fault on the field "return_method" with
// key dossier.return_method.invalid otherwise.
func ParseReturnMethod(s string) (ReturnMethod, error) {
	m := ReturnMethod(strings.ToLower(strings.TrimSpace(s)))
	if m == "" {
		return ReturnAtDesk, nil
	}
	if !m.Valid() {
		return "", fieldErr("return_method", keyReturnMethodInvalid, s)
	}
	return m, nil
}

// WaitKind is what a dossier waits for while its clock does not run.
type WaitKind string

// Wait kinds.
const (
	WaitSupplement WaitKind = "supplement" // status 5: the applicant must supplement
	WaitFees       WaitKind = "fees"       // status 6: fees or taxes must be paid
)

// DueReason says why an appointment changed, in DueChange.
type DueReason string

// Reasons for an appointment change.
const (
	DueReceived    DueReason = "received"           // first appointment, at receipt
	DueRestarted   DueReason = "supplement_restart" // complete supplement, policy restart
	DuePaused      DueReason = "supplement_pause"   // complete supplement, policy pause
	DueFeesPaid    DueReason = "fees_paid"          // fees paid: moved by the wait
	DueRescheduled DueReason = "rescheduled"        // apology and new date (Mẫu 04)
	DueWaitEnded   DueReason = "wait_ended"         // ended while waiting: moved by the wait
)

// Timeliness is the classification of a finished dossier or step against its
// due time (domain.md §6). The zero value means not classified (not finished,
// or no due time).
type Timeliness string

// Classifications.
const (
	Early  Timeliness = "early"   // trước hạn
	OnTime Timeliness = "on_time" // đúng hạn
	Late   Timeliness = "late"    // quá hạn
)

// NameVI returns "Trước hạn", "Đúng hạn", "Quá hạn", or "" if t is not one of
// them.
func (t Timeliness) NameVI() string {
	switch t {
	case Early:
		return "Trước hạn"
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Quá hạn"
	}
	return ""
}

// NameEN returns "Early", "On time", "Late", or "" if t is not one of them.
func (t Timeliness) NameEN() string {
	switch t {
	case Early:
		return "Early"
	case OnTime:
		return "On time"
	case Late:
		return "Late"
	}
	return ""
}
