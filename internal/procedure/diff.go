package procedure

import (
	"fmt"
	"strconv"
	"strings"
)

// Change is one difference between two versions of a procedure, for the
// history page: the field's path in the sample JSON shape, keyed by channel
// or name inside lists ("channels[online].time", "components[Tờ khai]"), and
// plain-text summaries of the value before and after. An empty Before means
// added; an empty After means removed.
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Diff lists what changed from old to new, in field order. Version and
// Status are not compared: they differ between any two versions and the
// history page shows them itself. An empty result means the two have the same
// content, which is how an import detects that nothing changed.
func Diff(old, new Procedure) []Change {
	d := differ{}
	d.str("code", old.Code, new.Code)
	d.str("name", old.Name, new.Name)
	d.str("field.code", old.Field.Code, new.Field.Code)
	d.str("field.name", old.Field.Name, new.Field.Name)
	d.str("levels", joinAny(old.Levels), joinAny(new.Levels))
	d.str("competent", joinAny(old.Competent), joinAny(new.Competent))
	d.str("coordinating", joinAny(old.Coordinating), joinAny(new.Coordinating))
	d.str("subjects", joinAny(old.Subjects), joinAny(new.Subjects))
	d.str("subject_note", old.SubjectNote, new.SubjectNote)
	d.str("steps", old.Steps, new.Steps)
	d.str("requirements", old.Requirements, new.Requirements)
	d.channels(old.Channels, new.Channels)
	keyed(&d, "components", old.Components, new.Components, componentKey, Component.summary, true)
	keyed(&d, "legal_basis", old.LegalBasis, new.LegalBasis, legalKey, LegalRef.summary, true)
	keyed(&d, "results", old.Results, new.Results, func(r Result) string { return r.Name }, Result.summary, true)
	d.str("online_level", string(old.OnlineLevel), string(new.OnlineLevel))
	d.str("publish_decision", old.PublishDecision, new.PublishDecision)
	d.str("publish_effective", FormatDate(old.PublishEffective), FormatDate(new.PublishEffective))
	d.str("cutoff_hour", old.CutoffHour, new.CutoffHour)
	d.str("supplement_policy", string(old.SupplementPolicy), string(new.SupplementPolicy))
	d.str("supplement_days", itoaNonZero(old.SupplementDays), itoaNonZero(new.SupplementDays))
	d.str("workflow", workflowSummary(old.Workflow), workflowSummary(new.Workflow))
	d.str("effective_from", FormatDate(old.EffectiveFrom), FormatDate(new.EffectiveFrom))
	d.str("abolished_from", FormatDate(old.AbolishedFrom), FormatDate(new.AbolishedFrom))
	return d.changes
}

type differ struct{ changes []Change }

func (d *differ) str(field, before, after string) {
	if before != after {
		d.changes = append(d.changes, Change{Field: field, Before: before, After: after})
	}
}

func (d *differ) channels(old, new []Channel) {
	keyed(d, "channels", old, new, func(c Channel) string { return string(c.Kind) }, Channel.summary, false)
	for _, o := range old {
		for _, n := range new {
			if o.Kind != n.Kind {
				continue
			}
			path := "channels[" + string(o.Kind) + "]"
			d.str(path+".time", o.timeSummary(), n.timeSummary())
			d.str(path+".note", o.Note, n.Note)
			d.str(path+".fees", feesSummary(o.Fees), feesSummary(n.Fees))
		}
	}
}

// keyed reports items added to or removed from a list, matched by key, and,
// when kept is true, items in both whose summary changed.
func keyed[T any](d *differ, field string, old, new []T, key, summary func(T) string, kept bool) {
	index := func(items []T) map[string]T {
		m := make(map[string]T, len(items))
		for _, it := range items {
			m[key(it)] = it
		}
		return m
	}
	oldBy, newBy := index(old), index(new)
	for _, o := range old {
		k := key(o)
		n, ok := newBy[k]
		switch {
		case !ok:
			d.str(field+"["+k+"]", summary(o), "")
		case kept:
			d.str(field+"["+k+"]", summary(o), summary(n))
		}
	}
	for _, n := range new {
		if _, ok := oldBy[key(n)]; !ok {
			d.str(field+"["+key(n)+"]", "", summary(n))
		}
	}
}

func joinAny[T ~string](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = string(x)
	}
	return strings.Join(parts, "; ")
}

func itoaNonZero(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (c Channel) timeSummary() string { return fmt.Sprintf("%d %s", c.Time, c.Unit) }

func (c Channel) summary() string {
	s := c.timeSummary()
	if fees := feesSummary(c.Fees); fees != "" {
		s += "; " + fees
	}
	return s
}

func (f Fee) summary() string {
	s := fmt.Sprintf("%s: %d VND", f.Name, f.AmountVND)
	if f.Per != "" {
		s += "/" + f.Per
	}
	if f.Description != "" {
		s += " (" + f.Description + ")"
	}
	return s
}

func feesSummary(fees []Fee) string {
	parts := make([]string, len(fees))
	for i, f := range fees {
		parts[i] = f.summary()
	}
	return strings.Join(parts, "; ")
}

func componentKey(c Component) string {
	if c.Case != "" {
		return c.Case + ": " + c.Name
	}
	return c.Name
}

func (c Component) summary() string {
	s := fmt.Sprintf("originals=%d certified_copies=%d copies=%d mandatory=%t",
		c.Originals, c.CertifiedCopies, c.Copies, c.Mandatory)
	if c.FormTemplate != "" {
		s += " form=" + c.FormTemplate
	}
	return s
}

func legalKey(r LegalRef) string {
	if r.Number != "" {
		return r.Number
	}
	return r.Name
}

func (r LegalRef) summary() string {
	parts := []string{r.Number, r.Name, FormatDate(r.Date), r.Issuer}
	return strings.Join(nonEmpty(parts), "; ")
}

func (r Result) summary() string {
	return fmt.Sprintf("code=%s paper=%t", r.Code, r.Paper)
}

func workflowSummary(steps []Step) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		who := strings.Join(nonEmpty([]string{s.Role, s.Office}), ", ")
		parts[i] = fmt.Sprintf("%d. %s (%s, %dh)", i+1, s.Name, who, s.Hours)
	}
	return strings.Join(parts, "; ")
}

func nonEmpty(xs []string) []string {
	out := xs[:0:0]
	for _, x := range xs {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
