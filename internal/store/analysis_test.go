package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/analysis"
	"motcua/internal/dossier"
	"motcua/internal/indicator"
	"motcua/internal/procedure"
	"motcua/internal/store"
)

// step is a done workflow step for the analysis tests.
func step(name, role, office string, hours int, by string, start, due, done time.Time) dossier.Step {
	return dossier.Step{Name: name, Role: role, Office: office, Hours: hours, Assignee: by, AssigneeName: "Cán bộ " + by,
		Started: start, Due: due, Done: done, DoneBy: by, Timeliness: dossier.Classify(due, done)}
}

// analysisDossiers are hand-made dossiers of March 2026 (Monday 9 to Friday 13, no holiday; desk
// hours 07:00–11:30 and 13:30–17:00) whose times spent are known exactly, in working hours:
//
//	step 1 (4 h budget):  1, 1, 1, 1, 1         median 1,   p90 1,  none over
//	step 2 (8 h budget):  1, 2, 3.5, 8, 16      median 3.5, p90 16, one over (D5); D3 waited 1 h
//	step 3 (4 h budget):  1, 1, 1, 1, 5         median 1,   p90 5,  one over (D4)
//
// D4 (overran step 3 by 1 h), D5 (step 2 by 8 h) and D6 (no workflow) are late.
func analysisDossiers() []dossier.Dossier {
	mon, tue, wed := func(h, m int) time.Time { return d(2026, 3, 9, h, m) }, func(h, m int) time.Time { return d(2026, 3, 10, h, m) },
		func(h, m int) time.Time { return d(2026, 3, 11, h, m) }
	type plan struct {
		s2done, s3done time.Time
		s3due          time.Time
		by2            string
		class          dossier.Timeliness
	}
	plans := []plan{
		{mon(10, 0), mon(11, 0), mon(15, 0), "chuyenvien", dossier.Early},
		{mon(11, 0), mon(14, 0), mon(16, 0), "chuyenvien", dossier.Early},
		{mon(15, 30), mon(16, 30), tue(9, 30), "chuyenvien", dossier.OnTime},
		{tue(9, 0), tue(16, 0), tue(15, 0), "chuyenvien2", dossier.Late},
		{wed(9, 0), wed(10, 0), wed(15, 0), "chuyenvien2", dossier.Late},
	}
	var out []dossier.Dossier
	base := func(code, unit, proc string) dossier.Dossier {
		return dossier.Dossier{Code: code, LookupSecret: "ABCDEF", ProcedureCode: proc, ProcedureVersion: 1, ProcedureName: "Thủ tục " + proc,
			FieldName: "Hộ tịch", ReceivingUnit: unit, CompetentUnit: unit, Channel: dossier.ChannelInPerson, Status: dossier.StatusReturned,
			Outcome: dossier.OutcomeResult, ReceivedAt: mon(8, 0), Rules: dossier.Rules{Time: 3, Unit: procedure.WorkingDay}}
	}
	for i, p := range plans {
		x := base(fmt.Sprintf("A-%d", i+1), communeA, "2.000635")
		x.Steps = []dossier.Step{
			step("Tiếp nhận hồ sơ", dossier.RoleReception, "Bộ phận một cửa", 4, "tiepnhan", mon(8, 0), mon(14, 0), mon(9, 0)),
			step("Thẩm định hồ sơ", dossier.RoleSpecialist, "Văn phòng UBND", 8, p.by2, mon(9, 0), tue(9, 0), p.s2done),
			step("Ký duyệt kết quả", dossier.RoleLeader, "Lãnh đạo UBND", 4, "lanhdao", p.s2done, p.s3due, p.s3done),
		}
		x.FinishedAt, x.Timeliness, x.OriginalDueAt, x.DueAt = p.s3done, p.class, tue(11, 0), tue(11, 0)
		if i == 2 {
			x.Waits = []dossier.Wait{{Kind: dossier.WaitSupplement, From: mon(13, 30), To: mon(14, 30)}}
		}
		if i == 0 {
			x.Channel, x.ReturnMethod = dossier.ChannelOnline, dossier.ReturnElectronic
			x.Files = []dossier.File{{ID: "f1", Name: "to-khai.pdf", Purpose: dossier.FileComponent}}
			x.Results = []dossier.ResultDoc{{Name: "Giấy khai sinh", Electronic: true}}
		}
		out = append(out, x)
	}
	late := base("A-6", communeA, "2.000635")
	late.FinishedAt, late.Timeliness, late.OriginalDueAt = wed(8, 0), dossier.Late, tue(17, 0)
	pending := base("A-7", communeA, "2.000635")
	pending.Status, pending.Outcome, pending.OriginalDueAt = dossier.StatusProcessing, "", d(2026, 4, 20, 17, 0)
	before := base("A-8", communeA, "2.000635")
	before.ReceivedAt, before.FinishedAt, before.Timeliness = d(2026, 2, 2, 8, 0), d(2026, 2, 27, 8, 0), dossier.Late
	// Commune B: two dossiers of another procedure, each 2 working days and 2 calendar days once the
	// wait of the second (Tuesday 07:00 to Thursday 07:00) is taken out.
	e1 := base("B-1", communeB, "1.000001")
	e1.FinishedAt, e1.Timeliness, e1.OriginalDueAt = wed(8, 0), dossier.Early, d(2026, 3, 12, 8, 0)
	e2 := base("B-2", communeB, "1.000001")
	e2.FinishedAt, e2.Timeliness, e2.OriginalDueAt = d(2026, 3, 13, 8, 0), dossier.OnTime, d(2026, 3, 13, 17, 0)
	e2.Waits = []dossier.Wait{{Kind: dossier.WaitSupplement, From: tue(7, 0), To: d(2026, 3, 12, 7, 0), Policy: procedure.Pause}}
	return append(out, late, pending, before, e1, e2)
}

