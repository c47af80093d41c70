package web

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// The procedure editor is one plain form: simple fields named as in the JSON shape (code, name,
// cutoff_hour...) and tables whose cells are named by JSON path (channels[0].fees[1].amount_vnd),
// so that the procedure's own field errors land on the cell they are about once the row numbers
// are mapped back from the procedure's lists to the form's rows (blank rows are skipped).

// editorColumns lists the cells of each table row; a row with all of them empty is ignored.
var editorColumns = map[string][]string{
	"channels":    {"channel", "time", "unit", "note"},
	"components":  {"case", "name", "originals", "certified_copies", "copies", "form_template"},
	"legal_basis": {"number", "name", "date", "issuer"},
	"results":     {"code", "name"},
	"workflow":    {"step", "role", "office", "hours"},
}

var feeColumns = []string{"name", "amount_vnd", "per", "description"}

// procValues returns the editor's values for a procedure version.
func procValues(p procedure.Procedure) map[string]string {
	v := map[string]string{
		"code": p.Code, "name": p.Name, "field_code": p.Field.Code, "field_name": p.Field.Name,
		"levels": joinLines(p.Levels), "subjects": joinLines(p.Subjects), "subject_note": p.SubjectNote,
		"competent": strings.Join(p.Competent, "\n"), "coordinating": strings.Join(p.Coordinating, "\n"),
		"steps": p.Steps, "requirements": p.Requirements, "online_level": string(p.OnlineLevel),
		"publish_decision": p.PublishDecision, "publish_effective": procedure.FormatDate(p.PublishEffective),
		"effective_from": procedure.FormatDate(p.EffectiveFrom), "cutoff_hour": p.CutoffHour,
		"supplement_policy": string(p.SupplementPolicy),
	}
	if p.SupplementDays != 0 {
		v["supplement_days"] = strconv.Itoa(p.SupplementDays)
	}
	set := func(value string, parts ...any) { v[fieldPath(parts...)] = value }
	for i, c := range p.Channels {
		set(string(c.Kind), "channels", i, "channel")
		set(strconv.Itoa(c.Time), "channels", i, "time")
		set(string(c.Unit), "channels", i, "unit")
		set(c.Note, "channels", i, "note")
		for j, f := range c.Fees {
			set(f.Name, "channels", i, "fees", j, "name")
			set(strconv.FormatInt(f.AmountVND, 10), "channels", i, "fees", j, "amount_vnd")
			set(f.Per, "channels", i, "fees", j, "per")
			set(f.Description, "channels", i, "fees", j, "description")
		}
	}
	for i, c := range p.Components {
		set(c.Case, "components", i, "case")
		set(c.Name, "components", i, "name")
		set(strconv.Itoa(c.Originals), "components", i, "originals")
		set(strconv.Itoa(c.CertifiedCopies), "components", i, "certified_copies")
		set(strconv.Itoa(c.Copies), "components", i, "copies")
		set(checked(c.Mandatory), "components", i, "mandatory")
		set(c.FormTemplate, "components", i, "form_template")
	}
	for i, l := range p.LegalBasis {
		set(l.Number, "legal_basis", i, "number")
		set(l.Name, "legal_basis", i, "name")
		set(procedure.FormatDate(l.Date), "legal_basis", i, "date")
		set(l.Issuer, "legal_basis", i, "issuer")
	}
	for i, res := range p.Results {
		set(res.Code, "results", i, "code")
		set(res.Name, "results", i, "name")
		set(checked(res.Paper), "results", i, "paper")
	}
	for i, st := range p.Workflow {
		set(st.Name, "workflow", i, "step")
		set(st.Role, "workflow", i, "role")
		set(st.Office, "workflow", i, "office")
		set(strconv.Itoa(st.Hours), "workflow", i, "hours")
	}
	return v
}

func joinLines[T ~string](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = string(x)
	}
	return strings.Join(parts, "\n")
}

func checked(b bool) string {
	if b {
		return "on"
	}
	return ""
}

// lines splits a textarea into its non-empty trimmed lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// rowCount returns how many rows of a table (or fees of a channel: prefix "channels[2].fees") the
// values hold: one more than the highest row number named.
func rowCount(v map[string]string, prefix string) int {
	n := 0
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `\[(\d+)\]`)
	for k := range v {
		if m := re.FindStringSubmatch(k); m != nil {
			if i, _ := strconv.Atoi(m[1]); i+1 > n && i < 1000 {
				n = i + 1
			}
		}
	}
	return n
}

