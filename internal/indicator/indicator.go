// Package indicator scores the service-quality index of Decision 766/QĐ-TTg (2022): 100 points in five
// groups (domain.md §8). The rules are data (Rules): each indicator has its group, its points, the rate
// at which it earns full marks and the i18n keys of its name and formula. A measured rate earns
// rate × points / FullAt, capped at points; an indicator without data is not assessed and earns nothing,
// so that a card shows both the points earned and the points that could be assessed.
package indicator

import "math"

// Group is one of the five groups of the index.
type Group string

// The groups, in the order of the Decision.
const (
	Transparency Group = "transparency" // công khai, minh bạch: 18 points
	Timeliness   Group = "timeliness"   // tiến độ giải quyết: 20 points
	Online       Group = "online"       // dịch vụ trực tuyến: 22 points
	Digitisation Group = "digitisation" // số hóa hồ sơ: 22 points
	Satisfaction Group = "satisfaction" // mức độ hài lòng: 18 points
)

// Groups returns the groups in the order of the Decision.
func Groups() []Group { return []Group{Transparency, Timeliness, Online, Digitisation, Satisfaction} }

// Key names an indicator.
type Key string

// The indicators.
const (
	PublishedComplete   Key = "published_complete"    // procedures published with complete data
	Synced              Key = "synced"                // dossiers synced to the national portal
	OnTime              Key = "on_time"               // dossiers resolved early or on time (II.06a)
	ProcessingTime      Key = "processing_time"       // legal time against time actually used
	ProceduresOnline    Key = "procedures_online"     // procedures offered online
	DossiersOnline      Key = "dossiers_online"       // dossiers filed online
	ElectronicReturn    Key = "electronic_return"     // online dossiers returned electronically
	OnlinePayment       Key = "online_payment"        // fees paid online
	DigitisedComponents Key = "digitised_components"  // dossiers whose papers were scanned
	ElectronicResults   Key = "electronic_results"    // resolved dossiers with an electronic result
	DataReuse           Key = "data_reuse"            // digitised data reused
	SatisfactionRate    Key = "satisfaction_rate"     // citizens satisfied
	FeedbackOnTime      Key = "feedback_on_time"      // feedback handled on time
	NoOverdueComplaints Key = "no_overdue_complaints" // 100% − overdue rate − complaint rate
)

// Rule is how one indicator is scored.
type Rule struct {
	Key    Key
	Group  Group
	Points float64 // the most it earns
	FullAt float64 // the rate, in percent, that earns full marks
	// Name and Formula are i18n keys: the indicator's name and how its rate is computed.
	Name, Formula string
}

// Rules is the scoring table, in display order; the points of a group add up to the group's points.
var Rules = []Rule{
	{PublishedComplete, Transparency, 10, 100, "analysis.ind.published_complete", "analysis.formula.published_complete"},
	{Synced, Transparency, 8, 100, "analysis.ind.synced", "analysis.formula.synced"},
	{OnTime, Timeliness, 12, 100, "analysis.ind.on_time", "analysis.formula.on_time"},
	{ProcessingTime, Timeliness, 8, 100, "analysis.ind.processing_time", "analysis.formula.processing_time"},
	{ProceduresOnline, Online, 6, 100, "analysis.ind.procedures_online", "analysis.formula.procedures_online"},
	{DossiersOnline, Online, 6, 50, "analysis.ind.dossiers_online", "analysis.formula.dossiers_online"},
	{ElectronicReturn, Online, 5, 100, "analysis.ind.electronic_return", "analysis.formula.electronic_return"},
	{OnlinePayment, Online, 5, 100, "analysis.ind.online_payment", "analysis.formula.online_payment"},
	{DigitisedComponents, Digitisation, 10, 100, "analysis.ind.digitised_components", "analysis.formula.digitised_components"},
	{ElectronicResults, Digitisation, 8, 100, "analysis.ind.electronic_results", "analysis.formula.electronic_results"},
	{DataReuse, Digitisation, 4, 100, "analysis.ind.data_reuse", "analysis.formula.data_reuse"},
	{SatisfactionRate, Satisfaction, 8, 100, "analysis.ind.satisfaction_rate", "analysis.formula.satisfaction_rate"},
	{FeedbackOnTime, Satisfaction, 5, 100, "analysis.ind.feedback_on_time", "analysis.formula.feedback_on_time"},
	{NoOverdueComplaints, Satisfaction, 5, 100, "analysis.ind.no_overdue_complaints", "analysis.formula.no_overdue_complaints"},
}

