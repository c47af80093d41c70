package store

import (
	"context"
	"time"

	"motcua/internal/analysis"
	"motcua/internal/feedback"
	"motcua/internal/rating"
	"motcua/internal/report"
)

var _ analysis.InputSource = (*DB)(nil)

// IndicatorInputs supplies the Decision 766 figures kept outside the dossiers, for the desks of the
// units over [from, before): the satisfaction rate (ratings whose overall score is satisfied or
// better, of all ratings given in the period), the on-time rate of feedback (rejections and answers
// within their deadlines, of those given in the period), and the complaint rate (feedback about a
// dossier or an officer's conduct received in the period, per 100 dossiers resolved in it). A figure
// without its data (no rating, no feedback handled, no dossier resolved) is left nil, so that the
// indicator shows as not assessed rather than as zero. Sync, online payment and data reuse are not
// recorded yet and stay nil.
func (db *DB) IndicatorInputs(ctx context.Context, units []string, from, before time.Time) (analysis.Inputs, error) {
	var in analysis.Inputs
	if len(units) == 0 {
		return in, nil
	}
	ratings, err := db.RatingCounts(ctx, units, from, before)
	if err != nil {
		return in, err
	}
	if s := rating.Summarize(ratings); s.Ratings > 0 {
		in.SatisfactionRate = &s.SatisfiedPct
	}
	fb, err := db.FeedbackCounts(ctx, units, from, before)
	if err != nil {
		return in, err
	}
	if fb.Rejected.Total+fb.Answered.Total > 0 {
		in.FeedbackOnTimeRate = &fb.OnTimeRate
	}
	counts, err := db.SettlementCounts(ctx, units, from, before)
	if err != nil {
		return in, err
	}
	_, total := report.Tabulate(counts)
	if total.Resolved > 0 {
		list, args := feedbackUnitList(units, []any{ms(from), ms(before), string(feedback.SubjectDossier), string(feedback.SubjectConduct)})
		var complaints int64
		if err := db.readRow(ctx, `SELECT count(*) FROM feedback WHERE received_at >= $1 AND received_at < $2
			AND subject IN ($3, $4) AND unit_code IN (`+list+`)`, args...).Scan(&complaints); err != nil {
			return in, mapErr(err, "indicator inputs")
		}
		rate := float64(complaints) * 100 / float64(total.Resolved)
		in.ComplaintRate = &rate
	}
	return in, nil
}
