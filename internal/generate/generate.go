package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// Actor is the username on the events of generated dossiers.
const Actor = "generate"

// Dossiers received in the last recentDays before Now stay pending with probability recentPending.
const (
	recentDays    = 60
	recentPending = 0.15
)

// Config says what to generate.
type Config struct {
	Dossiers int    // how many, ≥ 0
	FromYear int    // first year of receipts
	ToYear   int    // last year of receipts, ≥ FromYear
	Seed     uint64 // the same seed, Now, desks, procedures and sequences give the same dossiers
	// Now bounds the data: nothing is received, finished or returned after it; dossiers not
	// finished by then are pending. Years after it get no dossier.
	Now time.Time
}

// Validate returns an Invalid fault naming the fields at fault ("dossiers", "from_year",
// "to_year"), or nil.
func (c Config) Validate() error {
	var f fault.Fields
	if c.Dossiers < 0 {
		f.Add("dossiers", "generate.dossiers.invalid", c.Dossiers)
	}
	if c.FromYear < calendar.MinYear+1 || c.FromYear > c.Now.Year() {
		f.Add("from_year", "generate.year.invalid", c.FromYear, c.Now.Year())
	}
	if c.ToYear < c.FromYear || c.ToYear >= calendar.MaxYear {
		f.Add("to_year", "generate.year.invalid", c.ToYear, c.Now.Year())
	}
	return f.Err()
}

// procedure weights: how often each sample procedure is filed (certifications are the bulk of a
// commune's desk), and the base late share of each field.
var (
	procWeight = map[string]float64{"9.990001": 30, "9.990002": 12, "2.000635": 8, "9.990004": 8, "9.990003": 4,
		"2.000908": 3, "9.990005": 3, "9.990006": 2}
	fieldLate = map[string]float64{"Hoạt động xây dựng": 0.09, "Thành lập và hoạt động của hộ kinh doanh": 0.04,
		"Hộ tịch": 0.015, "Chứng thực": 0.004}
)

// Generator makes the dossiers of a Config, in receipt order, batch by batch.
type Generator struct {
	cfg      Config
	cal      *calendar.Calendar
	src      *rand.ChaCha8
	r        *rand.Rand
	desks    []desk
	procs    []proc
	receipts []receipt
	pos      int
	seq      map[string]int
}

type desk struct {
	code string
	late float64 // factor of the field's late share
}

type proc struct {
	p      procedure.Procedure
	late   float64
	cutoff *calendar.Clock
}

type receipt struct {
	at   time.Time
	desk int32
	proc int32
}

// New plans cfg.Dossiers receipts over the desks (unit identifiers) and procedures with the
// calendar cal, numbering codes after last (the last number taken per "<unit>-<yymmdd>" prefix,
// as store.DB.DossierSequences returns it). It returns Validate's error, or an Invalid fault when
// there is no desk or no procedure while dossiers are asked for.
func New(cfg Config, desks []string, procs []procedure.Procedure, cal *calendar.Calendar, last map[string]int) (*Generator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Dossiers > 0 && (len(desks) == 0 || len(procs) == 0) {
		return nil, fault.New(fault.Invalid, "generate.nothing", len(desks), len(procs))
	}
	var seed [32]byte
	for i := range 8 {
		seed[i] = byte(cfg.Seed >> (8 * i))
	}
	src := rand.NewChaCha8(seed)
	g := &Generator{cfg: cfg, cal: cal, src: src, r: rand.New(src), seq: map[string]int{}}
	for p, n := range last {
		g.seq[p] = n
	}
	for _, d := range desks {
		g.desks = append(g.desks, desk{code: d, late: 0.3 + 1.7*g.r.Float64()})
	}
	for _, p := range procs {
		late, ok := fieldLate[p.Field.Name]
		if !ok {
			late = 0.02
		}
		pr := proc{p: p, late: late}
		if c, err := calendar.ParseClock(p.CutoffHour); p.CutoffHour != "" && err == nil {
			pr.cutoff = &c
		}
		g.procs = append(g.procs, pr)
	}
	g.plan()
	return g, nil
}

