package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// The sample JSON shape: {"procedures":[...]}, each procedure as in
// catalog-sample.json. Keys the model has no place for ("code_verified",
// "supplement_policy_note", "about") are ignored. [ExportJSON] writes every
// field of the model, adding keys the sample does not use (field_code,
// competent_agencies, status, version, effective_from...), all optional.
type (
	sampleFile struct {
		About      string            `json:"about,omitempty"`
		Procedures []json.RawMessage `json:"procedures"`
	}
	sampleProcedure struct {
		Code             string            `json:"code"`
		Name             string            `json:"name"`
		Field            sampleField       `json:"field"`
		FieldCode        string            `json:"field_code,omitempty"`
		Levels           []string          `json:"levels,omitempty"`
		Competent        []string          `json:"competent_agencies,omitempty"`
		Coordinating     []string          `json:"coordinating_agencies,omitempty"`
		Subjects         []string          `json:"subjects,omitempty"`
		SubjectNote      string            `json:"subject_note,omitempty"`
		Steps            string            `json:"steps,omitempty"`
		Requirements     string            `json:"requirements,omitempty"`
		Channels         []sampleChannel   `json:"channels"`
		CutoffHour       string            `json:"cutoff_hour,omitempty"`
		Components       []sampleComponent `json:"components,omitempty"`
		Results          []sampleResult    `json:"results,omitempty"`
		LegalBasis       []sampleLegal     `json:"legal_basis,omitempty"`
		OnlineLevel      string            `json:"online_level,omitempty"`
		PublishDecision  string            `json:"publish_decision,omitempty"`
		PublishEffective string            `json:"publish_effective,omitempty"`
		SupplementPolicy string            `json:"supplement_policy,omitempty"`
		SupplementDays   int               `json:"supplement_days,omitempty"`
		Workflow         []sampleStep      `json:"workflow,omitempty"`
		Status           string            `json:"status,omitempty"`
		Version          int               `json:"version,omitempty"`
		EffectiveFrom    string            `json:"effective_from,omitempty"`
		AbolishedFrom    string            `json:"abolished_from,omitempty"`
	}
	sampleChannel struct {
		Channel string      `json:"channel"`
		Time    int         `json:"time"`
		Unit    string      `json:"unit"`
		Note    string      `json:"note,omitempty"`
		Fees    []sampleFee `json:"fees"`
	}
	sampleFee struct {
		Name        string `json:"name"`
		AmountVND   int64  `json:"amount_vnd"`
		Per         string `json:"per,omitempty"`
		Description string `json:"description,omitempty"`
	}
	sampleComponent struct {
		Case            string `json:"case,omitempty"`
		Name            string `json:"name"`
		Originals       int    `json:"originals"`
		CertifiedCopies int    `json:"certified_copies"`
		Copies          int    `json:"copies"`
		Mandatory       bool   `json:"mandatory"`
		FormTemplate    string `json:"form_template,omitempty"`
	}
	sampleResult struct {
		Code  string `json:"code,omitempty"`
		Name  string `json:"name"`
		Paper bool   `json:"paper"`
	}
	sampleLegal struct {
		Number string `json:"number"`
		Name   string `json:"name"`
		Date   string `json:"date,omitempty"`
		Issuer string `json:"issuer,omitempty"`
	}
	sampleStep struct {
		Step   string `json:"step"`
		Role   string `json:"role,omitempty"`
		Office string `json:"office,omitempty"`
		Hours  int    `json:"hours"`
	}
)

// sampleField is the "field" key: a name as in the sample, or {"code","name"}.
type sampleField Field

// UnmarshalJSON accepts a string (the name) or an object.
func (f *sampleField) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err == nil {
		*f = sampleField{Name: name}
		return nil
	}
	return json.Unmarshal(b, (*Field)(f))
}

// MarshalJSON writes the name only, as the sample does; the code goes in field_code.
func (f sampleField) MarshalJSON() ([]byte, error) { return json.Marshal(f.Name) }

// ParseSampleJSON reads a catalog in the sample JSON shape and returns one
// [ImportRow] per element of "procedures", Row being its 1-based position.
// An element that does not decode (e.g. a string where a number belongs) is
// rejected on its own with key import.row.malformed; the error is only for a
// file that is not such a JSON object at all.
func ParseSampleJSON(data []byte) ([]ImportRow, error) {
	var file sampleFile
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &file); err != nil {
		return nil, fmt.Errorf("procedure: reading sample JSON: %w", err)
	}
	rows := make([]ImportRow, len(file.Procedures))
	for i, raw := range file.Procedures {
		rows[i].Row = i + 1
		var sp sampleProcedure
		if err := json.Unmarshal(raw, &sp); err != nil {
			rows[i].Code = peekCode(raw)
			rows[i].Errors = append(rows[i].Errors, malformed(i+1, err))
			continue
		}
		p, es := sp.procedure()
		rows[i].Code = p.Code
		rows[i].Procedure = &p
		for _, fe := range es {
			rows[i].Errors = append(rows[i].Errors, ImportError{Row: i + 1, FieldError: fe})
		}
	}
	return finish(rows, atRow), nil
}

// peekCode returns the "code" of a procedure that failed to decode, if any.
func peekCode(raw json.RawMessage) string {
	var c struct{ Code string }
	_ = json.Unmarshal(raw, &c)
	return c.Code
}

