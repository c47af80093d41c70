package procedure

import (
	"regexp"
	"slices"
	"time"
)

// codePattern is the shape of a procedure code (mã TTHC): a national code
// such as 2.000635, optionally with a local suffix such as 1.000948.H38.
var codePattern = regexp.MustCompile(`^[0-9]\.[0-9]{6}(\.[A-Z0-9]+)?$`)

// ValidCode reports whether code has the shape of a procedure code.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// DefaultSupplementDays is how many calendar days a citizen has to supplement
// a dossier when the procedure does not say otherwise.
const DefaultSupplementDays = 15

// Procedure is one version of a procedure in the catalog. Its identity is
// (Code, Version). The zero values of SupplementPolicy and SupplementDays mean
// the defaults; [Procedure.ApplyDefaults] fills them in.
type Procedure struct {
	Code string `json:"code"` // mã TTHC, see [ValidCode]
	Name string `json:"name"` // tên thủ tục

	Field        Field     `json:"field"`                  // lĩnh vực
	Levels       []Level   `json:"levels,omitempty"`       // cấp thực hiện
	Competent    []string  `json:"competent,omitempty"`    // cơ quan thực hiện (names)
	Coordinating []string  `json:"coordinating,omitempty"` // cơ quan phối hợp (names)
	Subjects     []Subject `json:"subjects,omitempty"`     // đối tượng thực hiện
	SubjectNote  string    `json:"subject_note,omitempty"` // mô tả đối tượng, free text
	Steps        string    `json:"steps,omitempty"`        // trình tự thực hiện, free text
	Requirements string    `json:"requirements,omitempty"` // yêu cầu, điều kiện, free text

	Channels    []Channel   `json:"channels"`              // cách thức thực hiện, each with time and fees
	Components  []Component `json:"components,omitempty"`  // thành phần hồ sơ
	LegalBasis  []LegalRef  `json:"legal_basis,omitempty"` // căn cứ pháp lý
	Results     []Result    `json:"results,omitempty"`     // kết quả thực hiện
	OnlineLevel OnlineLevel `json:"online_level,omitempty"`

	PublishDecision  string    `json:"publish_decision,omitempty"` // số quyết định công bố
	PublishEffective time.Time `json:"publish_effective"`          // its effective date

	// CutoffHour is "HH:MM" or empty: a dossier received after it starts its
	// clock at the next working day's opening.
	CutoffHour       string           `json:"cutoff_hour,omitempty"`
	SupplementPolicy SupplementPolicy `json:"supplement_policy,omitempty"`
	SupplementDays   int              `json:"supplement_days,omitempty"` // calendar days to supplement
	Workflow         []Step           `json:"workflow,omitempty"`        // internal steps, in order

	Status        Status    `json:"status"`
	Version       int       `json:"version"`
	EffectiveFrom time.Time `json:"effective_from"` // this version applies from (zero: unknown)
	AbolishedFrom time.Time `json:"abolished_from"` // no longer applies from (zero: not abolished)
}

// Field is a field of administration (lĩnh vực), a record shared by
// procedures. Its code is conventionally "<province code>-<LV>"; imports may
// carry a name only.
type Field struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
}

// Channel is one way of filing a procedure, with its own legal processing
// time and fees.
type Channel struct {
	Kind ChannelKind `json:"channel"`
	Time int         `json:"time"` // in Unit; 0 means the same day
	Unit TimeUnit    `json:"unit"`
	Note string      `json:"note,omitempty"` // how the time is counted, free text
	Fees []Fee       `json:"fees,omitempty"`
}

// Fee is a charge (phí, lệ phí) of a channel.
type Fee struct {
	Name        string `json:"name"`
	AmountVND   int64  `json:"amount_vnd"`
	Per         string `json:"per,omitempty"`         // per what: "bản", "trang", "lần"
	Description string `json:"description,omitempty"` // exemptions, scales, sources
}

// Component is one paper of the dossier (thành phần hồ sơ) with the number of
// each kind of copy to bring.
type Component struct {
	Case            string `json:"case,omitempty"` // the case it applies to (trường hợp); empty: all
	Name            string `json:"name"`
	Originals       int    `json:"originals"`        // bản chính
	CertifiedCopies int    `json:"certified_copies"` // bản sao chứng thực
	Copies          int    `json:"copies"`           // bản sao, bản chụp
	Mandatory       bool   `json:"mandatory"`
	FormTemplate    string `json:"form_template,omitempty"` // file name or URL of the form (mẫu đơn, tờ khai)
}