// rowIndex remembers which form row each item of the procedure's lists came from.
type rowIndex struct {
	rows map[string][]int // table → form row of each item kept
	fees map[int][]int    // channel item → form fee row of each fee kept
}

// formReader reads the editor's values, collecting the cells that cannot be read.
type formReader struct {
	v    map[string]string
	errs fault.Fields
}

func (f *formReader) get(parts ...any) string { return strings.TrimSpace(f.v[fieldPath(parts...)]) }

func (f *formReader) blank(cols []string, parts ...any) bool {
	for _, c := range cols {
		if f.get(append(parts, c)...) != "" {
			return false
		}
	}
	return true
}

// int reads a whole number; empty is 0 unless required.
func (f *formReader) int(required bool, parts ...any) int {
	s := f.get(parts...)
	if s == "" {
		if required {
			f.errs.Add(fieldPath(parts...), "procedure.required")
		}
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.errs.Add(fieldPath(parts...), "procedure.number.invalid", s)
	}
	return n
}

// money reads an amount in đồng written the Vietnamese way or plainly: "8.000", "8000", "8.000 ₫".
func (f *formReader) money(parts ...any) int64 {
	s := f.get(parts...)
	clean := strings.NewReplacer(".", "", ",", "", " ", "", "₫", "", "VND", "", "đ", "").Replace(s)
	if clean == "" {
		f.errs.Add(fieldPath(parts...), "procedure.required")
		return 0
	}
	n, err := strconv.ParseInt(clean, 10, 64)
	if err != nil {
		f.errs.Add(fieldPath(parts...), "procedure.fee.amount.invalid", s)
	}
	return n
}

func (f *formReader) date(parts ...any) time.Time {
	s := f.get(parts...)
	t, err := procedure.ParseDate(s)
	if err != nil {
		f.errs.Add(fieldPath(parts...), "field.date.invalid")
	}
	return t
}

// procedureInput reads the editor's form into a procedure. When a cell cannot be read, it returns an
// Invalid error naming every bad cell, the procedure's own checks included, by form name.
func procedureInput(v map[string]string) (procedure.Procedure, rowIndex, error) {
	f := &formReader{v: v}
	ri := rowIndex{rows: map[string][]int{}, fees: map[int][]int{}}
	p := procedure.Procedure{
		Code: strings.ToUpper(f.get("code")), Name: f.get("name"),
		Field:     procedure.Field{Code: f.get("field_code"), Name: f.get("field_name")},
		Competent: lines(v["competent"]), Coordinating: lines(v["coordinating"]),
		SubjectNote: f.get("subject_note"), Steps: f.get("steps"), Requirements: f.get("requirements"),
		OnlineLevel: procedure.OnlineLevel(f.get("online_level")), PublishDecision: f.get("publish_decision"),
		PublishEffective: f.date("publish_effective"), EffectiveFrom: f.date("effective_from"),
		CutoffHour: f.get("cutoff_hour"), SupplementPolicy: procedure.SupplementPolicy(f.get("supplement_policy")),
		SupplementDays: f.int(false, "supplement_days"),
	}
	for _, l := range lines(v["levels"]) {
		p.Levels = append(p.Levels, procedure.Level(l))
	}
	for _, s := range lines(v["subjects"]) {
		p.Subjects = append(p.Subjects, procedure.Subject(s))
	}
	for i := range rowCount(v, "channels") {
		fees := rowCount(v, fieldPath("channels", i, "fees"))
		blankFees := true
		for j := range fees {
			blankFees = blankFees && f.blank(feeColumns, "channels", i, "fees", j)
		}
		if f.blank(editorColumns["channels"], "channels", i) && blankFees {
			continue
		}
		item := len(p.Channels)
		c := procedure.Channel{Kind: procedure.ChannelKind(f.get("channels", i, "channel")), Time: f.int(true, "channels", i, "time"),
			Unit: procedure.TimeUnit(f.get("channels", i, "unit")), Note: f.get("channels", i, "note")}
		for j := range fees {
			if f.blank(feeColumns, "channels", i, "fees", j) {
				continue
			}
			c.Fees = append(c.Fees, procedure.Fee{Name: f.get("channels", i, "fees", j, "name"), AmountVND: f.money("channels", i, "fees", j, "amount_vnd"),
				Per: f.get("channels", i, "fees", j, "per"), Description: f.get("channels", i, "fees", j, "description")})
			ri.fees[item] = append(ri.fees[item], j)
		}
		p.Channels = append(p.Channels, c)
		ri.rows["channels"] = append(ri.rows["channels"], i)
	}
	each := func(table string, read func(i int)) {
		for i := range rowCount(v, table) {
			if !f.blank(editorColumns[table], table, i) {
				read(i)
				ri.rows[table] = append(ri.rows[table], i)
			}
		}
	}
	each("components", func(i int) {
		p.Components = append(p.Components, procedure.Component{Case: f.get("components", i, "case"), Name: f.get("components", i, "name"),
			Originals: f.int(false, "components", i, "originals"), CertifiedCopies: f.int(false, "components", i, "certified_copies"),
			Copies: f.int(false, "components", i, "copies"), Mandatory: f.get("components", i, "mandatory") != "",
			FormTemplate: f.get("components", i, "form_template")})
	})
	each("legal_basis", func(i int) {
		p.LegalBasis = append(p.LegalBasis, procedure.LegalRef{Number: f.get("legal_basis", i, "number"), Name: f.get("legal_basis", i, "name"),
			Date: f.date("legal_basis", i, "date"), Issuer: f.get("legal_basis", i, "issuer")})
	})
	each("results", func(i int) {
		p.Results = append(p.Results, procedure.Result{Code: f.get("results", i, "code"), Name: f.get("results", i, "name"),
			Paper: f.get("results", i, "paper") != ""})
	})
	each("workflow", func(i int) {
		p.Workflow = append(p.Workflow, procedure.Step{Name: f.get("workflow", i, "step"), Role: f.get("workflow", i, "role"),
			Office: f.get("workflow", i, "office"), Hours: f.int(true, "workflow", i, "hours")})
	})
	if len(f.errs) == 0 {
		return p, ri, nil
	}
	// Show the procedure's own problems beside the unreadable cells, in one go.
	check := p.Clone()
	check.ApplyDefaults()
	var fes procedure.FieldErrors
	if errors.As(check.Validate(), &fes) {
		for _, e := range fes {
			f.errs.Add(ri.formName(e.Field), e.Key, e.Args...)
		}
	}
	return p, ri, f.errs.Err()
}

