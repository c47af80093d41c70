package processing

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// step is one action of package dossier with its input decoded from JSON.
type step func(d dossier.Dossier, body []byte, a dossier.Actor, cal *calendar.Calendar, now time.Time) (dossier.Dossier, []dossier.Event, error)

// decodeAs returns a step that decodes the body into In and runs fn.
func decodeAs[In any](fn func(dossier.Dossier, In, dossier.Actor, *calendar.Calendar, time.Time) (dossier.Dossier, []dossier.Event, error)) step {
	return func(d dossier.Dossier, body []byte, a dossier.Actor, cal *calendar.Calendar, now time.Time) (dossier.Dossier, []dossier.Event, error) {
		var in In
		if len(body) > 0 {
			dec := json.NewDecoder(strings.NewReader(string(body)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				return d, nil, decodeErr(err)
			}
		}
		return fn(d, in, a, cal, now)
	}
}

// steps are the actions an officer takes on a received dossier, by their API name.
var steps = map[dossier.Action]step{
	dossier.ActTransfer:            decodeAs(dossier.Transfer),
	dossier.ActAssign:              decodeAs(dossier.Assign),
	dossier.ActCompleteStep:        decodeAs(dossier.CompleteStep),
	dossier.ActConsult:             decodeAs(dossier.Consult),
	dossier.ActAnswerConsultation:  decodeAs(dossier.AnswerConsultation),
	dossier.ActRequestSupplement:   decodeAs(dossier.RequestSupplement),
	dossier.ActReceiveSupplement:   decodeAs(dossier.ReceiveSupplement),
	dossier.ActCloseUnsupplemented: decodeAs(dossier.CloseUnsupplemented),
	dossier.ActRequestFees:         decodeAs(dossier.RequestFees),
	dossier.ActFeesPaid:            decodeAs(dossier.FeesPaid),
	dossier.ActReschedule:          decodeAs(dossier.Reschedule),
	dossier.ActRequestWithdrawal:   decodeAs(dossier.RequestWithdrawal),
	dossier.ActStop:                decodeAs(dossier.Stop),
	dossier.ActRefuse:              decodeAs(dossier.RefuseAfterAppraisal),
	dossier.ActResultReady:         decodeAs(dossier.ResultReady),
	dossier.ActReturn:              decodeAs(dossier.Return),
	// The desk's answers to an online dossier (status 1); receiving one needs the catalog (see Act).
	dossier.ActGuideSupplement:   decodeAs(dossier.GuideSupplementAtDesk),
	dossier.ActRefuseAtReception: decodeAs(refuseOnline),
	dossier.ActReceive:           nil,
}

// refuseOnline refuses an online dossier at reception (Mẫu 03); the procedure is the dossier's own.
func refuseOnline(d dossier.Dossier, in dossier.RefusalInput, a dossier.Actor, cal *calendar.Calendar, now time.Time) (dossier.Dossier, []dossier.Event, error) {
	return dossier.RefuseAtReception(d, in, a, procedure.Procedure{}, cal, now)
}

// receiveOnline returns the step receiving an online dossier under p, the procedure version in force now.
func receiveOnline(p procedure.Procedure) step {
	return decodeAs(func(d dossier.Dossier, in dossier.FilingInput, a dossier.Actor, cal *calendar.Calendar, now time.Time) (dossier.Dossier, []dossier.Event, error) {
		return dossier.Receive(d, in, a, p, cal, now)
	})
}

// StepActions lists the actions Act takes, in the order of a dossier's life.
func StepActions() []dossier.Action {
	var out []dossier.Action
	for _, a := range dossier.Actions() {
		if _, ok := steps[a]; ok {
			out = append(out, a)
		}
	}
	return out
}

// Act applies one action to a dossier: body is the action's input as JSON (the fields of the
// dossier package's input type, e.g. {"Reason": "...", "NewDueAt": "..."}), version the version the
// officer saw (0 to act on the latest). Errors: Invalid (bad input, unknown action), Forbidden,
// NotFound, Conflict (not allowed in the current status, or changed by someone else meanwhile).
func (s *Service) Act(ctx context.Context, p account.Principal, code string, action dossier.Action, version int, body []byte, now time.Time) (dossier.Dossier, error) {
	return s.ActWithFiles(ctx, p, code, action, version, body, nil, now)
}

// filePurposes are the actions that bring files, and what the files are.
var filePurposes = map[dossier.Action]dossier.FilePurpose{
	dossier.ActReceive:           dossier.FileComponent,
	dossier.ActReceiveSupplement: dossier.FileSupplement,
	dossier.ActResultReady:       dossier.FileResult,
}

// ActWithFiles is Act with scanned papers or result files attached: the supplement's papers, the
// result documents, or the papers of an online dossier checked at the desk. The files are stored
// only if the action succeeds. Errors: those of Act, and Invalid ("files") for files brought to an
// action that takes none.
func (s *Service) ActWithFiles(ctx context.Context, p account.Principal, code string, action dossier.Action, version int, body []byte, scans []Scan, now time.Time) (dossier.Dossier, error) {
	run, ok := steps[action]
	if !ok {
		var f fault.Fields
		f.Add("action", "dossier.action.unknown", string(action))
		return dossier.Dossier{}, f.Err()
	}
	d, err := s.Store.DossierByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return d, err
	}
	// Scope here; which role may take which action is the domain's rule (package dossier).
	if err := s.authorize(ctx, p, d, account.ViewDossiers); err != nil {
		return dossier.Dossier{}, err
	}
	if version != 0 && version != d.Version {
		return dossier.Dossier{}, fault.New(fault.Conflict, "dossier.changed", d.Code)
	}
	if action == dossier.ActReceive {
		proc, err := s.Catalog.InForce(ctx, d.ProcedureCode, now)
		if fault.Is(err, fault.NotFound) {
			var f fault.Fields
			f.Add("procedure", "dossier.procedure.unknown", d.ProcedureCode)
			return dossier.Dossier{}, f.Err()
		}
		if err != nil {
			return dossier.Dossier{}, err
		}
		run = receiveOnline(proc)
	}
	if action == dossier.ActAssign {
		if body, err = s.assignee(ctx, d, body); err != nil {
			return dossier.Dossier{}, err
		}
	}
	cal, err := s.Calendar.For(ctx, d.ReceivingUnit)
	if err != nil {
		return dossier.Dossier{}, err
	}
	purpose, takesFiles := filePurposes[action]
	if len(scans) > 0 && !takesFiles {
		var f fault.Fields
		f.Add("files", "attachment.not_expected")
		return dossier.Dossier{}, f.Err()
	}
	after, events, err := run(d, body, actor(p), cal, now)
	if err != nil {
		return dossier.Dossier{}, err
	}
	attach(&after, events, scans, purpose)
	return s.withFiles(ctx, scans, func() (dossier.Dossier, error) {
		return s.Store.UpdateDossier(ctx, p, d, after, events)
	})
}

// decodeErr names the field of a JSON decoding error: an unknown field, or a value of the wrong type.
func decodeErr(err error) error {
	var f fault.Fields
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		f.Add(typeErr.Field, "api.field.type", typeErr.Type.String())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f.Add(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "api.field.unknown")
	default:
		return fault.New(fault.Invalid, "api.body.malformed")
	}
	return f.Err()
}

// assignee checks that the officer named in an assignment exists, is active and works on the
// dossier's units, and adds their full name to the body. Errors: Invalid on the field "assignee".
func (s *Service) assignee(ctx context.Context, d dossier.Dossier, body []byte) ([]byte, error) {
	var in map[string]any
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, decodeErr(err)
	}
	name, _ := in["assignee"].(string)
	if strings.TrimSpace(name) == "" {
		return body, nil // the domain reports the missing assignee
	}
	u, _, err := s.Store.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(name)))
	if err != nil || !u.Active || s.authorize(ctx, u.Principal(), d, account.ViewDossiers) != nil {
		var f fault.Fields
		f.Add("assignee", "dossier.assignee.invalid", name)
		return nil, f.Err()
	}
	in["assignee"], in["assignee_name"] = u.Username, u.FullName
	return json.Marshal(in)
}