// LegalRef is a legal text a procedure is based on, as cited by it.
type LegalRef struct {
	Number string    `json:"number"` // số hiệu, e.g. "123/2015/NĐ-CP"
	Name   string    `json:"name"`
	Date   time.Time `json:"date"` // ngày ban hành (zero: unknown)
	Issuer string    `json:"issuer,omitempty"`
}

// Document returns the shared legal document record the reference cites.
func (r LegalRef) Document() LegalDocument {
	return LegalDocument{Number: r.Number, Name: r.Name, Date: r.Date, Issuer: r.Issuer}
}

// LegalDocument is a legal text (văn bản quy phạm pháp luật), a record shared
// by the procedures that cite it and the reviews that found it.
type LegalDocument struct {
	Number        string    `json:"number"`
	Name          string    `json:"name"`
	Date          time.Time `json:"date"`   // issued
	Issuer        string    `json:"issuer"` // cơ quan ban hành
	EffectiveFrom time.Time `json:"effective_from"`
}

// Result is what the procedure produces (kết quả thực hiện).
type Result struct {
	Code  string `json:"code,omitempty"`
	Name  string `json:"name"`
	Paper bool   `json:"paper"` // a paper document, as opposed to an electronic one only
}

// Step is one step of the internal workflow, with its budget in working hours.
// It is done by a role (e.g. "specialist"), an office, or both.
type Step struct {
	Name   string `json:"step"`
	Role   string `json:"role,omitempty"`
	Office string `json:"office,omitempty"`
	Hours  int    `json:"hours"`
}

// ApplyDefaults fills the zero values that have a default: supplement policy
// restart, 15 supplement days, status draft and version 1.
func (p *Procedure) ApplyDefaults() {
	if p.SupplementPolicy == "" {
		p.SupplementPolicy = Restart
	}
	if p.SupplementDays == 0 {
		p.SupplementDays = DefaultSupplementDays
	}
	if p.Status == "" {
		p.Status = Draft
	}
	if p.Version == 0 {
		p.Version = 1
	}
}

// Channel returns the procedure's channel of the given kind and whether it
// has one.
func (p *Procedure) Channel(kind ChannelKind) (Channel, bool) {
	for _, c := range p.Channels {
		if c.Kind == kind {
			return c, true
		}
	}
	return Channel{}, false
}

// InForceAt reports whether this version applies at t: effective (or of
// unknown start) and not yet abolished. It does not look at Status.
func (p *Procedure) InForceAt(t time.Time) bool {
	if !p.EffectiveFrom.IsZero() && t.Before(p.EffectiveFrom) {
		return false
	}
	return p.AbolishedFrom.IsZero() || t.Before(p.AbolishedFrom)
}

// Clone returns a deep copy of p: no slice is shared.
func (p Procedure) Clone() Procedure {
	q := p
	q.Levels = slices.Clone(p.Levels)
	q.Competent = slices.Clone(p.Competent)
	q.Coordinating = slices.Clone(p.Coordinating)
	q.Subjects = slices.Clone(p.Subjects)
	q.Channels = slices.Clone(p.Channels)
	for i := range q.Channels {
		q.Channels[i].Fees = slices.Clone(p.Channels[i].Fees)
	}
	q.Components = slices.Clone(p.Components)
	q.LegalBasis = slices.Clone(p.LegalBasis)
	q.Results = slices.Clone(p.Results)
	q.Workflow = slices.Clone(p.Workflow)
	return q
}

// NextVersion returns a draft copy of p numbered Version+1 that takes effect
// from effective (zero if not known yet), for an edit of a published
// procedure or an accepted review. p itself is not changed; publishing the
// draft is what marks p amended.
func (p Procedure) NextVersion(effective time.Time) Procedure {
	q := p.Clone()
	q.Version = p.Version + 1
	q.Status = Draft
	q.EffectiveFrom = effective
	q.AbolishedFrom = time.Time{}
	return q
}

// Transition moves the version to status to (see [Status.CanBecome]; an empty
// status counts as draft). It returns a [FieldErrors] on "status" with key
// procedure.status.transition when the move is not allowed, and leaves p
// unchanged.
func (p *Procedure) Transition(to Status) error {
	from := p.Status
	if from == "" {
		from = Draft
	}
	if !from.CanBecome(to) {
		return FieldErrors{{Field: "status", Key: keyStatusMove, Args: []any{string(from), string(to)}}}
	}
	p.Status = to
	return nil
}