// Len returns how many dossiers the generator makes in all.
func (g *Generator) Len() int { return len(g.receipts) }

// plan draws every receipt: a year (more dossiers in later years), a working day of it, a desk, a
// procedure and an instant in working hours; then sorts them.
func (g *Generator) plan() {
	if g.cfg.Dossiers == 0 {
		return
	}
	type year struct {
		days   []time.Time // openings of the working days before Now
		weight float64
	}
	var years []year
	total := 0.0
	open := g.cal.Hours().Opening()
	for y := g.cfg.FromYear; y <= g.cfg.ToYear; y++ {
		var yr year
		for t := time.Date(y, 1, 1, open.Hour, open.Minute, 0, 0, calendar.Location); t.Year() == y && t.Before(g.cfg.Now); t = t.AddDate(0, 0, 1) {
			if g.cal.IsWorkingDay(calendar.DateOf(t)) {
				yr.days = append(yr.days, t)
			}
		}
		yr.weight = (1 + 0.06*float64(y-g.cfg.FromYear)) * float64(len(yr.days))
		total += yr.weight
		years = append(years, yr)
	}
	if total == 0 {
		return
	}
	pw := make([]float64, len(g.procs))
	ptotal := 0.0
	for i, p := range g.procs {
		w, ok := procWeight[p.p.Code]
		if !ok {
			w = 3
		}
		ptotal += w
		pw[i] = ptotal
	}
	daily := g.cal.Hours().Daily()
	g.receipts = make([]receipt, 0, g.cfg.Dossiers)
	for len(g.receipts) < g.cfg.Dossiers {
		x := g.r.Float64() * total
		yi := 0
		for ; yi < len(years)-1 && x >= years[yi].weight; yi++ {
			x -= years[yi].weight
		}
		days := years[yi].days
		if len(days) == 0 {
			continue
		}
		at := g.cal.AddWorkingHours(days[g.r.IntN(len(days))], time.Duration(g.r.Int64N(int64(daily-time.Minute))))
		if at.IsZero() || at.After(g.cfg.Now) {
			continue
		}
		pi := sort.SearchFloat64s(pw, g.r.Float64()*ptotal)
		g.receipts = append(g.receipts, receipt{at: at, desk: int32(g.r.IntN(len(g.desks))), proc: int32(min(pi, len(pw)-1))})
	}
	slices.SortStableFunc(g.receipts, func(a, b receipt) int { return a.at.Compare(b.at) })
}

// Next returns the next dossiers (at most n), each with its code, lookup secret and events, in
// receipt order; none once all are made.
func (g *Generator) Next(n int) ([]dossier.Dossier, [][]dossier.Event) {
	end := min(g.pos+n, len(g.receipts))
	ds := make([]dossier.Dossier, 0, end-g.pos)
	evs := make([][]dossier.Event, 0, end-g.pos)
	for ; g.pos < end; g.pos++ {
		d, e := g.dossier(g.receipts[g.pos])
		ds = append(ds, d)
		evs = append(evs, e)
	}
	return ds, evs
}

// onlineShare is the share of dossiers filed online in a year: about 2% in 2015, growing by four
// points a year, at most 60%.
func onlineShare(year int) float64 { return min(0.6, max(0.02, 0.02+0.04*float64(year-2015))) }

