package procedure

import (
	"fmt"
	"strings"
)

// Validate checks one version of a procedure and returns nil or a
// [FieldErrors] naming every bad field: the code's shape; a non-empty name; at
// least one channel, each valid and listed once, with a time ≥ 0 in a valid
// unit and fees ≥ 0; component counts ≥ 0 and names present; levels,
// subjects, online level, status, supplement policy and cut-off hour valid;
// workflow budgets ≥ 0 whose sum fits in the quickest channel's legal time
// (see [Channel.LegalHours]); an abolition date not before the effective date.
// Empty optional fields (policy, supplement days, status, version) are
// accepted as their defaults.
func (p *Procedure) Validate() error {
	var es FieldErrors
	if !ValidCode(p.Code) {
		es.add("code", keyCodeInvalid, p.Code)
	}
	if strings.TrimSpace(p.Name) == "" {
		es.add("name", keyRequired)
	}
	for i, l := range p.Levels {
		if !l.Valid() {
			es.add(fmt.Sprintf("levels[%d]", i), keyLevelInvalid, string(l))
		}
	}
	for i, s := range p.Subjects {
		if !s.Valid() {
			es.add(fmt.Sprintf("subjects[%d]", i), keySubjectInvalid, string(s))
		}
	}
	p.validateChannels(&es)
	for i, c := range p.Components {
		path := fmt.Sprintf("components[%d]", i)
		if strings.TrimSpace(c.Name) == "" {
			es.add(path+".name", keyRequired)
		}
		for _, n := range []struct {
			field string
			count int
		}{{"originals", c.Originals}, {"certified_copies", c.CertifiedCopies}, {"copies", c.Copies}} {
			if n.count < 0 {
				es.add(path+"."+n.field, keyCountNegative, n.count)
			}
		}
	}
	for i, r := range p.LegalBasis {
		if strings.TrimSpace(r.Number) == "" && strings.TrimSpace(r.Name) == "" {
			es.add(fmt.Sprintf("legal_basis[%d].number", i), keyRequired)
		}
	}
	for i, r := range p.Results {
		if strings.TrimSpace(r.Name) == "" {
			es.add(fmt.Sprintf("results[%d].name", i), keyRequired)
		}
	}
	if p.OnlineLevel != "" && !p.OnlineLevel.Valid() {
		es.add("online_level", keyOnlineInvalid, string(p.OnlineLevel))
	}
	if p.CutoffHour != "" {
		if _, _, ok := ParseCutoff(p.CutoffHour); !ok {
			es.add("cutoff_hour", keyCutoffInvalid, p.CutoffHour)
		}
	}
	if p.SupplementPolicy != "" && !p.SupplementPolicy.Valid() {
		es.add("supplement_policy", keyPolicyInvalid, string(p.SupplementPolicy))
	}
	if p.SupplementDays < 0 {
		es.add("supplement_days", keyDaysNegative, p.SupplementDays)
	}
	p.validateWorkflow(&es)
	if p.Status != "" && !p.Status.Valid() {
		es.add("status", keyStatusInvalid, string(p.Status))
	}
	if p.Version < 0 {
		es.add("version", keyVersionInvalid, p.Version)
	}
	if !p.AbolishedFrom.IsZero() && !p.EffectiveFrom.IsZero() && p.AbolishedFrom.Before(p.EffectiveFrom) {
		es.add("abolished_from", keyAbolishedBefore, FormatDate(p.AbolishedFrom), FormatDate(p.EffectiveFrom))
	}
	return es.err()
}

func (p *Procedure) validateChannels(es *FieldErrors) {
	if len(p.Channels) == 0 {
		es.add("channels", keyChannelsRequired)
	}
	seen := map[ChannelKind]bool{}
	for i, c := range p.Channels {
		path := fmt.Sprintf("channels[%d]", i)
		switch {
		case !c.Kind.Valid():
			es.add(path+".channel", keyChannelInvalid, string(c.Kind))
		case seen[c.Kind]:
			es.add(path+".channel", keyChannelDuplicate, string(c.Kind))
		}
		seen[c.Kind] = true
		if c.Time < 0 {
			es.add(path+".time", keyTimeNegative, c.Time)
		}
		if !c.Unit.Valid() {
			es.add(path+".unit", keyUnitInvalid, string(c.Unit))
		}
		for j, f := range c.Fees {
			if f.AmountVND < 0 {
				es.add(fmt.Sprintf("%s.fees[%d].amount_vnd", path, j), keyFeeNegative, f.AmountVND)
			}
		}
	}
}

func (p *Procedure) validateWorkflow(es *FieldErrors) {
	sum := 0
	for i, s := range p.Workflow {
		path := fmt.Sprintf("workflow[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			es.add(path+".step", keyRequired)
		}
		if s.Hours < 0 {
			es.add(path+".hours", keyHoursNegative, s.Hours)
			continue
		}
		sum += s.Hours
	}
	if len(p.Workflow) == 0 {
		return
	}
	limit, kind, ok := p.LegalHours()
	if ok && sum > limit {
		es.add("workflow", keyWorkflowOver, sum, limit, string(kind))
	}
}

// LegalHours returns the smallest legal processing time among the valid
// channels, in working hours as [Channel.LegalHours] counts it, and that
// channel's kind; ok is false when no channel has a valid time and unit.
func (p *Procedure) LegalHours() (hours int, kind ChannelKind, ok bool) {
	for _, c := range p.Channels {
		h, valid := c.LegalHours()
		if valid && (!ok || h < hours) {
			hours, kind, ok = h, c.Kind, true
		}
	}
	return hours, kind, ok
}

// LegalHours returns the channel's legal processing time as a number of
// working hours that is certain to be available, for checking workflow
// budgets; ok is false for a negative time or an invalid unit.
//
//   - WORKING_HOUR: the time itself.
//   - WORKING_DAY: 8 hours a day; 0 days ("same day", trả trong ngày) is one
//     working day, 8 hours, since the due time is the closing time of the day.
//   - DAY: calendar days become the fewest working days any run of that many
//     days can hold, counting weekends but not public holidays (5 per full
//     week, plus the remainder less a weekend): 15 days → 10 working days →
//     80 hours. Because a due date on a rest day moves to the next working
//     day's close, the result is never below one working day (8 hours), and 0
//     days is the same day (8 hours).
//   - MONTH: months become the fewest calendar days that many consecutive
//     months can hold (1 → 28, 2 → 59, 3 → 89, 12 → 365), then as DAY.
//
// Holidays are ignored: a 15-day procedure that spans Tết has fewer working
// hours than this, and the deadline, not the budget check, handles that.
func (c Channel) LegalHours() (hours int, ok bool) {
	if c.Time < 0 || !c.Unit.Valid() {
		return 0, false
	}
	switch c.Unit {
	case WorkingHour:
		return c.Time, true
	case WorkingDay:
		return max(c.Time, 1) * 8, true
	case Day:
		return calendarDaysHours(c.Time), true
	default: // Month
		return calendarDaysHours(minMonthDays(c.Time)), true
	}
}

// calendarDaysHours returns the working hours certain to be in n calendar days.
func calendarDaysHours(n int) int {
	workingDays := n/7*5 + max(n%7-2, 0)
	return max(workingDays, 1) * 8
}

// minMonthDays returns the fewest days n consecutive months can have.
func minMonthDays(n int) int {
	lengths := [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	fewest := -1
	for start := range 12 {
		days := 0
		for i := range n {
			days += lengths[(start+i)%12]
		}
		if fewest < 0 || days < fewest {
			fewest = days
		}
	}
	return fewest
}
