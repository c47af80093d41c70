package dossier

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"motcua/internal/fault"
)

// allowedFrom is the lifecycle of domain.md §4 written out independently of
// rules.go: the statuses each action may start from.
var allowedFrom = map[Action][]Status{
	ActResubmit:            {StatusSubmitted},
	ActReceive:             {None, StatusSubmitted},
	ActGuideSupplement:     {StatusSubmitted},
	ActRefuseAtReception:   {None, StatusSubmitted},
	ActTransfer:            {StatusReceived},
	ActAssign:              {StatusProcessing},
	ActCompleteStep:        {StatusProcessing},
	ActConsult:             {StatusProcessing},
	ActAnswerConsultation:  {StatusProcessing, StatusAwaitingSupplement, StatusAwaitingFees},
	ActRequestSupplement:   {StatusProcessing},
	ActReceiveSupplement:   {StatusAwaitingSupplement},
	ActCloseUnsupplemented: {StatusAwaitingSupplement},
	ActRequestFees:         {StatusProcessing},
	ActFeesPaid:            {StatusAwaitingFees},
	ActReschedule:          {StatusProcessing},
	ActRequestWithdrawal:   {StatusReceived, StatusProcessing, StatusAwaitingSupplement, StatusAwaitingFees},
	ActStop:                {StatusReceived, StatusProcessing, StatusAwaitingSupplement, StatusAwaitingFees, StatusWithdrawalAsked},
	ActRefuse:              {StatusProcessing},
	ActResultReady:         {StatusProcessing},
	ActReturn:              {StatusDone},
}

// do runs an action on d with minimal input (Submit has no d and is tested
// apart).
func do(act Action, d Dossier, a Actor, now time.Time) (Dossier, []Event, error) {
	p := threeDays()
	switch act {
	case ActResubmit:
		return Resubmit(d, filing(), a, p, cal, now)
	case ActReceive:
		return Receive(d, filing(), a, p, cal, now)
	case ActGuideSupplement:
		return GuideSupplementAtDesk(d, missingID, a, cal, now)
	case ActRefuseAtReception:
		return RefuseAtReception(d, RefusalInput{Reasons: []string{"x"}, Channel: ChannelInPerson, Applicant: filing().Applicant}, a, p, cal, now)
	case ActTransfer:
		return Transfer(d, TransferInput{}, a, cal, now)
	case ActAssign:
		return Assign(d, AssignInput{Assignee: "mai"}, a, cal, now)
	case ActCompleteStep:
		return CompleteStep(d, Memo{}, a, cal, now)
	case ActConsult:
		return Consult(d, ConsultInput{Unit: "Công an xã", Hours: 8}, a, cal, now)
	case ActAnswerConsultation:
		return AnswerConsultation(d, AnswerInput{Consultation: 1}, a, cal, now)
	case ActRequestSupplement:
		return RequestSupplement(d, missingID, a, cal, now)
	case ActReceiveSupplement:
		return ReceiveSupplement(d, SupplementInput{}, a, cal, now)
	case ActCloseUnsupplemented:
		return CloseUnsupplemented(d, Memo{}, a, cal, now)
	case ActRequestFees:
		return RequestFees(d, FeesInput{}, a, cal, now)
	case ActFeesPaid:
		return FeesPaid(d, Memo{}, a, cal, now)
	case ActReschedule:
		return Reschedule(d, apology, a, cal, now)
	case ActRequestWithdrawal:
		return RequestWithdrawal(d, WithdrawalInput{}, a, cal, now)
	case ActStop:
		return Stop(d, StopInput{Reason: "x"}, a, cal, now)
	case ActRefuse:
		return RefuseAfterAppraisal(d, RefusalInput{Reasons: []string{"x"}}, a, cal, now)
	case ActResultReady:
		return ResultReady(d, ResultInput{Results: []ResultDoc{{Name: "x"}}}, a, cal, now)
	case ActReturn:
		return Return(d, ReturnInput{}, a, cal, now)
	}
	panic("no such action " + act)
}