// malformed turns a decoding error into a row problem naming the field.
func malformed(row int, err error) ImportError {
	field := ""
	if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
		field = te.Field
	}
	return ImportError{Row: row, FieldError: FieldError{Field: field, Key: keyImportMalformed, Args: []any{err.Error()}}}
}

// procedure converts the file shape to the model; the problems are unreadable dates.
func (sp *sampleProcedure) procedure() (Procedure, FieldErrors) {
	var es FieldErrors
	date := func(field, s string) time.Time {
		t, err := ParseDate(s)
		if err != nil {
			es.add(field, keyDateInvalid, s)
		}
		return t
	}
	p := Procedure{
		Code: sp.Code, Name: sp.Name,
		Field:        Field{Code: sp.FieldCode, Name: sp.Field.Name},
		Competent:    sp.Competent,
		Coordinating: sp.Coordinating,
		SubjectNote:  sp.SubjectNote, Steps: sp.Steps, Requirements: sp.Requirements,
		OnlineLevel:      OnlineLevel(sp.OnlineLevel),
		PublishDecision:  sp.PublishDecision,
		PublishEffective: date("publish_effective", sp.PublishEffective),
		CutoffHour:       sp.CutoffHour,
		SupplementPolicy: SupplementPolicy(sp.SupplementPolicy),
		SupplementDays:   sp.SupplementDays,
		Status:           Status(sp.Status),
		Version:          sp.Version,
		EffectiveFrom:    date("effective_from", sp.EffectiveFrom),
		AbolishedFrom:    date("abolished_from", sp.AbolishedFrom),
	}
	if sp.Field.Code != "" && p.Field.Code == "" {
		p.Field.Code = sp.Field.Code
	}
	for _, l := range sp.Levels {
		p.Levels = append(p.Levels, Level(l))
	}
	for _, s := range sp.Subjects {
		p.Subjects = append(p.Subjects, Subject(s))
	}
	for _, c := range sp.Channels {
		ch := Channel{Kind: ChannelKind(c.Channel), Time: c.Time, Unit: TimeUnit(c.Unit), Note: c.Note}
		for _, f := range c.Fees {
			ch.Fees = append(ch.Fees, Fee(f))
		}
		p.Channels = append(p.Channels, ch)
	}
	for _, c := range sp.Components {
		p.Components = append(p.Components, Component(c))
	}
	for _, r := range sp.Results {
		p.Results = append(p.Results, Result(r))
	}
	for i, l := range sp.LegalBasis {
		p.LegalBasis = append(p.LegalBasis, LegalRef{Number: l.Number, Name: l.Name, Issuer: l.Issuer,
			Date: date(fmt.Sprintf("legal_basis[%d].date", i), l.Date)})
	}
	for _, s := range sp.Workflow {
		p.Workflow = append(p.Workflow, Step{Name: s.Step, Role: s.Role, Office: s.Office, Hours: s.Hours})
	}
	return p, es
}

// toSample converts the model to the file shape.
func toSample(p *Procedure) sampleProcedure {
	sp := sampleProcedure{
		Code: p.Code, Name: p.Name,
		Field: sampleField{Name: p.Field.Name}, FieldCode: p.Field.Code,
		Competent: p.Competent, Coordinating: p.Coordinating,
		SubjectNote: p.SubjectNote, Steps: p.Steps, Requirements: p.Requirements,
		CutoffHour:       p.CutoffHour,
		OnlineLevel:      string(p.OnlineLevel),
		PublishDecision:  p.PublishDecision,
		PublishEffective: FormatDate(p.PublishEffective),
		SupplementPolicy: string(p.SupplementPolicy),
		SupplementDays:   p.SupplementDays,
		Status:           string(p.Status),
		Version:          p.Version,
		EffectiveFrom:    FormatDate(p.EffectiveFrom),
		AbolishedFrom:    FormatDate(p.AbolishedFrom),
		Channels:         []sampleChannel{},
	}
	for _, l := range p.Levels {
		sp.Levels = append(sp.Levels, string(l))
	}
	for _, s := range p.Subjects {
		sp.Subjects = append(sp.Subjects, string(s))
	}
	for _, c := range p.Channels {
		sc := sampleChannel{Channel: string(c.Kind), Time: c.Time, Unit: string(c.Unit), Note: c.Note, Fees: []sampleFee{}}
		for _, f := range c.Fees {
			sc.Fees = append(sc.Fees, sampleFee(f))
		}
		sp.Channels = append(sp.Channels, sc)
	}
	for _, c := range p.Components {
		sp.Components = append(sp.Components, sampleComponent(c))
	}
	for _, r := range p.Results {
		sp.Results = append(sp.Results, sampleResult(r))
	}
	for _, l := range p.LegalBasis {
		sp.LegalBasis = append(sp.LegalBasis, sampleLegal{Number: l.Number, Name: l.Name, Date: FormatDate(l.Date), Issuer: l.Issuer})
	}
	for _, s := range p.Workflow {
		sp.Workflow = append(sp.Workflow, sampleStep{Step: s.Name, Role: s.Role, Office: s.Office, Hours: s.Hours})
	}
	return sp
}

// ExportJSON writes procedures to w in the sample JSON shape, indented, so
// that [ParseSampleJSON] reads them back unchanged. It returns w's error.
func ExportJSON(w io.Writer, procedures []Procedure) error {
	out := struct {
		Procedures []sampleProcedure `json:"procedures"`
	}{Procedures: make([]sampleProcedure, len(procedures))}
	for i := range procedures {
		out.Procedures[i] = toSample(&procedures[i])
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
