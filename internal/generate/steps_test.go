package generate

import (
	"math/rand/v2"
	"testing"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
)

// WithSteps lays the workflow end to end from the receipt to the end of processing, the return step
// from the end to the return, and leaves pending dossiers alone.
func TestWithSteps(t *testing.T) {
	wf := []procedure.Step{{Name: "Tiếp nhận", Role: dossier.RoleReception, Hours: 1}, {Name: "Thẩm định", Role: dossier.RoleSpecialist, Hours: 8},
		{Name: "Ký", Role: dossier.RoleLeader, Hours: 4}, {Name: "Trả kết quả", Role: dossier.RoleReception, Hours: 1}}
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, calendar.Location) }
	who := Officers{dossier.RoleSpecialist: {{Username: "chuyenvien", FullName: "Đỗ Văn Chiến"}}}
	cal := calendar.Default()
	tests := []struct {
		name string
		d    dossier.Dossier
	}{
		{"returned on time", dossier.Dossier{ReceivedAt: at(9, 8), FinishedAt: at(11, 10), ReturnedAt: at(12, 9), Outcome: dossier.OutcomeResult, Timeliness: dossier.OnTime}},
		{"late, not returned", dossier.Dossier{ReceivedAt: at(9, 8), FinishedAt: at(16, 15), Outcome: dossier.OutcomeResult, Timeliness: dossier.Late}},
		{"withdrawn", dossier.Dossier{ReceivedAt: at(9, 8), FinishedAt: at(9, 10), Outcome: dossier.OutcomeWithdrawn, Timeliness: dossier.Early}},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WithSteps(tt.d, wf, cal, r, who)
			if len(got.Steps) != 4 || !got.Steps[0].Started.Equal(tt.d.ReceivedAt) || !got.Steps[2].Done.Equal(tt.d.FinishedAt) {
				t.Fatalf("steps %+v", got.Steps)
			}
			for i := 1; i < 3; i++ {
				if !got.Steps[i].Started.Equal(got.Steps[i-1].Done) || got.Steps[i].Done.Before(got.Steps[i].Started) {
					t.Errorf("step %d does not follow step %d: %+v", i+1, i, got.Steps)
				}
			}
			if got.Steps[1].DoneBy != "chuyenvien" || got.Steps[1].AssigneeName != "Đỗ Văn Chiến" || got.Steps[0].DoneBy != Actor {
				t.Errorf("officers %q %q %q", got.Steps[1].DoneBy, got.Steps[1].AssigneeName, got.Steps[0].DoneBy)
			}
			ret := got.Steps[3]
			switch {
			case tt.d.Outcome == dossier.OutcomeWithdrawn:
				if !ret.Skipped {
					t.Errorf("return step of a withdrawn dossier = %+v, want skipped", ret)
				}
			case !ret.Started.Equal(tt.d.FinishedAt) || !ret.Done.Equal(tt.d.ReturnedAt):
				t.Errorf("return step %+v, want from the end to the return", ret)
			}
		})
	}
	pending := dossier.Dossier{ReceivedAt: at(9, 8)}
	if got := WithSteps(pending, wf, cal, r, who); got.Steps != nil {
		t.Errorf("pending dossier got steps %+v", got.Steps)
	}
}
