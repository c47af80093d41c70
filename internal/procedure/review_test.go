package procedure

import (
	"testing"
	"time"
)

func TestReviewTransitions(t *testing.T) {
	tests := []struct {
		from, to ReviewStatus
		ok       bool
	}{
		{"", ReviewSubmitted, true}, // empty is draft
		{ReviewDraft, ReviewSubmitted, true},
		{ReviewDraft, ReviewAccepted, false},
		{ReviewDraft, ReviewRejected, false},
		{ReviewSubmitted, ReviewAccepted, true},
		{ReviewSubmitted, ReviewRejected, true},
		{ReviewSubmitted, ReviewDraft, true},
		{ReviewAccepted, ReviewDraft, false},
		{ReviewAccepted, ReviewRejected, false},
		{ReviewRejected, ReviewSubmitted, false},
		{ReviewSubmitted, "archived", false},
	}
	for _, tt := range tests {
		r := Review{Status: tt.from}
		err := r.Transition(tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%q → %q: err = %v, want ok %v", tt.from, tt.to, err, tt.ok)
			continue
		}
		if err != nil {
			fes := fieldErrors(t, err)
			if !fes.Has("status", "review.status.transition") || r.Status != tt.from {
				t.Errorf("%q → %q: %v, status now %q", tt.from, tt.to, fes, r.Status)
			}
		} else if r.Status != tt.to {
			t.Errorf("%q → %q: status now %q", tt.from, tt.to, r.Status)
		}
	}
}

func TestReviewValidate(t *testing.T) {
	valid := func() Review {
		return Review{ProcedureCode: "2.000635", ProcedureVersion: 1, Reviewer: "Nguyễn Văn A",
			Date: time.Date(2025, 9, 1, 0, 0, 0, 0, Location), NewLegalDocs: []string{"118/2025/NĐ-CP"},
			Findings: "Thành phần hồ sơ trùng dữ liệu dân cư", Proposal: Simplify,
			Reasons: "Khai thác CSDL quốc gia về dân cư", EstimatedSavingsVND: 1_500_000_000, Status: ReviewDraft}
	}
	tests := []struct {
		name   string
		change func(r *Review)
		field  string
		key    string
	}{
		{"valid", func(r *Review) {}, "", ""},
		{"bad code", func(r *Review) { r.ProcedureCode = "2.0006" }, "procedure_code", "procedure.code.invalid"},
		{"no reviewer", func(r *Review) { r.Reviewer = "" }, "reviewer", "procedure.required"},
		{"no date", func(r *Review) { r.Date = time.Time{} }, "date", "procedure.required"},
		{"bad proposal", func(r *Review) { r.Proposal = "burn" }, "proposal", "review.proposal.invalid"},
		{"negative savings", func(r *Review) { r.EstimatedSavingsVND = -1 }, "estimated_savings_vnd", "review.savings.negative"},
		{"bad status", func(r *Review) { r.Status = "done" }, "status", "review.status.invalid"},
		{"empty legal doc", func(r *Review) { r.NewLegalDocs = append(r.NewLegalDocs, " ") }, "new_legal_docs[1]", "review.new_legal_docs.empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.change(&r)
			fes := fieldErrors(t, r.Validate())
			if tt.key == "" {
				if len(fes) != 0 {
					t.Errorf("Validate() = %v", fes)
				}
				return
			}
			if len(fes) != 1 || !fes.Has(tt.field, tt.key) {
				t.Errorf("Validate() = %v, want %s %s", fes, tt.field, tt.key)
			}
		})
	}
}

func TestReviewOpensNewVersion(t *testing.T) {
	for _, p := range Proposals() {
		r := Review{Proposal: p, Status: ReviewSubmitted}
		if r.OpensNewVersion() {
			t.Errorf("%s: a submitted review opens a version", p)
		}
		r.Status = ReviewAccepted
		want := p != Keep && p != Abolish
		if r.OpensNewVersion() != want {
			t.Errorf("%s: OpensNewVersion = %v, want %v", p, !want, want)
		}
	}
}

func TestProcedureStatusTransitions(t *testing.T) {
	tests := []struct {
		from, to Status
		ok       bool
	}{
		{"", Published, true},
		{Draft, Published, true},
		{Draft, Amended, false},
		{Draft, Abolished, false},
		{Published, Amended, true},
		{Published, Abolished, true},
		{Published, Draft, false},
		{Amended, Published, false},
		{Amended, Abolished, false},
		{Abolished, Published, false},
	}
	for _, tt := range tests {
		p := Procedure{Status: tt.from}
		err := p.Transition(tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%q → %q: err = %v, want ok %v", tt.from, tt.to, err, tt.ok)
		}
		if err != nil && p.Status != tt.from {
			t.Errorf("%q → %q: failed transition changed status to %q", tt.from, tt.to, p.Status)
		}
	}
}

func TestNextVersion(t *testing.T) {
	p := validProcedure()
	eff := time.Date(2026, 1, 1, 0, 0, 0, 0, Location)
	q := p.NextVersion(eff)
	if q.Version != 2 || q.Status != Draft || !q.EffectiveFrom.Equal(eff) || !q.AbolishedFrom.IsZero() {
		t.Errorf("NextVersion = version %d status %s effective %v", q.Version, q.Status, q.EffectiveFrom)
	}
	q.Channels[0].Fees[0].AmountVND = 1
	q.Levels[0] = Province
	q.Workflow[0].Hours = 99
	if p.Channels[0].Fees[0].AmountVND != 8000 || p.Levels[0] != Commune || p.Workflow[0].Hours != 2 {
		t.Error("NextVersion shares slices with the original")
	}
	if got := Diff(p, p.NextVersion(time.Time{})); len(got) != 1 || got[0].Field != "effective_from" {
		t.Errorf("Diff(p, next) = %v, want only effective_from", got)
	}
}
