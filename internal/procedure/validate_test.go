package procedure

import (
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	type want struct{ field, key string }
	tests := []struct {
		name   string
		change func(p *Procedure)
		want   []want
	}{
		{"valid", func(p *Procedure) {}, nil},
		{"local suffix code", func(p *Procedure) { p.Code = "1.000948.H38" }, nil},
		{"defaults left empty", func(p *Procedure) {
			p.SupplementPolicy, p.SupplementDays, p.Status, p.Version, p.OnlineLevel = "", 0, "", 0, ""
		}, nil},
		{"code too short", func(p *Procedure) { p.Code = "2.00063" }, []want{{"code", "procedure.code.invalid"}}},
		{"code lower-case suffix", func(p *Procedure) { p.Code = "1.000948.h38" }, []want{{"code", "procedure.code.invalid"}}},
		{"code empty", func(p *Procedure) { p.Code = "" }, []want{{"code", "procedure.code.invalid"}}},
		{"code with space", func(p *Procedure) { p.Code = " 2.000635" }, []want{{"code", "procedure.code.invalid"}}},
		{"name blank", func(p *Procedure) { p.Name = "  " }, []want{{"name", "procedure.required"}}},
		{"no channel", func(p *Procedure) { p.Channels = nil; p.Workflow = nil }, []want{{"channels", "procedure.channels.required"}}},
		{"unknown channel", func(p *Procedure) { p.Channels[1].Kind = "fax" }, []want{{"channels[1].channel", "procedure.channel.invalid"}}},
		{"duplicate channel", func(p *Procedure) { p.Channels[1].Kind = InPerson }, []want{{"channels[1].channel", "procedure.channel.duplicate"}}},
		{"negative time", func(p *Procedure) { p.Channels[0].Time = -1 }, []want{{"channels[0].time", "procedure.time.negative"}}},
		{"unknown time unit", func(p *Procedure) { p.Channels[0].Unit = "WEEK" }, []want{{"channels[0].unit", "procedure.unit.invalid"}}},
		{"empty time unit", func(p *Procedure) { p.Channels[1].Unit = "" }, []want{{"channels[1].unit", "procedure.unit.invalid"}}},
		{"negative fee", func(p *Procedure) { p.Channels[0].Fees[0].AmountVND = -8000 }, []want{{"channels[0].fees[0].amount_vnd", "procedure.fee.negative"}}},
		{"zero fee is fine", func(p *Procedure) { p.Channels[0].Fees[0].AmountVND = 0 }, nil},
		{"negative originals", func(p *Procedure) { p.Components[0].Originals = -1 }, []want{{"components[0].originals", "procedure.component.count.negative"}}},
		{"negative certified copies", func(p *Procedure) { p.Components[0].CertifiedCopies = -2 }, []want{{"components[0].certified_copies", "procedure.component.count.negative"}}},
		{"negative copies", func(p *Procedure) { p.Components[0].Copies = -3 }, []want{{"components[0].copies", "procedure.component.count.negative"}}},
		{"component without name", func(p *Procedure) { p.Components[0].Name = "" }, []want{{"components[0].name", "procedure.required"}}},
		{"cut-off without minutes", func(p *Procedure) { p.CutoffHour = "15" }, []want{{"cutoff_hour", "procedure.cutoff.invalid"}}},
		{"cut-off 24:00", func(p *Procedure) { p.CutoffHour = "24:00" }, []want{{"cutoff_hour", "procedure.cutoff.invalid"}}},
		{"cut-off 9:00", func(p *Procedure) { p.CutoffHour = "9:00" }, []want{{"cutoff_hour", "procedure.cutoff.invalid"}}},
		{"cut-off empty is fine", func(p *Procedure) { p.CutoffHour = "" }, nil},
		{"unknown policy", func(p *Procedure) { p.SupplementPolicy = "stop" }, []want{{"supplement_policy", "procedure.supplement_policy.invalid"}}},
		{"pause policy", func(p *Procedure) { p.SupplementPolicy = Pause }, nil},
		{"negative supplement days", func(p *Procedure) { p.SupplementDays = -1 }, []want{{"supplement_days", "procedure.supplement_days.negative"}}},
		{"unknown level", func(p *Procedure) { p.Levels = append(p.Levels, "ward") }, []want{{"levels[1]", "procedure.level.invalid"}}},
		{"unknown subject", func(p *Procedure) { p.Subjects = []Subject{"alien"} }, []want{{"subjects[0]", "procedure.subject.invalid"}}},
		{"unknown online level", func(p *Procedure) { p.OnlineLevel = "level4" }, []want{{"online_level", "procedure.online_level.invalid"}}},
		{"unknown status", func(p *Procedure) { p.Status = "live" }, []want{{"status", "procedure.status.invalid"}}},
		{"negative version", func(p *Procedure) { p.Version = -1 }, []want{{"version", "procedure.version.invalid"}}},
		{"abolished before effective", func(p *Procedure) { p.AbolishedFrom = p.EffectiveFrom.AddDate(0, 0, -1) }, []want{{"abolished_from", "procedure.abolished_from.before_effective"}}},
		{"negative step budget", func(p *Procedure) { p.Workflow[0].Hours = -2 }, []want{{"workflow[0].hours", "procedure.workflow.hours.negative"}}},
		{"step without name", func(p *Procedure) { p.Workflow[1].Name = "" }, []want{{"workflow[1].step", "procedure.required"}}},
		// The quickest channel is online, 2 working days = 16 hours.
		{"workflow exactly the legal time", func(p *Procedure) { p.Workflow[1].Hours = 14 }, nil},
		{"workflow over the quickest channel", func(p *Procedure) { p.Workflow[1].Hours = 15 }, []want{{"workflow", "procedure.workflow.over_legal_time"}}},
		{"workflow over same-day time", func(p *Procedure) {
			p.Channels = []Channel{{Kind: InPerson, Time: 0, Unit: WorkingDay}}
			p.Workflow[1].Hours = 7
		}, []want{{"workflow", "procedure.workflow.over_legal_time"}}},
		{"workflow in working hours", func(p *Procedure) {
			p.Channels = []Channel{{Kind: InPerson, Time: 10, Unit: WorkingHour}}
			p.Workflow[1].Hours = 8
		}, nil},
		{"several problems at once", func(p *Procedure) {
			p.Code = "x"
			p.Channels[0].Fees[0].AmountVND = -1
			p.Channels[0].Unit = "FORTNIGHT"
		}, []want{
			{"code", "procedure.code.invalid"},
			{"channels[0].unit", "procedure.unit.invalid"},
			{"channels[0].fees[0].amount_vnd", "procedure.fee.negative"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProcedure()
			tt.change(&p)
			got := fieldErrors(t, p.Validate())
			if len(got) != len(tt.want) {
				t.Fatalf("Validate() = %v, want %v", got, tt.want)
			}
			for _, w := range tt.want {
				if !got.Has(w.field, w.key) {
					t.Errorf("Validate() = %v, missing %s %s", got, w.field, w.key)
				}
			}
		})
	}
}

func TestValidateWorkflowArgs(t *testing.T) {
	p := validProcedure()
	p.Workflow[1].Hours = 20
	fes := fieldErrors(t, p.Validate())
	if len(fes) != 1 {
		t.Fatalf("got %v", fes)
	}
	if got := fes[0].Args; len(got) != 3 || got[0] != 22 || got[1] != 16 || got[2] != "online" {
		t.Errorf("args = %v, want [22 16 online]", got)
	}
}

func TestChannelLegalHours(t *testing.T) {
	tests := []struct {
		time int
		unit TimeUnit
		want int
		ok   bool
	}{
		{0, WorkingHour, 0, true},
		{4, WorkingHour, 4, true},
		{0, WorkingDay, 8, true}, // same day
		{1, WorkingDay, 8, true},
		{3, WorkingDay, 24, true},
		{0, Day, 8, true},
		{1, Day, 8, true}, // a Saturday due date moves to Monday's close
		{2, Day, 8, true},
		{7, Day, 40, true},
		{15, Day, 80, true}, // 2 weeks + 1 day that may be a weekend day
		{20, Day, 112, true},
		{30, Day, 160, true},
		{1, Month, 160, true},   // 28 days
		{2, Month, 328, true},   // 59 days → 8 weeks + 3 days → 41 working days
		{12, Month, 2080, true}, // 365 days: 52 weeks and a day that may be a weekend day
		{-1, WorkingDay, 0, false},
		{3, "WEEK", 0, false},
	}
	for _, tt := range tests {
		got, ok := Channel{Time: tt.time, Unit: tt.unit}.LegalHours()
		if got != tt.want || ok != tt.ok {
			t.Errorf("LegalHours(%d %s) = %d, %v; want %d, %v", tt.time, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMinMonthDays(t *testing.T) {
	for n, want := range map[int]int{1: 28, 2: 59, 3: 89, 6: 181, 12: 365} {
		if got := minMonthDays(n); got != want {
			t.Errorf("minMonthDays(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestSampleWorkflowsFitLegalTime(t *testing.T) {
	// The sample's 15-day building permit has 80 hours of workflow: exactly
	// the conservative 10 working days.
	p := Procedure{Code: "9.990006", Name: "x",
		Channels: []Channel{{Kind: InPerson, Time: 15, Unit: Day}},
		Workflow: []Step{{Name: "a", Hours: 80}}}
	if err := p.Validate(); err != nil {
		t.Errorf("80 hours in 15 days: %v", err)
	}
	p.Workflow[0].Hours = 81
	if err := p.Validate(); err == nil {
		t.Error("81 hours in 15 days accepted")
	}
}

func TestInForceAt(t *testing.T) {
	p := validProcedure()
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 8, 0, 0, 0, Location) }
	if p.InForceAt(at(2025, 6, 30)) {
		t.Error("in force before its effective date")
	}
	if !p.InForceAt(at(2025, 7, 1)) {
		t.Error("not in force on its effective date")
	}
	// Midnight in Vietnam is 17:00 UTC the day before.
	if !p.InForceAt(time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC)) {
		t.Error("effective date not anchored in Vietnam time")
	}
	p.AbolishedFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, Location)
	if p.InForceAt(at(2026, 1, 1)) || !p.InForceAt(at(2025, 12, 31)) {
		t.Error("abolition date not respected")
	}
}
