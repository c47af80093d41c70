package rating

import (
	"testing"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		in     Rating
		fields []string // the fields named by the Invalid fault; nil for success
	}{
		{"overall only", Rating{Channel: QR, Overall: Satisfied}, nil},
		{"every criterion", Rating{Channel: Kiosk, Overall: VerySatisfied, Scores: map[Criterion]int{TimeToResult: 1, BodiesVisited: 2, DeskVisits: 3,
			Publication: 1, Attitude: 2, Lawfulness: 3, Feedback: 1, Online: 2, Other: 3}}, nil},
		{"skipped criteria are dropped", Rating{Channel: Portal, Overall: NotSatisfied, Scores: map[Criterion]int{Attitude: Skipped}}, nil},
		{"overall missing", Rating{Channel: QR}, []string{"overall"}},
		{"overall off the scale", Rating{Channel: QR, Overall: 4}, []string{"overall"}},
		{"a score off the scale", Rating{Channel: QR, Overall: 2, Scores: map[Criterion]int{Attitude: 5, Online: -1}}, []string{"c_dd", "c_h"}},
		{"unknown criterion", Rating{Channel: QR, Overall: 2, Scores: map[Criterion]int{"f": 2}}, []string{"f"}},
		{"unknown channel", Rating{Channel: "sms", Overall: 2}, []string{"channel"}},
		{"comment too long", Rating{Channel: QR, Overall: 2, Comment: string(make([]rune, MaxComment+1))}, []string{"comment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Check(tt.in)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				for c, v := range got.Scores {
					if v == Skipped {
						t.Errorf("skipped %s kept", c)
					}
				}
				return
			}
			fe := fault.As(err)
			if fe.Kind != fault.Invalid {
				t.Fatalf("got %v, want Invalid", err)
			}
			for _, f := range tt.fields {
				if _, ok := fe.Fields[f]; !ok {
					t.Errorf("field %q not named: %v", f, fe.Fields)
				}
			}
			if len(fe.Fields) != len(tt.fields) {
				t.Errorf("fields %v, want %v", fe.Fields, tt.fields)
			}
		})
	}
}

func TestCriteriaAreTheNineOfTheDecree(t *testing.T) {
	var letters string
	for _, c := range Criteria() {
		letters += c.Letter()
	}
	if letters != "abcdđeghi" {
		t.Errorf("letters %q", letters)
	}
	if Attitude.Column() != "c_dd" || Attitude.Key() != "follow.criterion.dd" {
		t.Errorf("column %q key %q", Attitude.Column(), Attitude.Key())
	}
}

func TestParseScore(t *testing.T) {
	for in, want := range map[string]int{"": Skipped, " 1 ": 1, "2": 2, "3": 3, "4": -1, "0": -1, "x": -1} {
		if got := ParseScore(in); got != want {
			t.Errorf("ParseScore(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	counts := []Counts{
		{Unit: "A", Ratings: 2, Satisfied: 1, Overall: 4, Answers: map[Criterion]int64{Attitude: 2, TimeToResult: 1}, Sums: map[Criterion]int64{Attitude: 5, TimeToResult: 1}},
		{Unit: "B", Ratings: 1, Satisfied: 1, Overall: 3, Answers: map[Criterion]int64{Attitude: 1}, Sums: map[Criterion]int64{Attitude: 2}},
	}
	s := Summarize(counts)
	if s.Ratings != 3 || s.Satisfied != 2 || s.SatisfiedPct != 66.67 {
		t.Errorf("ratings %d satisfied %d (%v%%)", s.Ratings, s.Satisfied, s.SatisfiedPct)
	}
	if s.Overall.Answers != 3 || s.Overall.Average != 2.33 {
		t.Errorf("overall %+v", s.Overall)
	}
	want := map[Criterion]Line{Attitude: {Attitude, 3, 2.33}, TimeToResult: {TimeToResult, 1, 1}, Other: {Other, 0, 0}}
	if len(s.Lines) != 9 {
		t.Fatalf("%d lines", len(s.Lines))
	}
	for _, l := range s.Lines {
		if w, ok := want[l.Criterion]; ok && l != w {
			t.Errorf("%s: %+v, want %+v", l.Criterion, l, w)
		}
	}
	if z := Summarize(nil); z.Ratings != 0 || z.SatisfiedPct != 0 || z.Overall.Average != 0 {
		t.Errorf("empty: %+v", z)
	}
}

func TestWhoMayRate(t *testing.T) {
	returned := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	d := dossier.Dossier{Code: "X", Status: dossier.StatusReturned, ReceivingUnit: "000.31.21.H06", ReturnedAt: returned}
	tests := []struct {
		name        string
		d           dossier.Dossier
		unit        string
		now         time.Time
		rate, kiosk fault.Kind
	}{
		{"returned yesterday at its desk", d, "000.31.21.H06", returned.Add(24 * time.Hour), "", ""},
		{"exactly seven days later", d, "000.31.21.H06", returned.Add(KioskWindow), "", ""},
		{"eight days later", d, "000.31.21.H06", returned.Add(KioskWindow + time.Hour), "", fault.NotFound},
		{"another desk", d, "000.32.21.H06", returned.Add(time.Hour), "", fault.NotFound},
		{"result ready, not handed over", dossier.Dossier{Status: dossier.StatusDone, ReceivingUnit: "000.31.21.H06"}, "000.31.21.H06", returned, "", fault.NotFound},
		{"still processing", dossier.Dossier{Status: dossier.StatusProcessing, ReceivingUnit: "000.31.21.H06"}, "000.31.21.H06", returned, fault.Conflict, fault.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind := func(err error) fault.Kind {
				if err == nil {
					return ""
				}
				return fault.KindOf(err)
			}
			if got := kind(MayRate(tt.d)); got != tt.rate {
				t.Errorf("MayRate: %q, want %q", got, tt.rate)
			}
			if got := kind(MayRateAtKiosk(tt.d, tt.unit, tt.now)); got != tt.kiosk {
				t.Errorf("MayRateAtKiosk: %q, want %q", got, tt.kiosk)
			}
		})
	}
}