// GroupPoints returns the points of a group: the sum of its rules' points.
func GroupPoints(g Group) float64 {
	var sum float64
	for _, r := range Rules {
		if r.Group == g {
			sum += r.Points
		}
	}
	return sum
}

// Measure is what was measured for an indicator: a rate in percent, with the numerator and
// denominator it comes from when it is a ratio. Known is false when there is no data.
type Measure struct {
	Known    bool
	Num, Den float64
	Rate     float64 // percent, two decimals
	// Given is true for a rate supplied from elsewhere (a survey, the feedback register): it has no
	// numerator nor denominator.
	Given bool
}

// Ratio measures num of den as a percentage rounded half up to two decimals, computed in integers so
// that 12,200 of 12,450 is 97.99; unknown (no data) when den is not positive.
func Ratio(num, den int64) Measure {
	if den <= 0 {
		return Measure{}
	}
	hundredths := (2*num*10000 + den) / (2 * den)
	return Measure{Known: true, Num: float64(num), Den: float64(den), Rate: float64(hundredths) / 100}
}

// RatioOf measures num of den for quantities that are not counts (days, hours): the rate is rounded
// half up to two decimals; unknown when den is not positive.
func RatioOf(num, den float64) Measure {
	if den <= 0 || num < 0 {
		return Measure{}
	}
	return Measure{Known: true, Num: num, Den: den, Rate: round2(num * 100 / den)}
}

// Given measures a rate supplied in percent; nil means no data.
func Given(rate *float64) Measure {
	if rate == nil {
		return Measure{}
	}
	return Measure{Known: true, Given: true, Rate: round2(*rate)}
}

// Score is a rule with what was measured and what it earns.
type Score struct {
	Rule
	Measure
	Earned float64 // points, two decimals; 0 when not assessed
}

// Assessed reports whether the indicator had data.
func (s Score) Assessed() bool { return s.Known }

// Score scores a measure: rate × Points / FullAt, capped at Points and floored at 0, rounded to two
// decimals; 0 (not assessed) for an unknown measure.
func (r Rule) Score(m Measure) Score {
	s := Score{Rule: r, Measure: m}
	if !m.Known || r.FullAt <= 0 {
		s.Known = false
		return s
	}
	s.Earned = round2(math.Max(0, math.Min(r.Points, m.Rate*r.Points/r.FullAt)))
	return s
}

// GroupCard is the scores of one group.
type GroupCard struct {
	Group    Group
	Points   float64 // the group's points
	Earned   float64 // points earned by the assessed indicators
	Assessed float64 // points of the assessed indicators
	Scores   []Score
}

// Card is the whole index of a unit over a period.
type Card struct {
	Groups   []GroupCard
	Earned   float64 // out of 100
	Assessed float64 // the points that could be assessed
}

// Evaluate scores every rule against the measures (a rule without a measure is not assessed) and
// sums them per group and in all.
func Evaluate(measures map[Key]Measure) Card {
	var c Card
	for _, g := range Groups() {
		gc := GroupCard{Group: g, Points: GroupPoints(g)}
		for _, r := range Rules {
			if r.Group != g {
				continue
			}
			s := r.Score(measures[r.Key])
			gc.Scores = append(gc.Scores, s)
			if s.Assessed() {
				gc.Earned += s.Earned
				gc.Assessed += r.Points
			}
		}
		gc.Earned = round2(gc.Earned)
		c.Groups = append(c.Groups, gc)
		c.Earned += gc.Earned
		c.Assessed += gc.Assessed
	}
	c.Earned = round2(c.Earned)
	return c
}

// round2 rounds half away from zero to two decimals.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
