package catalog

import (
	"context"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// CreateReview records a review of the procedure's current version as a draft. Errors: Invalid,
// NotFound, Forbidden.
func (s *Service) CreateReview(ctx context.Context, p account.Principal, r procedure.Review) (procedure.Review, error) {
	if err := canEdit(p); err != nil {
		return r, err
	}
	cur, err := s.Published(ctx, r.ProcedureCode)
	if err != nil {
		return r, err
	}
	r.ID, r.ProcedureVersion, r.Status = 0, cur.Version, procedure.ReviewDraft
	if r.Reviewer == "" {
		r.Reviewer = p.FullName
		if r.Reviewer == "" {
			r.Reviewer = p.Username
		}
	}
	if err := r.Validate(); err != nil {
		return r, invalid(err)
	}
	return s.Store.SaveReview(ctx, p, r)
}

// Reviews returns a procedure's reviews, newest first ("" for every procedure).
func (s *Service) Reviews(ctx context.Context, code string) ([]procedure.Review, error) {
	return s.Store.Reviews(ctx, strings.TrimSpace(code))
}

// MoveReview changes a review's status (submit, accept, reject, back to draft). An accepted review
// that proposes to amend, supplement, replace or simplify opens a draft new version of the procedure
// (unless one is open already). Errors: Invalid for a move the life cycle forbids, NotFound.
func (s *Service) MoveReview(ctx context.Context, p account.Principal, code string, id int64, to procedure.ReviewStatus, now time.Time) (procedure.Review, error) {
	if err := canEdit(p); err != nil {
		return procedure.Review{}, err
	}
	all, err := s.Store.Reviews(ctx, code)
	if err != nil {
		return procedure.Review{}, err
	}
	i := slices.IndexFunc(all, func(r procedure.Review) bool { return r.ID == id })
	if i < 0 {
		return procedure.Review{}, fault.New(fault.NotFound, "review.not_found", id)
	}
	r := all[i]
	if err := r.Transition(to); err != nil {
		return r, invalid(err)
	}
	r, err = s.Store.SaveReview(ctx, p, r)
	if err != nil {
		return r, err
	}
	if r.OpensNewVersion() {
		if _, err := s.OpenDraft(ctx, p, code, time.Time{}); err != nil && !fault.Is(err, fault.Conflict) {
			return r, err
		}
	}
	return r, nil
}

// Due is a procedure that needs reviewing and why.
type Due struct {
	Procedure  procedure.Procedure
	LastReview time.Time // zero: never reviewed
	// Reason is a message: never reviewed, or a legal text of its basis issued after the last review.
	Reason fault.Message
}

// DueForReview lists the published procedures that need a review: those never reviewed and those
// citing a legal text issued (or recorded as effective) after their last review.
func (s *Service) DueForReview(ctx context.Context) ([]Due, error) {
	reviews, err := s.Store.Reviews(ctx, "")
	if err != nil {
		return nil, err
	}
	last := map[string]time.Time{}
	for _, r := range reviews {
		if r.Date.After(last[r.ProcedureCode]) {
			last[r.ProcedureCode] = r.Date
		}
	}
	docs, err := s.Store.LegalDocuments(ctx)
	if err != nil {
		return nil, err
	}
	changed := map[string]time.Time{}
	for _, d := range docs {
		t := d.Date
		if d.EffectiveFrom.After(t) {
			t = d.EffectiveFrom
		}
		changed[d.Number] = t
	}
	current, err := s.Export(ctx)
	if err != nil {
		return nil, err
	}
	var out []Due
	for _, proc := range current {
		lr, reviewed := last[proc.Code]
		if !reviewed {
			out = append(out, Due{Procedure: proc, Reason: fault.Message{Key: "review.due.never"}})
			continue
		}
		for _, ref := range proc.LegalBasis {
			if t := changed[ref.Number]; t.After(lr) {
				out = append(out, Due{Procedure: proc, LastReview: lr, Reason: fault.Message{Key: "review.due.legal", Args: []any{ref.Number, procedure.FormatDate(t)}}})
				break
			}
		}
	}
	return out, nil
}

// RecordLegalDocument records a new legal text (e.g. one that amends procedures' legal basis), so
// that the procedures citing it show as due for review. Errors: Invalid naming the field.
func (s *Service) RecordLegalDocument(ctx context.Context, p account.Principal, d procedure.LegalDocument) error {
	if err := canEdit(p); err != nil {
		return err
	}
	var f fault.Fields
	d.Number = strings.TrimSpace(d.Number)
	d.Name = strings.TrimSpace(d.Name)
	if d.Number == "" {
		f.Add("number", "field.required")
	}
	if d.Name == "" {
		f.Add("name", "field.required")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.Store.SaveLegalDocument(ctx, p, d)
}

// LegalDocuments lists the recorded legal texts.
func (s *Service) LegalDocuments(ctx context.Context) ([]procedure.LegalDocument, error) {
	return s.Store.LegalDocuments(ctx)
}
