package dossier

import (
	"errors"
	"slices"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
)

// rule is who may do an action and from which statuses.
type rule struct {
	from  []Status
	roles []string
}

// officeRoles are the roles of the offices behind the desk.
var officeRoles = []string{RoleSpecialist, RoleHead, RoleLeader, RoleClerk}

// rules is the single table of the lifecycle (domain.md §4). Finer conditions
// (the current step's role, deadlines, reschedule once) are checked by the
// actions themselves.
var rules = map[Action]rule{
	ActSubmit:              {[]Status{None}, []string{RoleApplicant, RoleReception}},
	ActResubmit:            {[]Status{StatusSubmitted}, []string{RoleApplicant, RoleReception}},
	ActReceive:             {[]Status{None, StatusSubmitted}, []string{RoleReception}},
	ActGuideSupplement:     {[]Status{StatusSubmitted}, []string{RoleReception}},
	ActRefuseAtReception:   {[]Status{None, StatusSubmitted}, []string{RoleReception}},
	ActTransfer:            {[]Status{StatusReceived}, []string{RoleReception}},
	ActAssign:              {[]Status{StatusProcessing}, []string{RoleHead}},
	ActCompleteStep:        {[]Status{StatusProcessing}, append([]string{RoleReception}, officeRoles...)},
	ActConsult:             {[]Status{StatusProcessing}, []string{RoleSpecialist, RoleHead}},
	ActAnswerConsultation:  {[]Status{StatusProcessing, StatusAwaitingSupplement, StatusAwaitingFees}, []string{RoleSpecialist, RoleHead}},
	ActRequestSupplement:   {[]Status{StatusProcessing}, []string{RoleSpecialist, RoleHead, RoleReception}},
	ActReceiveSupplement:   {[]Status{StatusAwaitingSupplement}, []string{RoleReception, RoleApplicant}}, // the applicant: online, from the lookup page
	ActCloseUnsupplemented: {[]Status{StatusAwaitingSupplement}, []string{RoleReception}},
	ActRequestFees:         {[]Status{StatusProcessing}, []string{RoleSpecialist, RoleHead, RoleReception}},
	ActFeesPaid:            {[]Status{StatusAwaitingFees}, []string{RoleReception, RoleSpecialist, RoleHead}},
	ActReschedule:          {[]Status{StatusProcessing}, []string{RoleHead, RoleLeader, RoleReception}},
	ActRequestWithdrawal:   {[]Status{StatusReceived, StatusProcessing, StatusAwaitingSupplement, StatusAwaitingFees}, []string{RoleApplicant, RoleReception}},
	ActStop:                {[]Status{StatusReceived, StatusProcessing, StatusAwaitingSupplement, StatusAwaitingFees, StatusWithdrawalAsked}, []string{RoleHead, RoleLeader, RoleReception}},
	ActRefuse:              {[]Status{StatusProcessing}, []string{RoleHead, RoleLeader}},
	ActResultReady:         {[]Status{StatusProcessing}, []string{RoleClerk, RoleLeader, RoleHead}},
	ActReturn:              {[]Status{StatusDone}, []string{RoleReception, RoleClerk}},
}

// Allowed reports whether the action may be taken on a dossier in status s
// (None for a dossier not recorded yet), whoever takes it. It is false for an
// unknown action.
func Allowed(s Status, act Action) bool {
	r, ok := rules[act]
	return ok && slices.Contains(r.from, s)
}

// RolesFor returns the roles that may take the action (a copy), or nil for an
// unknown action. For ActCompleteStep the current step's role or assignee
// further restricts it.
func RolesFor(act Action) []string { return slices.Clone(rules[act].roles) }

// Permitted returns the actions the actor may attempt on d now, in the order
// of Actions: those allowed in d's status to one of the actor's roles (for
// ActCompleteStep, to the current step's role or assignee). The actions may
// still fail on their input or on a rule of time (a reschedule too late, a
// close too early).
func Permitted(d Dossier, a Actor) []Action {
	var out []Action
	for _, act := range Actions() {
		if check(d, act, a) == nil {
			out = append(out, act)
		}
	}
	return out
}

// check refuses an action a role may never take (Forbidden, key
// dossier.role.forbidden) or a status it is not allowed in (Conflict, key
// dossier.transition.invalid); the role is checked first.
func check(d Dossier, act Action, a Actor) error {
	r, ok := rules[act]
	if !ok || !a.hasAny(r.roles) {
		return fault.New(fault.Forbidden, keyRoleForbidden, act.NameVI(), act.NameEN())
	}
	if !slices.Contains(r.from, d.Status) {
		return fault.New(fault.Conflict, keyTransition, d.Status.NameVI(), d.Status.NameEN(), act.NameVI(), act.NameEN())
	}
	if act == ActCompleteStep {
		i := d.CurrentStep()
		if i < 0 {
			return fault.New(fault.Conflict, keyStepNone)
		}
		if !mayDoStep(d.Steps[i], a) {
			return fault.New(fault.Forbidden, keyStepForbidden, d.Steps[i].Name)
		}
	}
	return nil
}

// mayDoStep reports whether the actor may complete the step: its assignee, a
// holder of its role, or, for a step without a role, any office role.
func mayDoStep(s Step, a Actor) bool {
	switch {
	case s.Assignee != "" && s.Assignee == a.Username:
		return true
	case s.Role != "":
		return a.Has(s.Role)
	default:
		return a.hasAny(officeRoles)
	}
}

// begin starts every action: it checks the action against the table and
// returns a private copy of d, now in calendar.Location and the calendar to
// use (cal, or calendar.Default() if nil). A zero now is an Internal fault.
func begin(d Dossier, act Action, a Actor, cal *calendar.Calendar, now time.Time) (Dossier, *calendar.Calendar, time.Time, error) {
	if now.IsZero() {
		return d, nil, now, fault.Wrap(errors.New("zero time"), "dossier: "+string(act))
	}
	if err := check(d, act, a); err != nil {
		return d, nil, now, err
	}
	if cal == nil {
		cal = calendar.Default()
	}
	return d.Clone(), cal, now.In(calendar.Location), nil
}
