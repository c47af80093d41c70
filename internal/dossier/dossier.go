package dossier

import (
	"slices"
	"time"

	"motcua/internal/procedure"
)

// Dossier is one application (hồ sơ) and everything its life needs. Actions
// take it by value and return a changed copy; they never change the slices of
// the value they were given. All instants are in calendar.Location. The zero
// Dossier is a dossier not recorded yet (Status None).
type Dossier struct {
	Code         string `json:"code"`          // mã hồ sơ (see Code); may be empty only for a walk-in refused at reception
	LookupSecret string `json:"lookup_secret"` // printed on the receipt; compare with SecretMatches, never echo it publicly

	ProcedureCode    string `json:"procedure_code"`
	ProcedureVersion int    `json:"procedure_version"` // the pinned version: in force at receipt
	ProcedureName    string `json:"procedure_name"`
	FieldCode        string `json:"field_code"` // lĩnh vực, for reports grouped by field
	FieldName        string `json:"field_name"`
	Rules            Rules  `json:"rules"` // the pinned version's clock rules

	ReceivingUnit string `json:"receiving_unit"` // electronic identifier of the desk's unit
	CompetentUnit string `json:"competent_unit"` // of the body that decides

	Channel       Channel        `json:"channel"`
	Applicant     Applicant      `json:"applicant"`
	Case          string         `json:"case,omitempty"` // the procedure's case (trường hợp) the components follow
	Components    []Component    `json:"components"`     // the checklist as checked
	Sets          int            `json:"sets"`           // số bộ hồ sơ
	ReturnMethod  ReturnMethod   `json:"return_method"`
	ReturnAddress string         `json:"return_address,omitempty"`
	Status        Status         `json:"status"`
	Outcome       Outcome        `json:"outcome,omitempty"`
	Assignee      string         `json:"assignee,omitempty"`   // the officer last assigned by a head (chuyên viên thụ lý)
	Steps         []Step         `json:"steps"`                // the procedure's workflow, instantiated at receipt
	Consultations []Consultation `json:"consultations"`        // other units asked (liên thông)
	Guidances     []Guidance     `json:"guidances"`            // Mẫu 02 given for this dossier, oldest first
	Fees          []Fee          `json:"fees"`                 // financial obligations asked for (status 6)
	Refusal       Refusal        `json:"refusal"`              // Mẫu 03, or the refusal after appraisal
	StopNotice    StopNotice     `json:"stop_notice"`          // Mẫu 05 (2025), for outcomes withdrawn/stopped/closed
	Results       []ResultDoc    `json:"results"`              // the result documents
	Waits         []Wait         `json:"waits"`                // every interval the clock did not run
	DueHistory    []DueChange    `json:"due_history"`          // every appointment, the first at receipt
	Apologies     []Apology      `json:"apologies"`            // reschedules (Mẫu 04): at most one
	Timeliness    Timeliness     `json:"timeliness,omitempty"` // set at the end: Classify(OriginalDueAt, FinishedAt)
	Files         []File         `json:"files,omitempty"`      // scanned papers and result files, oldest first

	SubmittedAt           time.Time `json:"submitted_at"`            // online arrival (last resubmission)
	CorrectionDueAt       time.Time `json:"correction_due_at"`       // online: the desk must answer by then
	CorrectionRequestedAt time.Time `json:"correction_requested_at"` // online: the desk asked for corrections, awaiting the applicant
	CorrectionLate        bool      `json:"correction_late"`         // the desk answered after CorrectionDueAt
	ReceivedAt            time.Time `json:"received_at"`             // the valid receipt (Mẫu 01)
	ClockStart            time.Time `json:"clock_start"`             // when the legal time last (re)started
	DueAt                 time.Time `json:"due_at"`                  // the current appointment, as shown to the applicant
	// OriginalDueAt is the appointment lateness is judged against: set at
	// receipt, moved by the clock rules (supplement restart or pause, fees,
	// a wait cut short by the end), but never by a reschedule (Mẫu 04
	// decision). Equal to DueAt unless the dossier was rescheduled.
	OriginalDueAt time.Time `json:"original_due_at"`

	SupplementRequests        int  `json:"supplement_requests"`         // requests during processing (status 4 → 5)
	LateSupplementRequest     bool `json:"late_supplement_request"`     // one came > 3 working days after receipt
	RepeatedSupplementRequest bool `json:"repeated_supplement_request"` // more than one request
	Rescheduled               bool `json:"rescheduled"`

	FinishedAt time.Time `json:"finished_at"` // end of processing (see End)
	ReturnedAt time.Time `json:"returned_at"` // result handed over (status 10)

	// Version is for optimistic concurrency: the store sets and increments it;
	// actions carry it unchanged.
	Version int `json:"version"`
}

