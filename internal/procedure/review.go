package procedure

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Proposal is what a review recommends for a procedure (đề xuất).
type Proposal string

// Review proposals of domain.md §3.
const (
	// Keep leaves the procedure as it is (giữ nguyên).
	Keep Proposal = "keep"
	// Amend changes it (sửa đổi).
	Amend Proposal = "amend"
	// Supplement adds to it (bổ sung).
	Supplement Proposal = "supplement"
	// Replace replaces it with another (thay thế).
	Replace Proposal = "replace"
	// Abolish abolishes it (bãi bỏ).
	Abolish Proposal = "abolish"
	// Simplify simplifies it (đơn giản hóa).
	Simplify Proposal = "simplify"
)

// Proposals returns every valid proposal.
func Proposals() []Proposal {
	return []Proposal{Keep, Amend, Supplement, Replace, Abolish, Simplify}
}

// Valid reports whether p is one of [Proposals].
func (p Proposal) Valid() bool { return slices.Contains(Proposals(), p) }

// ReviewStatus is where a review stands.
type ReviewStatus string

// Review statuses.
const (
	// ReviewDraft is being written by the reviewer.
	ReviewDraft ReviewStatus = "draft"
	// ReviewSubmitted awaits a decision.
	ReviewSubmitted ReviewStatus = "submitted"
	// ReviewAccepted was accepted; unless it proposes keep or abolish it opens
	// a new draft version of the procedure.
	ReviewAccepted ReviewStatus = "accepted"
	// ReviewRejected was rejected.
	ReviewRejected ReviewStatus = "rejected"
)

// ReviewStatuses returns every valid review status, in life-cycle order.
func ReviewStatuses() []ReviewStatus {
	return []ReviewStatus{ReviewDraft, ReviewSubmitted, ReviewAccepted, ReviewRejected}
}

// Valid reports whether s is one of [ReviewStatuses].
func (s ReviewStatus) Valid() bool { return slices.Contains(ReviewStatuses(), s) }

var reviewMoves = map[ReviewStatus][]ReviewStatus{
	ReviewDraft:     {ReviewSubmitted},
	ReviewSubmitted: {ReviewAccepted, ReviewRejected, ReviewDraft},
	ReviewAccepted:  {},
	ReviewRejected:  {},
}

// CanBecome reports whether a review in status s may move to status to:
// draft → submitted; submitted → accepted, rejected, or back to draft for
// rework. Accepted and rejected are final.
func (s ReviewStatus) CanBecome(to ReviewStatus) bool {
	return slices.Contains(reviewMoves[s], to)
}

// Review is one review (rà soát) of a procedure by the TTHC control team.
type Review struct {
	ID               int64  `json:"id,omitempty"` // assigned by storage; 0 before
	ProcedureCode    string `json:"procedure_code"`
	ProcedureVersion int    `json:"procedure_version"` // the version reviewed

	Reviewer     string    `json:"reviewer"`
	Date         time.Time `json:"date"`
	NewLegalDocs []string  `json:"new_legal_docs,omitempty"` // numbers of legal documents issued since that touch it
	Findings     string    `json:"findings,omitempty"`
	Proposal     Proposal  `json:"proposal"`
	Reasons      string    `json:"reasons,omitempty"`
	// EstimatedSavingsVND is the yearly compliance cost saved by the proposal.
	EstimatedSavingsVND int64        `json:"estimated_savings_vnd"`
	Status              ReviewStatus `json:"status"`
}

// Validate checks a review and returns nil or a [FieldErrors]: procedure
// code shape, reviewer and date present, proposal and status valid (empty
// status means draft), savings ≥ 0 and no empty legal document number.
func (r *Review) Validate() error {
	var es FieldErrors
	if !ValidCode(r.ProcedureCode) {
		es.add("procedure_code", keyCodeInvalid, r.ProcedureCode)
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		es.add("reviewer", keyRequired)
	}
	if r.Date.IsZero() {
		es.add("date", keyRequired)
	}
	for i, n := range r.NewLegalDocs {
		if strings.TrimSpace(n) == "" {
			es.add("new_legal_docs["+strconv.Itoa(i)+"]", keyReviewLegalEmpty)
		}
	}
	if !r.Proposal.Valid() {
		es.add("proposal", keyReviewProposal, string(r.Proposal))
	}
	if r.EstimatedSavingsVND < 0 {
		es.add("estimated_savings_vnd", keyReviewSavings, r.EstimatedSavingsVND)
	}
	if r.Status != "" && !r.Status.Valid() {
		es.add("status", keyReviewStatus, string(r.Status))
	}
	return es.err()
}

// Transition moves the review to status to. It returns a [FieldErrors] on
// "status" with key review.status.transition when the move is not allowed,
// and leaves the review unchanged.
func (r *Review) Transition(to ReviewStatus) error {
	from := r.Status
	if from == "" {
		from = ReviewDraft
	}
	if !from.CanBecome(to) {
		return FieldErrors{{Field: "status", Key: keyReviewMove, Args: []any{string(from), string(to)}}}
	}
	r.Status = to
	return nil
}

// OpensNewVersion reports whether the review, once accepted, should open a
// new draft version of the procedure: amend, supplement, replace and
// simplify do; keep and abolish do not (abolish ends the current version).
func (r *Review) OpensNewVersion() bool {
	if r.Status != ReviewAccepted {
		return false
	}
	switch r.Proposal {
	case Amend, Supplement, Replace, Simplify:
		return true
	}
	return false
}
