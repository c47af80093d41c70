package demo

import (
	"context"
	"fmt"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/procedure"
)

// loadCatalog publishes the sample catalog (applied by the current communes), then shows the life of
// a procedure: a review that found the fee outdated, accepted, and the new version it opened,
// published; and one procedure left as an open draft for the control officer to finish.
func loadCatalog(ctx context.Context, svc *catalog.Service, p account.Principal, now time.Time) error {
	// Published from the day the merged communes began, so that the demo's older dossiers pin them too.
	since := time.Date(2025, 7, 1, 8, 0, 0, 0, procedure.Location)
	_, results, err := svc.Import(ctx, p, "catalog-sample.json", procedure.SampleCatalog, nil, since)
	if err != nil {
		return fmt.Errorf("sample catalog: %w", err)
	}
	for _, r := range results {
		if r.Action == catalog.Rejected {
			return fmt.Errorf("sample catalog row %d (%s) rejected: %v", r.Row, r.Code, r.Problems)
		}
	}
	controller := account.Principal{Username: "kiemsoat", FullName: "Trần Thị Kiểm", UnitPath: "/", Roles: []account.Role{account.Controller}}
	review, err := svc.CreateReview(ctx, controller, procedure.Review{ProcedureCode: "2.000635", Date: now.AddDate(0, -1, 0),
		Findings: "Mức phí cấp bản sao trích lục chưa cập nhật theo Thông tư mới của Bộ Tài chính.",
		Proposal: procedure.Amend, Reasons: "Thống nhất mức phí với văn bản mới", EstimatedSavingsVND: 12000000})
	if err != nil {
		return fmt.Errorf("demo review: %w", err)
	}
	for _, to := range []procedure.ReviewStatus{procedure.ReviewSubmitted, procedure.ReviewAccepted} {
		if _, err := svc.MoveReview(ctx, controller, "2.000635", review.ID, to, now); err != nil {
			return fmt.Errorf("demo review: %w", err)
		}
	}
	draft, err := svc.Published(ctx, "2.000635")
	if err != nil {
		return err
	}
	for i := range draft.Channels {
		for j := range draft.Channels[i].Fees {
			if draft.Channels[i].Kind == procedure.Online {
				draft.Channels[i].Fees[j].AmountVND = 4000
				draft.Channels[i].Fees[j].Description = "Giảm 50% khi nộp trực tuyến"
			}
		}
	}
	draft.EffectiveFrom = time.Time{}
	if _, err := svc.UpdateDraft(ctx, controller, "2.000635", draft); err != nil {
		return fmt.Errorf("demo draft: %w", err)
	}
	if _, err := svc.Publish(ctx, controller, "2.000635", now); err != nil {
		return fmt.Errorf("demo publish: %w", err)
	}
	if _, err := svc.OpenDraft(ctx, controller, "2.000908", now.AddDate(0, 1, 0)); err != nil {
		return fmt.Errorf("demo open draft: %w", err)
	}
	return nil
}
