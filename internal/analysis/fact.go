package analysis

import (
	"context"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
)

// Fact is what the analyses read of one dossier.
type Fact struct {
	Code          string
	ProcedureCode string
	ProcedureName string
	FieldName     string
	ReceivingUnit string
	CompetentUnit string
	Channel       dossier.Channel
	ReceivedAt    time.Time
	FinishedAt    time.Time // zero while pending
	OriginalDueAt time.Time
	Timeliness    dossier.Timeliness // set once finished
	Outcome       dossier.Outcome    // set once finished
	ReturnMethod  dossier.ReturnMethod
	Rules         dossier.Rules // the legal time of the pinned version
	// Scanned is true when a paper of the dossier (component or supplement) was scanned.
	Scanned bool
	// ElectronicResult is true when a result document is electronic or a result file was attached.
	ElectronicResult bool
	Steps            []dossier.Step
	Waits            []dossier.Wait
}

// finishedIn reports whether the dossier ended in [from, before).
func (f Fact) finishedIn(from, before time.Time) bool {
	return !f.FinishedAt.IsZero() && !f.FinishedAt.Before(from) && f.FinishedAt.Before(before)
}

// Store is what the analyses need from storage.
type Store interface {
	// UnitByCode returns the unit with the identifier, or a NotFound error.
	UnitByCode(ctx context.Context, code string) (account.Unit, error)
	// Units returns every unit.
	Units(ctx context.Context) ([]account.Unit, error)
	// AnalysisFacts returns, in any order, a Fact for every dossier received by the desks of the
	// units before `before` and not finished before `from` (only those finished in [from, before)
	// with FinishedOnly), with the parts of its document (steps, waits, files, results) unless
	// ColumnsOnly.
	AnalysisFacts(ctx context.Context, units []string, from, before time.Time, part FactPart) ([]Fact, error)
	// AppliedProcedures returns the whole current published version of every procedure that one of
	// the units applies.
	AppliedProcedures(ctx context.Context, units []string) ([]procedure.Procedure, error)
}

// FactPart says which dossiers, and how much of each, AnalysisFacts reads.
type FactPart int

// The parts of the facts.
const (
	// Everything: every dossier of column (3) of II.06a with its document.
	Everything FactPart = iota
	// ColumnsOnly: every dossier of column (3), without its document (Steps, Waits, Rules,
	// ReturnMethod, Scanned, ElectronicResult and ProcedureName left empty).
	ColumnsOnly
	// FinishedOnly: the dossiers finished in the period, with their documents.
	FinishedOnly
)

// Calendars gives the working calendar of a unit (workcal.Service does).
type Calendars interface {
	For(ctx context.Context, unitCode string) (*calendar.Calendar, error)
}

// Inputs are the indicator figures that come from outside the dossiers: satisfaction surveys, the
// feedback register, the sync outbox, payments. A nil field has no data: the indicator is shown as
// "chưa có dữ liệu" and is not assessed. Rates are in percent.
type Inputs struct {
	SyncedRate         *float64 // dossiers synced to the national portal
	OnlinePaymentRate  *float64 // fees paid online
	DataReuseRate      *float64 // digitised data reused
	SatisfactionRate   *float64 // evaluations satisfied or better
	FeedbackOnTimeRate *float64 // feedback and complaints handled on time
	ComplaintRate      *float64 // complaints per resolved dossier
}

// InputSource supplies the Inputs of a set of units over [from, before).
type InputSource interface {
	IndicatorInputs(ctx context.Context, units []string, from, before time.Time) (Inputs, error)
}

// Query chooses a unit and a period: the days From to To, both included, in business time.
type Query struct {
	Unit     string
	From, To time.Time
	Subtree  bool
}