// Rules are the clock rules of the pinned procedure version for the dossier's
// channel, copied at receipt so that later actions need no catalog.
type Rules struct {
	Time             int                        `json:"time"` // legal processing time, in Unit; 0 = same day
	Unit             procedure.TimeUnit         `json:"unit"`
	Cutoff           string                     `json:"cutoff,omitempty"` // "HH:MM" or empty
	SupplementPolicy procedure.SupplementPolicy `json:"supplement_policy"`
	SupplementDays   int                        `json:"supplement_days"` // calendar days to supplement
}

// Applicant is who files the dossier (chủ hồ sơ).
type Applicant struct {
	Kind     ApplicantKind `json:"kind"`
	Name     string        `json:"name"`
	IDNumber string        `json:"id_number,omitempty"` // CMND (9 digits) or CCCD (12) for citizens; tax code etc. for others
	Phone    string        `json:"phone,omitempty"`     // normalised: digits, with a leading 0 or +84
	Email    string        `json:"email,omitempty"`
	Address  string        `json:"address,omitempty"`
}

// Component is one paper of the checklist: what the procedure asks and what
// was handed in.
type Component struct {
	Name            string `json:"name"`
	Originals       int    `json:"originals"`        // bản chính
	CertifiedCopies int    `json:"certified_copies"` // bản sao chứng thực
	Copies          int    `json:"copies"`           // bản sao
	Mandatory       bool   `json:"mandatory"`
	Provided        bool   `json:"provided"`
}

// Step is one step of the workflow as this dossier goes through it: a row of
// the control slip (Mẫu 06 of 2025, Mẫu 05 of 2018).
type Step struct {
	Name         string     `json:"name"`
	Role         string     `json:"role,omitempty"`
	Office       string     `json:"office,omitempty"`
	Hours        int        `json:"hours"`                   // budget in working hours; 0 = not timed
	Assignee     string     `json:"assignee,omitempty"`      // username
	AssigneeName string     `json:"assignee_name,omitempty"` // full name
	Started      time.Time  `json:"started"`
	Due          time.Time  `json:"due"` // Started + Hours of working time, moved by waits
	Done         time.Time  `json:"done"`
	DoneBy       string     `json:"done_by,omitempty"`
	Skipped      bool       `json:"skipped,omitempty"` // never reached: the dossier ended before
	Timeliness   Timeliness `json:"timeliness,omitempty"`
}

// Open reports whether the step is running: started and neither done nor
// skipped.
func (s Step) Open() bool { return !s.Started.IsZero() && s.Done.IsZero() && !s.Skipped }

// Consultation is a consultation of another unit (lấy ý kiến, liên thông) with its
// own time budget.
type Consultation struct {
	Unit       string     `json:"unit"` // the unit asked (identifier or name)
	Subject    string     `json:"subject"`
	Hours      int        `json:"hours"` // budget in working hours
	AskedAt    time.Time  `json:"asked_at"`
	AskedBy    string     `json:"asked_by"`
	Due        time.Time  `json:"due"`
	AnsweredAt time.Time  `json:"answered_at"`
	Answer     string     `json:"answer,omitempty"`
	Timeliness Timeliness `json:"timeliness,omitempty"`
}

// Fee is a financial obligation asked for while processing.
type Fee struct {
	Name        string    `json:"name"`
	AmountVND   int64     `json:"amount_vnd"`
	RequestedAt time.Time `json:"requested_at"`
	PaidAt      time.Time `json:"paid_at"`
}

// Refusal is the data of a refusal: at reception (Mẫu 03, status 3) or after
// appraisal (outcome refused). Its zero value means no refusal.
type Refusal struct {
	Stage   string    `json:"stage,omitempty"` // "reception" or "appraisal"
	At      time.Time `json:"at"`
	By      string    `json:"by,omitempty"`
	Reasons []string  `json:"reasons,omitempty"`
}

// StopNotice is the data of the stop notice (Thông báo dừng giải quyết hồ sơ,
// Mẫu 05 of 2025). Its zero value means none.
type StopNotice struct {
	RequestedAt time.Time `json:"requested_at"` // the applicant's withdrawal request, if any
	Reason      string    `json:"reason,omitempty"`
	Stage       string    `json:"stage,omitempty"`    // stage reached, e.g. the current step's name
	Decision    string    `json:"decision,omitempty"` // the decision's text or number
	Refunds     string    `json:"refunds,omitempty"`  // papers and fees returned under sector law
	At          time.Time `json:"at"`                 // when processing was stopped (status 8)
	By          string    `json:"by,omitempty"`
}