func TestAnalyses(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx := context.Background()
		seed(t, svc, clk.Now())
		in := analysisDossiers()
		if n, err := db.BulkInsertDossiers(ctx, account.System("test"), in, nil); err != nil || n != len(in) {
			t.Fatalf("bulk insert = %d, %v", n, err)
		}
		s := &analysis.Service{Store: db}
		leader := account.Principal{Username: "lanhdao", UnitPath: "/", Roles: []account.Role{account.Leader}}
		march := analysis.Query{Unit: province, From: d(2026, 3, 1, 0, 0), To: d(2026, 3, 31, 0, 0), Subtree: true}
		communeMarch := march
		communeMarch.Unit = communeA

		for _, tt := range []struct {
			part  analysis.FactPart
			n     int
			steps bool
		}{{analysis.Everything, 7, true}, {analysis.ColumnsOnly, 7, false}, {analysis.FinishedOnly, 6, true}} {
			facts, err := db.AnalysisFacts(ctx, []string{communeA}, march.From, d(2026, 4, 1, 0, 0), tt.part)
			if err != nil || len(facts) != tt.n {
				t.Fatalf("part %d: facts = %d, %v; want %d (the one finished in February is left out)", tt.part, len(facts), err, tt.n)
			}
			withSteps := false
			for _, f := range facts {
				withSteps = withSteps || len(f.Steps) > 0
			}
			if withSteps != tt.steps {
				t.Errorf("part %d: steps read %v, want %v", tt.part, withSteps, tt.steps)
			}
		}

		b, err := s.Bottlenecks(ctx, leader, communeMarch)
		if err != nil {
			t.Fatal(err)
		}
		type stat struct {
			key               string
			handled, over     int64
			median, p90, rate float64
		}
		got := func(rows []analysis.StepStat) []stat {
			var out []stat
			for _, r := range rows {
				out = append(out, stat{r.Key, r.Handled, r.Over, r.Median, r.P90, r.OverRate.Rate})
			}
			return out
		}
		tests := []struct {
			name string
			rows []analysis.StepStat
			want []stat
		}{
			{"steps", b.Steps, []stat{{"2.000635#2", 5, 1, 3.5, 16, 20}, {"2.000635#3", 5, 1, 1, 5, 20}, {"2.000635#1", 5, 0, 1, 1, 0}}},
			{"offices", b.Offices, []stat{{"Lãnh đạo UBND", 5, 1, 1, 5, 20}, {"Văn phòng UBND", 5, 1, 3.5, 16, 20}, {"Bộ phận một cửa", 5, 0, 1, 1, 0}}},
			{"officers", b.Officers, []stat{{"chuyenvien2", 2, 1, 8, 16, 50}, {"lanhdao", 5, 1, 1, 5, 20}, {"tiepnhan", 5, 0, 1, 1, 0}, {"chuyenvien", 3, 0, 2, 3.5, 0}}},
		}
		for _, tt := range tests {
			if g := got(tt.rows); fmt.Sprint(g) != fmt.Sprint(tt.want) {
				t.Errorf("%s = %v, want %v", tt.name, g, tt.want)
			}
		}
		if b.Dossiers != 6 || b.Late != 3 || b.LateUnexplained != 1 || len(b.LateCauses) != 2 {
			t.Fatalf("bottlenecks = %d finished, %d late, %d unexplained, causes %+v", b.Dossiers, b.Late, b.LateUnexplained, b.LateCauses)
		}
		if c := b.LateCauses[0]; c.Number != 2 || c.Count != 1 || c.Overrun != 8 || c.Step != "Thẩm định hồ sơ" {
			t.Errorf("first cause = %+v, want step 2 overrun by 8 h", c)
		}
		if c := b.LateCauses[1]; c.Number != 3 || c.Overrun != 1 {
			t.Errorf("second cause = %+v, want step 3 overrun by 1 h", c)
		}

		times, err := s.ProcessingTimes(ctx, leader, march, analysis.SortCount, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(times.Rows) != 2 || times.Total.Count != 8 {
			t.Fatalf("processing times = %+v", times)
		}
		if r := times.Rows[0]; r.Code != "1.000001" || r.Count != 2 || r.WorkingAvg != 2 || r.DaysAvg != 2 || r.LegalTime != 3 || r.LegalUnit != string(procedure.WorkingDay) {
			t.Errorf("1.000001 = %+v, want 2 dossiers of 2 working and 2 calendar days, 3 working days legal", r)
		}
		if r := times.Rows[1]; r.Code != "2.000635" || r.Count != 6 || r.Late != 3 {
			t.Errorf("2.000635 = %+v, want 6 dossiers, 3 late", r)
		}

		rank, err := s.Ranking(ctx, leader, march, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(rank.Rows) != 2 || rank.Rows[0].Unit.Code != communeB || rank.Rows[0].Rate.Rate != 100 || rank.Rows[0].Rank != 1 ||
			rank.Rows[1].Unit.Code != communeA || rank.Rows[1].Received != 7 || rank.Rows[1].Resolved != 6 || rank.Rows[1].OnTime != 3 || rank.Rows[1].Rate.Rate != 50 {
			t.Errorf("ranking = %+v", rank.Rows)
		}

		ind, err := s.Indicators(ctx, leader, march)
		if err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			key      indicator.Key
			known    bool
			num, den float64
			rate     float64
		}{
			{indicator.OnTime, true, 5, 8, 62.5},
			{indicator.DossiersOnline, true, 1, 9, 11.11},
			{indicator.DigitisedComponents, true, 1, 9, 11.11},
			{indicator.ElectronicReturn, true, 1, 1, 100},
			{indicator.ElectronicResults, true, 1, 8, 12.5},
			{indicator.PublishedComplete, false, 0, 0, 0},
			{indicator.SatisfactionRate, false, 0, 0, 0},
		}
		for _, c := range checks {
			sc := ind.Score(c.key)
			if sc.Known != c.known || sc.Num != c.num || sc.Den != c.den || sc.Rate != c.rate {
				t.Errorf("%s = %+v, want %v/%v = %v", c.key, sc.Measure, c.num, c.den, c.rate)
			}
		}
	})
}

// The shortcut decoder of analysis documents reads what json.Unmarshal reads, whatever the layout.
func TestDecodeFactDoc(t *testing.T) {
	x := analysisDossiers()[0]
	x.Applicant = dossier.Applicant{Name: `Nguyễn "Văn" A \ {[`, Address: "Thôn } ] , Đông"}
	full, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	indented, err := json.MarshalIndent(x, " ", "\t")
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range [][]byte{full, indented} {
		var want, got store.FactDoc
		if err := json.Unmarshal(doc, &want); err != nil {
			t.Fatal(err)
		}
		if err := store.DecodeFactDoc(doc, &got); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || len(got.Steps) != 3 || len(got.Files) != 1 || got.ProcedureName == "" {
			t.Errorf("decoded %+v, want %+v", got, want)
		}
	}
	for _, bad := range []string{``, `[]`, `{"steps": [`, `{"steps" 1}`, `{"a": "unterminated}`} {
		var got store.FactDoc
		if err := store.DecodeFactDoc([]byte(bad), &got); err == nil {
			t.Errorf("%q decoded without error", bad)
		}
	}
}