func TestEveryIllegalTransitionIsRefused(t *testing.T) {
	statuses := append([]Status{None}, Statuses()...)
	for act, from := range allowedFrom {
		if !slices.Equal(rules[act].from, from) {
			t.Errorf("%s: rules.go allows %v, the lifecycle %v", act, rules[act].from, from)
		}
		for _, s := range statuses {
			legal := slices.Contains(from, s)
			if Allowed(s, act) != legal {
				t.Errorf("Allowed(%v, %s) = %v", s, act, !legal)
			}
			var d Dossier
			if s == None {
				d = Dossier{}
			} else {
				d = inStatus(t, s)
			}
			before := d.Clone()
			got, evs, err := do(act, d, everyone, mar(4, 9, 0))
			if !reflect.DeepEqual(d, before) {
				t.Errorf("%s from %v changed its argument", act, s)
			}
			if legal {
				if fault.As(err).Message.Key == keyTransition {
					t.Errorf("%s from %v refused as a transition", act, s)
				}
				if err == nil && (len(evs) != 1 || evs[0].From != s || evs[0].To != got.Status || evs[0].Action != act) {
					t.Errorf("%s from %v: events %+v, status %v", act, s, evs, got.Status)
				}
				continue
			}
			wantFault(t, err, fault.Conflict, "dossier.transition.invalid")
			if args := fault.As(err).Message.Args; len(args) != 4 || args[0] != s.NameVI() || args[1] != s.NameEN() ||
				args[2] != act.NameVI() || args[3] != act.NameEN() {
				t.Errorf("%s from %v: args %v", act, s, args)
			}
			if evs != nil || got.Status != None {
				t.Errorf("%s from %v: returned a dossier or events with an error", act, s)
			}
		}
	}
	if len(allowedFrom)+1 != len(Actions()) || len(rules) != len(Actions()) {
		t.Error("an action is missing from the lifecycle table")
	}
}

func TestWrongRoleIsRefused(t *testing.T) {
	all := []string{RoleApplicant, RoleReception, RoleSpecialist, RoleHead, RoleLeader, RoleClerk, "administrator", "inspector"}
	for act, from := range allowedFrom {
		for _, role := range all {
			if slices.Contains(RolesFor(act), role) {
				continue
			}
			a := Actor{Username: "x", Roles: []string{role}}
			d := Dossier{}
			if from[0] != None {
				d = inStatus(t, from[0])
			}
			_, _, err := do(act, d, a, mar(4, 9, 0))
			wantFault(t, err, fault.Forbidden, "dossier.role.forbidden")
			// The role is checked before the status.
			_, _, err = do(act, inStatus(t, StatusReturned), a, mar(4, 9, 0))
			wantFault(t, err, fault.Forbidden, "dossier.role.forbidden")
		}
	}
	_, _, err := Submit(filing(), specialist, threeDays(), cal, mar(2, 9, 0))
	wantFault(t, err, fault.Forbidden, "dossier.role.forbidden")
}

func TestPermitted(t *testing.T) {
	d := processing(t, threeDays())
	tests := []struct {
		a    Actor
		want []Action
	}{
		{head, []Action{ActAssign, ActConsult, ActAnswerConsultation, ActRequestSupplement, ActRequestFees,
			ActReschedule, ActStop, ActRefuse, ActResultReady}},
		{specialist, []Action{ActCompleteStep, ActConsult, ActAnswerConsultation, ActRequestSupplement, ActRequestFees}},
		{reception, []Action{ActRequestSupplement, ActRequestFees, ActReschedule, ActRequestWithdrawal, ActStop}},
		{applicant, []Action{ActRequestWithdrawal}},
		{Actor{Username: "admin", Roles: []string{"administrator"}}, nil},
	}
	for _, tt := range tests {
		if got := Permitted(d, tt.a); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Permitted = %v, want %v", tt.a.Username, got, tt.want)
		}
	}
	if got := Permitted(Dossier{}, reception); !slices.Equal(got, []Action{ActSubmit, ActReceive, ActRefuseAtReception}) {
		t.Errorf("new dossier: %v", got)
	}
}

func TestZeroTimeIsAnInternalError(t *testing.T) {
	_, _, err := Transfer(received(t, threeDays()), TransferInput{}, reception, cal, time.Time{})
	if fault.KindOf(err) != fault.Internal {
		t.Errorf("got %v", err)
	}
}

func TestNilCalendarIsTheDefault(t *testing.T) {
	d, evs, err := Receive(Dossier{}, filing(), reception, threeDays(), nil, mar(2, 9, 0))
	d = ok(t, d, evs, err)
	sameTime(t, "DueAt", d.DueAt, mar(5, 9, 0))
}
