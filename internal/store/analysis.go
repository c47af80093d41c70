package store

import (
	"context"
	"strings"
	"time"

	"motcua/internal/analysis"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

var _ analysis.Store = (*DB)(nil)

// analysisFacts reads the dossiers of column (3) of II.06a with their documents: $1 is the period
// start and $2 its end (exclusive) in Unix milliseconds; the unit placeholders follow. {doc} is the
// document or ” and {finished} narrows to the dossiers finished in the period.
const analysisFacts = `SELECT COALESCE(d.code, ''), d.procedure_code, d.field_name, d.receiving_unit, d.competent_unit,
	d.channel, d.received_at, d.finished_at, d.original_due_at, d.timeliness, d.outcome, {doc}
	FROM dossiers d {join}
	WHERE d.received_at > 0 AND d.received_at < $2 AND (d.finished_at = 0 OR d.finished_at >= $1) {finished}
	AND d.receiving_unit IN ({units})`

// factDoc is the part of a dossier document the analyses read; the rest is skipped when decoding.
type factDoc struct {
	ProcedureName string               `json:"procedure_name"`
	Rules         dossier.Rules        `json:"rules"`
	ReturnMethod  dossier.ReturnMethod `json:"return_method"`
	Steps         []dossier.Step       `json:"steps"`
	Waits         []dossier.Wait       `json:"waits"`
	Results       []dossier.ResultDoc  `json:"results"`
	Files         []struct {
		Purpose dossier.FilePurpose `json:"purpose"`
	} `json:"files"`
}

// AnalysisFacts returns a Fact for every dossier received by the desks of the units before `before`
// and not finished before `from` (column (3) of II.06a; only those finished in [from, before) for
// analysis.FinishedOnly), in any order, with the parts of its document the analyses read (none for
// analysis.ColumnsOnly). It returns nil for no units, and an Internal error when the query fails or
// a document does not decode.
func (db *DB) AnalysisFacts(ctx context.Context, units []string, from, before time.Time, part analysis.FactPart) ([]analysis.Fact, error) {
	if len(units) == 0 {
		return nil, nil
	}
	args := []any{ms(from), ms(before)}
	docCol, join, finished := "c.doc", "JOIN dossier_docs c ON c.dossier_id = d.id", ""
	switch part {
	case analysis.ColumnsOnly:
		docCol, join = "''", ""
	case analysis.FinishedOnly:
		finished = "AND d.finished_at > 0 AND d.finished_at < $2"
	}
	q := strings.NewReplacer("{doc}", docCol, "{join}", join, "{finished}", finished, "{units}", unitPlaceholders(&args, units)).Replace(analysisFacts)
	rows, err := db.readQuery(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "analysis facts")
	}
	defer rows.Close()
	var out []analysis.Fact
	var doc []byte
	for rows.Next() {
		var f analysis.Fact
		var channel int
		var received, finished, due int64
		var timeliness, outcome string
		if err := rows.Scan(&f.Code, &f.ProcedureCode, &f.FieldName, &f.ReceivingUnit, &f.CompetentUnit, &channel,
			&received, &finished, &due, &timeliness, &outcome, &doc); err != nil {
			return nil, mapErr(err, "analysis facts")
		}
		f.Channel, f.Timeliness, f.Outcome = dossier.Channel(channel), dossier.Timeliness(timeliness), dossier.Outcome(outcome)
		f.ReceivedAt, f.FinishedAt, f.OriginalDueAt = instant(received), instant(finished), instant(due)
		if part == analysis.ColumnsOnly {
			out = append(out, f)
			continue
		}
		var d factDoc
		if err := decodeFactDoc(doc, &d); err != nil {
			return nil, fault.Wrap(err, "stored dossier "+f.Code)
		}
		f.ProcedureName, f.Rules, f.ReturnMethod, f.Steps, f.Waits = d.ProcedureName, d.Rules, d.ReturnMethod, d.Steps, d.Waits
		for _, r := range d.Results {
			f.ElectronicResult = f.ElectronicResult || r.Electronic
		}
		for _, file := range d.Files {
			switch file.Purpose {
			case dossier.FileComponent, dossier.FileSupplement:
				f.Scanned = true
			case dossier.FileResult:
				f.ElectronicResult = true
			}
		}
		out = append(out, f)
	}
	return out, mapErr(rows.Err(), "analysis facts")
}

// AppliedProcedures returns the whole published version of every procedure that one of the units
// applies, ordered by code. It returns nil for no units, and an Internal error when the query fails.
func (db *DB) AppliedProcedures(ctx context.Context, units []string) ([]procedure.Procedure, error) {
	if len(units) == 0 {
		return nil, nil
	}
	args := []any{string(procedure.Published)}
	q := `SELECT d.doc FROM procedures p JOIN procedure_docs d ON d.procedure_id = p.id WHERE p.status = $1
		AND EXISTS (SELECT 1 FROM procedure_units pu WHERE pu.procedure_code = p.code AND pu.unit_code IN (` +
		unitPlaceholders(&args, units) + `)) ORDER BY p.code, p.version`
	rows, err := db.readQuery(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "applied procedures")
	}
	defer rows.Close()
	var out []procedure.Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, mapErr(err, "applied procedures")
		}
		out = append(out, p)
	}
	return out, mapErr(rows.Err(), "applied procedures")
}

// unitPlaceholders appends the units to args and returns their placeholders, comma separated.
func unitPlaceholders(args *[]any, units []string) string {
	ph := make([]string, 0, len(units))
	for _, u := range units {
		*args = append(*args, u)
		ph = append(ph, placeholder(len(*args)))
	}
	return strings.Join(ph, ", ")
}
