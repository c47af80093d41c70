package analysis

import (
	"context"
	"time"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/indicator"
	"motcua/internal/procedure"
)

// The parts of a procedure's published data that PublishedComplete checks, as i18n keys.
const (
	MissingComponents = "analysis.missing.components"
	MissingFees       = "analysis.missing.fees"
	MissingTime       = "analysis.missing.time"
	MissingLegalBasis = "analysis.missing.legal_basis"
)

// Incomplete is a procedure applied by the unit whose published data lacks something.
type Incomplete struct {
	Code, Name string
	Missing    []string // Missing* keys
}

// Indicators is the Decision 766 index of a unit over a period, with what its figures come from.
type Indicators struct {
	Unit     account.Unit
	Subtree  bool
	From, To time.Time
	Card     indicator.Card
	// Procedures is how many procedures the units apply; Incomplete lists those lacking data.
	Procedures int
	Incomplete []Incomplete
	// OverdueRate is late / resolved in percent, for NoOverdueComplaints.
	OverdueRate float64
	Inputs      Inputs
}

// Score returns the score of an indicator, or the zero Score for an unknown key.
func (x Indicators) Score(k indicator.Key) indicator.Score {
	for _, g := range x.Card.Groups {
		for _, s := range g.Scores {
			if s.Key == k {
				return s
			}
		}
	}
	return indicator.Score{}
}

// Indicators computes the index of the unit (with its subtree when q.Subtree) over the period. The
// figures from dossiers: on time = ((8) + (9)) / (7) of II.06a; processing time = the legal working
// time (receipt to original appointment) over the working time used (receipt to end), summed over the
// dossiers resolved in the period; dossiers filed online and scanned over those received in the
// period; electronic return over resolved online dossiers; electronic results over dossiers resolved
// with a result. A procedure's data is complete when it lists components, at least one fee entry (a
// free procedure lists a fee of 0 ₫), a processing time for every channel and its legal basis. Errors
// as for the other analyses (see check), and the store's.
func (s *Service) Indicators(ctx context.Context, p account.Principal, q Query) (Indicators, error) {
	sc, err := s.check(ctx, p, q)
	if err != nil {
		return Indicators{}, err
	}
	facts, err := s.Store.AnalysisFacts(ctx, sc.Codes, sc.From, sc.Before, Everything)
	if err != nil {
		return Indicators{}, err
	}
	procs, err := s.Store.AppliedProcedures(ctx, sc.Codes)
	if err != nil {
		return Indicators{}, err
	}
	var in Inputs
	if s.Inputs != nil {
		if in, err = s.Inputs.IndicatorInputs(ctx, sc.Codes, sc.From, sc.Before); err != nil {
			return Indicators{}, err
		}
	}
	out := Indicators{Unit: sc.Unit, Subtree: sc.Subtree, From: sc.From, To: sc.To, Procedures: len(procs), Inputs: in}
	m := map[indicator.Key]indicator.Measure{}

	var complete, online int64
	for _, pr := range procs {
		if missing := missingData(pr); len(missing) > 0 {
			out.Incomplete = append(out.Incomplete, Incomplete{Code: pr.Code, Name: pr.Name, Missing: missing})
		} else {
			complete++
		}
		if pr.OnlineLevel == procedure.OnlineFull || pr.OnlineLevel == procedure.OnlinePartial {
			online++
		}
	}
	m[indicator.PublishedComplete] = indicator.Ratio(complete, int64(len(procs)))
	m[indicator.ProceduresOnline] = indicator.Ratio(online, int64(len(procs)))

	c := countFacts(facts, sc, s.calendars(ctx))
	m[indicator.OnTime] = indicator.Ratio(c.onTime, c.resolved)
	m[indicator.ProcessingTime] = indicator.RatioOf(round1(c.allowedDays), round1(c.usedDays))
	m[indicator.DossiersOnline] = indicator.Ratio(c.receivedOnline, c.receivedInPeriod)
	m[indicator.ElectronicReturn] = indicator.Ratio(c.returnedElectronic, c.resolvedOnline)
	m[indicator.DigitisedComponents] = indicator.Ratio(c.scanned, c.receivedInPeriod)
	m[indicator.ElectronicResults] = indicator.Ratio(c.electronicResults, c.withResult)
	m[indicator.Synced] = indicator.Given(in.SyncedRate)
	m[indicator.OnlinePayment] = indicator.Given(in.OnlinePaymentRate)
	m[indicator.DataReuse] = indicator.Given(in.DataReuseRate)
	m[indicator.SatisfactionRate] = indicator.Given(in.SatisfactionRate)
	m[indicator.FeedbackOnTime] = indicator.Given(in.FeedbackOnTimeRate)
	out.OverdueRate = indicator.Ratio(c.resolved-c.onTime, c.resolved).Rate
	if in.ComplaintRate != nil {
		rest := 100 - out.OverdueRate - *in.ComplaintRate
		m[indicator.NoOverdueComplaints] = indicator.Given(&rest)
	}
	out.Card = indicator.Evaluate(m)
	return out, nil
}

// missingData returns what a procedure's published data lacks, as Missing* keys.
func missingData(p procedure.Procedure) []string {
	var out []string
	if len(p.Components) == 0 {
		out = append(out, MissingComponents)
	}
	fees, timed := false, len(p.Channels) > 0
	for _, c := range p.Channels {
		fees = fees || len(c.Fees) > 0
		timed = timed && c.Unit != ""
	}
	if !fees {
		out = append(out, MissingFees)
	}
	if !timed {
		out = append(out, MissingTime)
	}
	if len(p.LegalBasis) == 0 {
		out = append(out, MissingLegalBasis)
	}
	return out
}

// factCounts are the dossier figures of the indicators.
type factCounts struct {
	receivedInPeriod, receivedOnline, scanned            int64
	resolved, onTime, resolvedOnline, returnedElectronic int64
	withResult, electronicResults                        int64
	allowedDays, usedDays                                float64
}

func countFacts(facts []Fact, sc scope, cals *calendars) factCounts {
	var c factCounts
	var allowed, used float64 // working hours
	for _, f := range facts {
		if !f.ReceivedAt.Before(sc.From) {
			c.receivedInPeriod++
			if f.Channel == dossier.ChannelOnline {
				c.receivedOnline++
			}
			if f.Scanned {
				c.scanned++
			}
		}
		if !f.finishedIn(sc.From, sc.Before) {
			continue
		}
		c.resolved++
		if f.Timeliness == dossier.Early || f.Timeliness == dossier.OnTime {
			c.onTime++
		}
		if f.Channel == dossier.ChannelOnline {
			c.resolvedOnline++
			if f.ReturnMethod == dossier.ReturnElectronic {
				c.returnedElectronic++
			}
		}
		if f.Outcome == dossier.OutcomeResult {
			c.withResult++
			if f.ElectronicResult {
				c.electronicResults++
			}
		}
		cal := cals.of(f.ReceivingUnit)
		daily := cal.Hours().Daily().Hours()
		if daily <= 0 || f.OriginalDueAt.IsZero() {
			continue
		}
		allowed += cal.WorkingTimeBetween(f.ReceivedAt, f.OriginalDueAt).Hours() / daily
		used += cal.WorkingTimeBetween(f.ReceivedAt, f.FinishedAt).Hours() / daily
	}
	c.allowedDays, c.usedDays = allowed, used
	return c
}
