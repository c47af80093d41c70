package indicator

import "testing"

func ptr(f float64) *float64 { return &f }

func TestGroupPointsAddUpTo100(t *testing.T) {
	want := map[Group]float64{Transparency: 18, Timeliness: 20, Online: 22, Digitisation: 22, Satisfaction: 18}
	var total float64
	for _, g := range Groups() {
		if got := GroupPoints(g); got != want[g] {
			t.Errorf("%s: %v points, want %v", g, got, want[g])
		}
		total += GroupPoints(g)
	}
	if total != 100 {
		t.Errorf("total %v, want 100", total)
	}
	seen := map[Key]bool{}
	for _, r := range Rules {
		if seen[r.Key] || r.Name == "" || r.Formula == "" || r.FullAt <= 0 {
			t.Errorf("rule %+v duplicated or incomplete", r)
		}
		seen[r.Key] = true
	}
}

func TestRatio(t *testing.T) {
	tests := []struct {
		name     string
		num, den int64
		known    bool
		rate     float64
	}{
		{"seed example", 12200, 12450, true, 97.99},
		{"press release figures", 260855, 262930, true, 99.21},
		{"half rounds up", 1, 8, true, 12.5},
		{"two thirds", 2, 3, true, 66.67},
		{"all", 7, 7, true, 100},
		{"nothing resolved", 0, 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Ratio(tt.num, tt.den)
			if m.Known != tt.known || m.Rate != tt.rate {
				t.Errorf("Ratio(%d, %d) = %+v, want known %v rate %v", tt.num, tt.den, m, tt.known, tt.rate)
			}
		})
	}
}

func TestScore(t *testing.T) {
	rule := func(k Key) Rule {
		for _, r := range Rules {
			if r.Key == k {
				return r
			}
		}
		t.Fatalf("no rule %s", k)
		return Rule{}
	}
	tests := []struct {
		name     string
		key      Key
		m        Measure
		assessed bool
		earned   float64
	}{
		{"on time 97.99% of 12 points", OnTime, Ratio(12200, 12450), true, 11.76},
		{"full marks at 50%: 25% earns half", DossiersOnline, Ratio(1, 4), true, 3},
		{"full marks at 50%: 80% is capped", DossiersOnline, Ratio(4, 5), true, 6},
		{"faster than the law is capped", ProcessingTime, RatioOf(30, 20), true, 8},
		{"nothing resolved: not assessed", OnTime, Ratio(0, 0), false, 0},
		{"no survey: not assessed", SatisfactionRate, Given(nil), false, 0},
		{"survey 90%", SatisfactionRate, Given(ptr(90)), true, 7.2},
		{"negative rate floors at zero", NoOverdueComplaints, Given(ptr(-3)), true, 0},
		{"zero rate earns zero but is assessed", ElectronicResults, Ratio(0, 10), true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := rule(tt.key).Score(tt.m)
			if s.Assessed() != tt.assessed || s.Earned != tt.earned {
				t.Errorf("score = %v assessed %v, want %v assessed %v", s.Earned, s.Assessed(), tt.earned, tt.assessed)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	c := Evaluate(map[Key]Measure{
		OnTime:         Ratio(12200, 12450), // 11.76 of 12
		ProcessingTime: RatioOf(10, 20),     // 50% of 8 = 4
		DossiersOnline: Ratio(1, 2),         // 6 of 6
	})
	if c.Earned != 21.76 || c.Assessed != 26 {
		t.Errorf("card earned %v of %v assessed, want 21.76 of 26", c.Earned, c.Assessed)
	}
	if len(c.Groups) != 5 || c.Groups[1].Group != Timeliness || c.Groups[1].Earned != 15.76 || c.Groups[1].Assessed != 20 {
		t.Errorf("timeliness group = %+v", c.Groups[1])
	}
	if g := c.Groups[0]; g.Assessed != 0 || g.Earned != 0 || len(g.Scores) != 2 {
		t.Errorf("transparency without data = %+v", g)
	}
}