// ResultDoc is a result document (kết quả): a decision, certificate, licence.
type ResultDoc struct {
	Name       string    `json:"name"`
	Number     string    `json:"number,omitempty"` // số, ký hiệu
	Date       time.Time `json:"date"`             // ngày ký (zero: unknown)
	Signer     string    `json:"signer,omitempty"`
	Electronic bool      `json:"electronic,omitempty"`
}

// Wait is one interval during which the dossier waited for the applicant: To
// is zero while it lasts. WorkingTime is the working time it covered, set when
// it ends (national scoring subtracts it; JSON gives it in nanoseconds).
type Wait struct {
	Kind        WaitKind                   `json:"kind"`
	From        time.Time                  `json:"from"`
	To          time.Time                  `json:"to"`
	Policy      procedure.SupplementPolicy `json:"policy"` // restart or pause; always pause for fees
	WorkingTime time.Duration              `json:"working_time"`
}

// DueChange is one change of the appointment.
type DueChange struct {
	At     time.Time `json:"at"`   // when it changed
	From   time.Time `json:"from"` // the appointment before (zero for the first)
	To     time.Time `json:"to"`
	Reason DueReason `json:"reason"`
	By     string    `json:"by,omitempty"`
	Note   string    `json:"note,omitempty"`
}

// Apology is a reschedule: the apology and new date (Mẫu 04).
type Apology struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
	From   time.Time `json:"from"` // the appointment before
	To     time.Time `json:"to"`   // the new appointment
}

// File is a scanned paper or a result file attached to the dossier. Its
// content is stored apart, under ID (the SHA-256 of the content); events name
// the files they brought in their Attachments.
type File struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	Size       int64       `json:"size"`
	Type       string      `json:"type"`                // detected from the content, e.g. "application/pdf"
	Purpose    FilePurpose `json:"purpose"`             // why it was attached
	Component  string      `json:"component,omitempty"` // the checklist paper it is a scan of, if any
	UploadedBy string      `json:"uploaded_by"`
	UploadedAt time.Time   `json:"uploaded_at"`
}

// FilePurpose says at which moment a file was attached.
type FilePurpose string

// The purposes of files.
const (
	FileComponent  FilePurpose = "component"  // a paper handed in at reception or online
	FileSupplement FilePurpose = "supplement" // a paper handed in as a supplement
	FileResult     FilePurpose = "result"     // a result document
)

// File returns the attached file with the given id.
func (d Dossier) File(id string) (File, bool) {
	for _, f := range d.Files {
		if f.ID == id {
			return f, true
		}
	}
	return File{}, false
}

// Clone returns a deep copy of d: no slice is shared.
func (d Dossier) Clone() Dossier {
	c := d
	c.Components = slices.Clone(d.Components)
	c.Steps = slices.Clone(d.Steps)
	c.Consultations = slices.Clone(d.Consultations)
	c.Guidances = slices.Clone(d.Guidances)
	for i := range c.Guidances {
		c.Guidances[i].Items = slices.Clone(d.Guidances[i].Items)
	}
	c.Fees = slices.Clone(d.Fees)
	c.Refusal.Reasons = slices.Clone(d.Refusal.Reasons)
	c.Results = slices.Clone(d.Results)
	c.Waits = slices.Clone(d.Waits)
	c.DueHistory = slices.Clone(d.DueHistory)
	c.Apologies = slices.Clone(d.Apologies)
	c.Files = slices.Clone(d.Files)
	return c
}

// CurrentStep returns the index of the running step, or -1 if none runs.
func (d Dossier) CurrentStep() int {
	return slices.IndexFunc(d.Steps, func(s Step) bool { return s.Open() })
}

// OpenWait returns the index of the wait that has not ended, or -1.
func (d Dossier) OpenWait() int {
	return slices.IndexFunc(d.Waits, func(w Wait) bool { return w.To.IsZero() })
}

// AwaitingDesk reports whether the dossier is an online submission the desk
// has not answered yet (status 1 and no correction asked since the last
// submission).
func (d Dossier) AwaitingDesk() bool {
	return d.Status == StatusSubmitted && d.CorrectionRequestedAt.IsZero()
}

// CorrectionOverdue reports whether the desk has let the 8 working hours for
// an online submission pass at now without answering it.
func (d Dossier) CorrectionOverdue(now time.Time) bool {
	return d.AwaitingDesk() && !d.CorrectionDueAt.IsZero() && now.After(d.CorrectionDueAt)
}