// dossier makes the dossier of one receipt.
func (g *Generator) dossier(rc receipt) (dossier.Dossier, []dossier.Event) {
	r, cal, now := g.r, g.cal, g.cfg.Now
	dk, pr := g.desks[rc.desk], g.procs[rc.proc]
	at := rc.at

	ch := dossier.ChannelInPerson
	switch x := r.Float64(); {
	case x < onlineShare(at.Year()):
		ch = dossier.ChannelOnline
	case x < onlineShare(at.Year())+0.03:
		ch = dossier.ChannelPostal
	}
	pc, ok := pr.p.Channel(ch.Kind())
	if !ok {
		ch, pc = dossier.ChannelInPerson, pr.p.Channels[0]
		if c, ok := pr.p.Channel(procedure.InPerson); ok {
			pc = c
		}
	}
	req := calendar.DueRequest{Received: at, Amount: pc.Time, Unit: calendar.TimeUnit(pc.Unit), Cutoff: pr.cutoff}
	due, err := cal.Due(req)
	if err != nil {
		due = calendar.Due{At: at, Start: at}
	}
	prefix := dk.code + "-" + at.Format("060102")
	g.seq[prefix]++
	secret, _ := dossier.NewSecret(g.src) // ChaCha8 never fails
	policy := pr.p.SupplementPolicy
	if policy == "" {
		policy = procedure.Restart
	}
	days := pr.p.SupplementDays
	if days <= 0 {
		days = procedure.DefaultSupplementDays
	}
	d := dossier.Dossier{Code: dossier.Code(dossier.DefaultCodeFormat, dk.code, at, g.seq[prefix]), LookupSecret: secret,
		ProcedureCode: pr.p.Code, ProcedureVersion: pr.p.Version, ProcedureName: pr.p.Name, FieldCode: pr.p.Field.Code,
		FieldName: pr.p.Field.Name, Rules: dossier.Rules{Time: pc.Time, Unit: pc.Unit, Cutoff: pr.p.CutoffHour,
			SupplementPolicy: policy, SupplementDays: days},
		ReceivingUnit: dk.code, CompetentUnit: dk.code, Channel: ch,
		Applicant: dossier.Applicant{Kind: dossier.ApplicantCitizen, Name: Name(r),
			IDNumber: fmt.Sprintf("035%d%02d%06d", r.IntN(4), 40+r.IntN(60), r.IntN(1000000)),
			Phone:    fmt.Sprintf("09%08d", r.IntN(100000000))},
		Sets: 1, ReturnMethod: dossier.ReturnAtDesk, Status: dossier.StatusProcessing,
		ReceivedAt: at, ClockStart: due.Start, DueAt: due.At, OriginalDueAt: due.At,
		DueHistory: []dossier.DueChange{{At: at, To: due.At, Reason: dossier.DueReceived, By: Actor}}}
	if ch == dossier.ChannelOnline {
		d.SubmittedAt = at.Add(-time.Duration(r.IntN(240)) * time.Minute)
		d.CorrectionDueAt = cal.AddWorkingHours(d.SubmittedAt, dossier.CorrectionHours)
		if r.IntN(2) == 0 {
			d.ReturnMethod = dossier.ReturnElectronic
		}
	}
	ev := func(t time.Time, act dossier.Action, from, to dossier.Status) dossier.Event {
		return dossier.Event{At: t, Actor: Actor, ActorUnit: dk.code, Action: act, From: from, To: to}
	}
	events := []dossier.Event{ev(at, dossier.ActReceive, dossier.None, dossier.StatusReceived),
		ev(at, dossier.ActTransfer, dossier.StatusReceived, dossier.StatusProcessing)}

	// A supplement asked for by some dossiers with a time limit: the clock restarts on its arrival.
	if pc.Time > 0 && r.Float64() < 0.05 {
		legal := cal.WorkingTimeBetween(d.ClockStart, d.DueAt)
		from := cal.AddWorkingHours(d.ClockStart, time.Duration(float64(legal)*(0.05+0.25*r.Float64())))
		to := cal.NextWorkingInstant(from.Add(time.Duration(24+r.IntN(9*24)) * time.Hour))
		if !from.IsZero() && !to.IsZero() && !from.After(now) {
			d.SupplementRequests = 1
			events = append(events, ev(from, dossier.ActRequestSupplement, dossier.StatusProcessing, dossier.StatusAwaitingSupplement))
			if to.After(now) {
				d.Status = dossier.StatusAwaitingSupplement
				d.Waits = []dossier.Wait{{Kind: dossier.WaitSupplement, From: from, Policy: policy}}
				return d, events
			}
			d.Waits = []dossier.Wait{{Kind: dossier.WaitSupplement, From: from, To: to, Policy: policy,
				WorkingTime: cal.WorkingTimeBetween(from, to)}}
			req.Received, req.Cutoff = to, nil
			if again, err := cal.Due(req); err == nil {
				d.DueHistory = append(d.DueHistory, dossier.DueChange{At: to, From: d.DueAt, To: again.At, Reason: dossier.DueRestarted, By: Actor})
				d.ClockStart, d.DueAt, d.OriginalDueAt = again.Start, again.At, again.At
			}
			events = append(events, ev(to, dossier.ActReceiveSupplement, dossier.StatusAwaitingSupplement, dossier.StatusProcessing))
		}
	}

	outcome := dossier.OutcomeResult
	switch x := r.Float64(); {
	case x < 0.025:
		outcome = dossier.OutcomeRefused
	case x < 0.05:
		outcome = dossier.OutcomeWithdrawn
	case x < 0.07:
		outcome = dossier.OutcomeStopped
	}
	var end time.Time
	if r.Float64() < pr.late*dk.late {
		end = cal.AddWorkingHours(d.DueAt, time.Duration(30+r.IntN(40*60))*time.Minute)
	} else {
		f := 0.05 + 0.9*r.Float64()*r.Float64()
		if outcome == dossier.OutcomeWithdrawn || outcome == dossier.OutcomeStopped {
			f *= 0.6
		}
		end = cal.AddWorkingHours(d.ClockStart, time.Duration(f*float64(cal.WorkingTimeBetween(d.ClockStart, d.DueAt))))
	}
	if end.IsZero() || end.Before(at) {
		end = at
	}
	// Still pending: not finished yet, or among the recent ones held up (consultations, site visits).
	if end.After(now) || (now.Sub(at) < recentDays*24*time.Hour && r.Float64() < recentPending) {
		return d, events
	}
	d.FinishedAt, d.Outcome, d.Timeliness = end, outcome, dossier.Classify(d.OriginalDueAt, end)
	switch outcome {
	case dossier.OutcomeResult:
		d.Status = dossier.StatusDone
		events = append(events, ev(end, dossier.ActResultReady, dossier.StatusProcessing, dossier.StatusDone))
	case dossier.OutcomeRefused:
		d.Status = dossier.StatusDone
		d.Refusal = dossier.Refusal{Stage: "appraisal", At: end, By: Actor, Reasons: []string{"Không đủ điều kiện theo quy định"}}
		events = append(events, ev(end, dossier.ActRefuse, dossier.StatusProcessing, dossier.StatusDone))
	case dossier.OutcomeWithdrawn:
		d.Status = dossier.StatusStopped
		d.StopNotice = dossier.StopNotice{RequestedAt: end, Reason: "Công dân xin rút hồ sơ", At: end, By: Actor}
		events = append(events, ev(end, dossier.ActRequestWithdrawal, dossier.StatusProcessing, dossier.StatusWithdrawalAsked),
			ev(end, dossier.ActStop, dossier.StatusWithdrawalAsked, dossier.StatusStopped))
	case dossier.OutcomeStopped:
		d.Status = dossier.StatusStopped
		d.StopNotice = dossier.StopNotice{Reason: "Hồ sơ thuộc trường hợp phải dừng giải quyết", At: end, By: Actor}
		events = append(events, ev(end, dossier.ActStop, dossier.StatusProcessing, dossier.StatusStopped))
	}
	if d.Status == dossier.StatusDone && r.Float64() < 0.92 {
		if ret := cal.AddWorkingHours(end, time.Duration(30+r.IntN(16*60))*time.Minute); !ret.IsZero() && !ret.After(now) {
			d.ReturnedAt, d.Status = ret, dossier.StatusReturned
			events = append(events, ev(ret, dossier.ActReturn, dossier.StatusDone, dossier.StatusReturned))
		}
	}
	return d, events
}
