package dossier

import (
	"errors"
	"testing"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// at returns an instant in Vietnam time. March 2026 has no holiday: Monday
// 2 March, Saturday 7 March, Monday 9 March...
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, calendar.Location)
}

// mar is an instant in March 2026.
func mar(d, h, min int) time.Time { return at(2026, time.March, d, h, min) }

var cal = calendar.Default()

// threeDays is a procedure of 3 working days with a four-step workflow of
// 24 hours (reception 2, specialist 16, leader 4, reception 2).
func threeDays() procedure.Procedure {
	return procedure.Procedure{
		Code: "9.990004", Name: "Xác nhận tình trạng hôn nhân", Version: 2, Status: procedure.Published,
		Field: procedure.Field{Code: "H56-HT", Name: "Hộ tịch"},
		Channels: []procedure.Channel{
			{Kind: procedure.InPerson, Time: 3, Unit: procedure.WorkingDay},
			{Kind: procedure.Online, Time: 3, Unit: procedure.WorkingDay},
		},
		Components: []procedure.Component{
			{Name: "Tờ khai", Originals: 1, Mandatory: true},
			{Name: "Giấy tờ tùy thân", Copies: 1, Mandatory: true},
			{Name: "Giấy ủy quyền", Originals: 1},
			{Case: "Đã ly hôn", Name: "Bản án ly hôn", CertifiedCopies: 1, Mandatory: true},
		},
		Workflow: []procedure.Step{
			{Name: "Tiếp nhận, kiểm tra", Role: "reception", Hours: 2},
			{Name: "Thẩm định", Role: "specialist", Hours: 16},
			{Name: "Ký", Role: "leader", Hours: 4},
			{Name: "Trả kết quả", Role: "reception", Hours: 2},
		},
	}
}

// sameDay is a same-day procedure with a 15:00 cut-off.
func sameDay() procedure.Procedure {
	p := threeDays()
	p.Code, p.CutoffHour = "2.000635", "15:00"
	for i := range p.Channels {
		p.Channels[i].Time = 0
	}
	return p
}

// pausing is threeDays with the supplement policy pause.
func pausing() procedure.Procedure {
	p := threeDays()
	p.SupplementPolicy = procedure.Pause
	return p
}

var (
	reception  = Actor{Username: "lan", FullName: "Nguyễn Thị Lan", UnitCode: "000.17.22.H56", Roles: []string{RoleReception}}
	head       = Actor{Username: "hung", FullName: "Trần Văn Hùng", UnitCode: "000.17.22.H56", Roles: []string{RoleHead}}
	specialist = Actor{Username: "mai", FullName: "Lê Thị Mai", UnitCode: "000.17.22.H56", Roles: []string{RoleSpecialist}}
	leader     = Actor{Username: "son", FullName: "Phạm Sơn", UnitCode: "000.17.22.H56", Roles: []string{RoleLeader}}
	clerk      = Actor{Username: "ha", FullName: "Đỗ Hà", UnitCode: "000.17.22.H56", Roles: []string{RoleClerk}}
	applicant  = Actor{Username: "portal", Roles: []string{RoleApplicant}}
	everyone   = Actor{Username: "root", Roles: []string{RoleApplicant, RoleReception, RoleSpecialist, RoleHead, RoleLeader, RoleClerk}}
)

// filing is a complete desk filing of threeDays.
func filing() FilingInput {
	return FilingInput{
		Code: "000.17.22.H56-260302-0001", LookupSecret: "K7M2QX", Channel: ChannelInPerson,
		Applicant: Applicant{Kind: ApplicantCitizen, Name: "Nguyễn Văn An", IDNumber: "001203004567",
			Phone: "0912 345 678", Email: "an@example.vn", Address: "Phường Ba Đình, Hà Nội"},
		Components: []Paper{{Name: "Tờ khai", Originals: 1}, {Name: "giấy tờ tùy thân", Copies: 1}},
	}
}

// ok fails the test on an error and returns the dossier.
func ok(t *testing.T, d Dossier, evs []Event, err error) Dossier {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1", len(evs))
	}
	return d
}

// received is threeDays received at the desk on Monday 2 March 2026 09:00
// (appointment Thursday 09:00).
func received(t *testing.T, p procedure.Procedure) Dossier {
	t.Helper()
	d, evs, err := Receive(Dossier{}, filing(), reception, p, cal, mar(2, 9, 0))
	return ok(t, d, evs, err)
}

// processing is received, then transferred on Monday 10:00.
func processing(t *testing.T, p procedure.Procedure) Dossier {
	t.Helper()
	d := received(t, p)
	d, evs, err := Transfer(d, TransferInput{}, reception, cal, mar(2, 10, 0))
	return ok(t, d, evs, err)
}

// wantFault fails unless err is a fault of the kind with the key (as its
// message or one field's).
func wantFault(t *testing.T, err error, kind fault.Kind, key string) {
	t.Helper()
	var fe *fault.Error
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a %s fault %s", err, kind, key)
	}
	if fe.Kind != kind {
		t.Fatalf("got kind %s (%v), want %s", fe.Kind, err, kind)
	}
	if fe.Message.Key == key {
		return
	}
	for _, m := range fe.Fields {
		if m.Key == key {
			return
		}
	}
	t.Fatalf("got %v, want key %s", err, key)
}

// wantField fails unless err is Invalid with the field carrying the key.
func wantField(t *testing.T, err error, field, key string) {
	t.Helper()
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind != fault.Invalid {
		t.Fatalf("got %v, want Invalid on %s", err, field)
	}
	if m, ok := fe.Fields[field]; !ok || m.Key != key {
		t.Fatalf("field %s: got %v, want %s", field, fe.Fields, key)
	}
}

// sameTime fails unless got and want are the same instant.
func sameTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, got.Format("Mon 2006-01-02 15:04"), want.Format("Mon 2006-01-02 15:04"))
	}
}
