package dossier

import (
	"fmt"
	"strings"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// GuidanceItem is one paper to add or fix, with the counts asked and why.
type GuidanceItem struct {
	Name            string `json:"name"`
	Originals       int    `json:"originals"`
	CertifiedCopies int    `json:"certified_copies"`
	Copies          int    `json:"copies"`
	Reason          string `json:"reason"`
}

// Guidance is the data of the supplement form (Phiếu yêu cầu bổ sung, hoàn
// thiện hồ sơ, Mẫu 02): every item at once ("hướng dẫn một lần"). The caller
// stores and prints it; for a dossier it is also kept in Dossier.Guidances.
type Guidance struct {
	At            time.Time      `json:"at"`
	Stage         string         `json:"stage"`                  // "reception" or "processing"
	DossierCode   string         `json:"dossier_code,omitempty"` // empty for a desk visit with no dossier
	ProcedureCode string         `json:"procedure_code"`
	ProcedureName string         `json:"procedure_name"`
	Applicant     Applicant      `json:"applicant"`
	Items         []GuidanceItem `json:"items"`
	Officer       string         `json:"officer"` // username of the guiding officer
	OfficerName   string         `json:"officer_name"`
	OfficerUnit   string         `json:"officer_unit"`
	Contact       string         `json:"contact,omitempty"` // officer's phone for questions
	Note          string         `json:"note,omitempty"`
}

// GuidanceInput asks for a guidance (Mẫu 02).
type GuidanceInput struct {
	Items   []GuidanceItem // at least one, each with a name and a reason
	Contact string
	// Applicant is used only by DeskGuidance, where no dossier exists.
	Applicant Applicant
	Memo
}

// guidance validates the input into a guidance of the stage; it returns an
// Invalid fault naming "items" (dossier.guidance.items.required),
// "items[i].name", "items[i].reason" and negative counts.
func guidance(in GuidanceInput, a Actor, stage string, now time.Time) (Guidance, error) {
	var f fault.Fields
	if len(in.Items) == 0 {
		f.Add("items", keyItemsRequired)
	}
	items := make([]GuidanceItem, len(in.Items))
	for i, it := range in.Items {
		it.Name, it.Reason = strings.TrimSpace(it.Name), strings.TrimSpace(it.Reason)
		checkText(&f, fmt.Sprintf("items[%d].name", i), it.Name, maxName, true)
		checkText(&f, fmt.Sprintf("items[%d].reason", i), it.Reason, maxAddress, true)
		if it.Originals < 0 || it.CertifiedCopies < 0 || it.Copies < 0 {
			f.Add(fmt.Sprintf("items[%d]", i), keyCountNegative, min(it.Originals, it.CertifiedCopies, it.Copies))
		}
		items[i] = it
	}
	if err := f.Err(); err != nil {
		return Guidance{}, err
	}
	return Guidance{At: now, Stage: stage, Items: items, Officer: a.Username, OfficerName: a.FullName,
		OfficerUnit: a.UnitCode, Contact: strings.TrimSpace(in.Contact), Note: in.Note}, nil
}

// DeskGuidance returns the guidance for an applicant at the desk whose papers
// are incomplete: no dossier is created (the caller may store and print the
// guidance). Errors: Forbidden unless the actor is a reception officer; an
// Internal fault for a zero now; Invalid for a missing item list, an item
// without name or reason, a negative count, or bad applicant data (name and
// kind required; identity number, phone and e-mail checked when given).
func DeskGuidance(in GuidanceInput, a Actor, p procedure.Procedure, now time.Time) (Guidance, error) {
	// The rule of ActRefuseAtReception on a new dossier is the rule of any desk act.
	if _, _, _, err := begin(Dossier{}, ActRefuseAtReception, a, nil, now); err != nil {
		return Guidance{}, err
	}
	var f fault.Fields
	app := checkApplicant(&f, in.Applicant, false)
	if err := f.Err(); err != nil {
		return Guidance{}, err
	}
	g, err := guidance(in, a, "reception", now.In(calendar.Location))
	if err != nil {
		return Guidance{}, err
	}
	g.ProcedureCode, g.ProcedureName, g.Applicant = p.Code, p.Name, app
	return g, nil
}

// GuideSupplementAtDesk asks the applicant of an online dossier (status 1)
// to complete it: the guidance (Mẫu 02) is appended to Guidances, the
// dossier stays in status 1 awaiting the applicant (CorrectionRequestedAt),
// and keeps its code for the resubmission. An answer after CorrectionDueAt
// sets CorrectionLate. Errors: Forbidden unless reception; Conflict
// (dossier.transition.invalid) in any other status; Invalid as for
// DeskGuidance's items.
func GuideSupplementAtDesk(d Dossier, in GuidanceInput, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, _, now, err := begin(d, ActGuideSupplement, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	g, err := guidance(in, a, "reception", now)
	if err != nil {
		return Dossier{}, nil, err
	}
	g.DossierCode, g.ProcedureCode, g.ProcedureName, g.Applicant = d.Code, d.ProcedureCode, d.ProcedureName, d.Applicant
	if d.CorrectionOverdue(now) {
		d.CorrectionLate = true
	}
	d.Guidances = append(d.Guidances, g)
	d.CorrectionRequestedAt = now
	return d, []Event{event(a, ActGuideSupplement, StatusSubmitted, StatusSubmitted, now, in.Note, in.Attachments)}, nil
}

// RefusalInput gives the reasons of a refusal: at reception (Mẫu 03) or
// after appraisal.
type RefusalInput struct {
	Reasons []string // at least one
	// Channel, Applicant, Code and ReceivingUnit are used only when refusing
	// a walk-in at the desk (d is the zero Dossier); Code may be empty.
	Channel       Channel
	Applicant     Applicant
	Code          string
	ReceivingUnit string
	Memo
}

// reasons trims the reasons and drops empty ones; it records "reasons" if
// none is left.
func reasons(f *fault.Fields, in []string) []string {
	var out []string
	for _, r := range in {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		f.Add("reasons", keyReasonsRequired)
	}
	return out
}

// RefuseAtReception refuses a dossier at reception (status 3, Mẫu 03): an
// online one in status 1, or a walk-in (d is the zero Dossier: a record is
// created from the input's channel, applicant, code and the procedure p).
// The dossier was never received: it has no appointment and no outcome.
// Errors: Forbidden unless reception; Conflict (dossier.transition.invalid)
// in any other status; Invalid for no reason (dossier.reasons.required) and,
// for a walk-in, a channel other than in person or postal and bad applicant
// data (name and kind required).
func RefuseAtReception(d Dossier, in RefusalInput, a Actor, p procedure.Procedure, cal *calendar.Calendar, now time.Time) (Dossier, []Event, error) {
	d, _, now, err := begin(d, ActRefuseAtReception, a, cal, now)
	if err != nil {
		return Dossier{}, nil, err
	}
	from := d.Status
	var f fault.Fields
	rs := reasons(&f, in.Reasons)
	if from == None {
		d.Code = strings.TrimSpace(in.Code)
		d.Channel = in.Channel
		if d.Channel != ChannelInPerson && d.Channel != ChannelPostal {
			f.Add("channel", keyChannelInvalid, in.Channel.String())
		}
		d.Applicant = checkApplicant(&f, in.Applicant, false)
		d.ReceivingUnit = strings.TrimSpace(in.ReceivingUnit)
		if d.ReceivingUnit == "" {
			d.ReceivingUnit = a.UnitCode
		}
		d.CompetentUnit = d.ReceivingUnit
		d.ProcedureCode, d.ProcedureVersion, d.ProcedureName = p.Code, p.Version, p.Name
		d.FieldCode, d.FieldName = p.Field.Code, p.Field.Name
	}
	if err := f.Err(); err != nil {
		return Dossier{}, nil, err
	}
	if from == StatusSubmitted && d.CorrectionOverdue(now) {
		d.CorrectionLate = true
	}
	d.Status = StatusRejected
	d.Refusal = Refusal{Stage: "reception", At: now, By: a.Username, Reasons: rs}
	return d, []Event{event(a, ActRefuseAtReception, from, StatusRejected, now, noteOr(in.Note, rs), in.Attachments)}, nil
}

// noteOr returns note, or the reasons joined by "; " when it is empty, so the
// timeline shows why.
func noteOr(note string, rs []string) string {
	if strings.TrimSpace(note) != "" {
		return note
	}
	return strings.Join(rs, "; ")
}