// formName maps a field path of the procedure ("channels[1].fees[0].amount_vnd") to the name of the
// form cell it came from ("channels[2].fees[1].amount_vnd" when rows were skipped).
func (ri rowIndex) formName(field string) string {
	m := rowField.FindStringSubmatch(field)
	if m == nil {
		return field
	}
	table, item := m[1], atoi(m[2])
	if table == "levels" || table == "subjects" {
		return table
	}
	rows, ok := ri.rows[table]
	if !ok || item >= len(rows) {
		return field
	}
	parts := []any{table, rows[item]}
	if m[3] != "" {
		fee, fees := atoi(m[3]), ri.fees[item]
		if fee < len(fees) {
			parts = append(parts, "fees", fees[fee])
		} else {
			parts = append(parts, "fees", fee)
		}
	}
	if m[4] != "" {
		parts = append(parts, m[4])
	}
	return fieldPath(parts...)
}

// formError renames the fields of an Invalid error from procedure paths to form names; a taken code
// is shown on the code field too.
func (ri rowIndex) formError(err error) error {
	fe := fault.As(err)
	if fe.Message.Key == "catalog.code.taken" {
		return &fault.Error{Kind: fe.Kind, Message: fe.Message, Fields: map[string]fault.Message{"code": fe.Message}}
	}
	if fe.Kind != fault.Invalid || len(fe.Fields) == 0 {
		return err
	}
	out := &fault.Error{Kind: fe.Kind, Message: fe.Message, Fields: map[string]fault.Message{}, Err: fe.Err}
	for name, m := range fe.Fields {
		if _, dup := out.Fields[ri.formName(name)]; !dup {
			out.Fields[ri.formName(name)] = m
		}
	}
	return out
}

// formDate reads a date field of a small form; required says whether empty is an error.
func formDate(name, value string, required bool) (time.Time, error) {
	value = strings.TrimSpace(value)
	if value == "" && required {
		return time.Time{}, requiredField(name)
	}
	t, err := procedure.ParseDate(value)
	if err != nil {
		var f fault.Fields
		f.Add(name, "field.date.invalid")
		return t, f.Err()
	}
	return t, nil
}

func requiredField(name string) error {
	var f fault.Fields
	f.Add(name, "field.required")
	return f.Err()
}
