package dossier

import (
	"slices"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// Message keys. Each is a key of the translation catalogs; the arguments it
// takes are listed beside it. Status and action names come in both languages
// so that each catalog picks its own with an explicit index (the Vietnamese
// text uses %[1]s and %[3]s, the English %[2]s and %[4]s). Instants are
// strings "15:04 02/01/2006" in Vietnam time. Per-field messages sit under
// the field's name as the API spells it ("applicant.phone", "components[2]").
// The generic "error.invalid" (several fields) and "error.internal" belong to
// package fault.
const (
	// Conflict: the action is not allowed in the current status
	// (status VI, status EN, action VI, action EN).
	keyTransition = "dossier.transition.invalid"
	// Forbidden: none of the actor's roles may take the action (action VI, action EN).
	keyRoleForbidden = "dossier.role.forbidden"
	// Forbidden: the actor is neither the assignee nor of the role of the current step (step name).
	keyStepForbidden = "dossier.step.forbidden"
	// Conflict: no workflow step is running.
	keyStepNone = "dossier.step.none"
	// Field "step": no such step (number given).
	keyStepUnknown = "dossier.step.unknown"
	// Conflict: the step is already done or skipped (step name).
	keyStepDone = "dossier.step.done"
	// Conflict: a workflow step before the result has not been done (step name).
	keyStepsPending = "dossier.steps.pending"

	keyRequired = "dossier.required" // field: must not be empty
	keyTooLong  = "dossier.too_long" // field: (maximum length in characters)

	keyKindInvalid  = "dossier.applicant.kind.invalid"      // field applicant.kind: (value)
	keyIDInvalid    = "dossier.applicant.id_number.invalid" // field applicant.id_number: not 9 or 12 digits (value)
	keyPhoneInvalid = "dossier.applicant.phone.invalid"     // field applicant.phone: (value)
	keyEmailInvalid = "dossier.applicant.email.invalid"     // field applicant.email: (value)

	keyChannelInvalid     = "dossier.channel.invalid"          // field channel: unknown, or online at the desk (value)
	keyChannelUnavailable = "dossier.channel.unavailable"      // field channel: the procedure has no such channel (channel, procedure code)
	keyNotInForce         = "dossier.procedure.not_in_force"   // field procedure: draft, abolished or not in force (code, version)
	keyProcedureMismatch  = "dossier.procedure.mismatch"       // field procedure: not the submitted procedure (submitted code, given code)
	keyComponentMissing   = "dossier.component.missing"        // field components[i] (i in the procedure's list): mandatory, not provided (name)
	keyCountNegative      = "dossier.component.count.negative" // field components[i].originals etc.: (count)
	keySetsInvalid        = "dossier.sets.invalid"             // field sets: must be at least 1 (value)

	keyReturnMethodInvalid = "dossier.return_method.invalid"   // field return_method: (value)
	keyReturnAddress       = "dossier.return_address.required" // field return_address: post needs an address
	keySecretInvalid       = "dossier.lookup_secret.invalid"   // field lookup_secret: not 6 characters of the alphabet
	keyCodeFormat          = "dossier.code_format.invalid"     // field code_format: unknown placeholder or no sequence (format)

	keyItemsRequired   = "dossier.guidance.items.required" // field items: at least one item to supplement
	keyReasonsRequired = "dossier.reasons.required"        // field reasons: at least one reason
	keyResultsRequired = "dossier.results.required"        // field results: at least one result document
	keyHoursInvalid    = "dossier.hours.invalid"           // field hours: must be at least 1 (value)
	keyAmountNegative  = "dossier.fee.amount.negative"     // field fees[i].amount_vnd: (amount)

	// Invalid: the appointment could not be computed (bad cut-off in the
	// catalog, or beyond 2100) (procedure code).
	keyDeadline = "dossier.deadline.uncomputable"

	keyConsultationUnknown  = "dossier.consultation.unknown"  // field consultation: no such consultation (number given)
	keyConsultationAnswered = "dossier.consultation.answered" // Conflict: already answered (unit)

	keyCloseTooEarly     = "dossier.close.too_early"      // Conflict: the applicant's time runs until (instant from which closing is allowed)
	keyRescheduleAgain   = "dossier.reschedule.already"   // Conflict: rescheduled once already (the new appointment then given)
	keyRescheduleLate    = "dossier.reschedule.too_late"  // Conflict: after the last moment allowed (that moment)
	keyRescheduleEarlier = "dossier.reschedule.not_later" // field new_due_at: not after the current appointment (current appointment)
)

// MessageKeys returns every message key the package can put in a fault
// error, as its message or a field's, sorted, so that a test of the
// translation catalogs can check none is missing.
func MessageKeys() []string {
	keys := []string{
		keyTransition, keyRoleForbidden, keyStepForbidden, keyStepNone, keyStepUnknown, keyStepDone,
		keyStepsPending, keyRequired, keyTooLong, keyKindInvalid, keyIDInvalid, keyPhoneInvalid,
		keyEmailInvalid, keyChannelInvalid, keyChannelUnavailable, keyNotInForce, keyProcedureMismatch,
		keyComponentMissing, keyCountNegative, keySetsInvalid, keyReturnMethodInvalid, keyReturnAddress,
		keySecretInvalid, keyCodeFormat, keyItemsRequired, keyReasonsRequired, keyResultsRequired,
		keyHoursInvalid, keyAmountNegative, keyDeadline, keyConsultationUnknown,
		keyConsultationAnswered, keyCloseTooEarly, keyRescheduleAgain, keyRescheduleLate,
		keyRescheduleEarlier,
	}
	slices.Sort(keys)
	return keys
}

// fieldErr returns an Invalid fault with one field message.
func fieldErr(field, key string, args ...any) error {
	var f fault.Fields
	f.Add(field, key, args...)
	return f.Err()
}

// stamp formats an instant for a message argument: "15:04 02/01/2006".
func stamp(t time.Time) string { return t.In(calendar.Location).Format("15:04 02/01/2006") }
