package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"motcua/internal/fault"
	"motcua/internal/rating"
)

// ratingColumns are the criteria's columns in the decree's order.
func ratingColumns() []string {
	var out []string
	for _, c := range rating.Criteria() {
		out = append(out, c.Column())
	}
	return out
}

// InsertRating stores a dossier's satisfaction rating, already checked by rating.Check. Errors:
// Conflict follow.rating.already when the dossier was rated before.
func (db *DB) InsertRating(ctx context.Context, r rating.Rating) error {
	cols := append([]string{"dossier_code", "receiving_unit", "rated_at", "channel", "overall", "comment"}, ratingColumns()...)
	args := []any{r.DossierCode, r.ReceivingUnit, ms(r.RatedAt), string(r.Channel), r.Overall, r.Comment}
	for _, c := range rating.Criteria() {
		args = append(args, sql.NullInt64{Int64: int64(r.Score(c)), Valid: r.Score(c) != rating.Skipped})
	}
	ph := make([]string, len(args))
	for i := range args {
		ph[i] = placeholder(i + 1)
	}
	q := `INSERT INTO ratings (` + strings.Join(cols, ", ") + `) VALUES (` + strings.Join(ph, ", ") + `)`
	err := db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
	if fault.Is(err, fault.Conflict) {
		return fault.New(fault.Conflict, "follow.rating.already", r.DossierCode)
	}
	return err
}

// RatingOf returns the rating of a dossier. Errors: NotFound when it has none.
func (db *DB) RatingOf(ctx context.Context, code string) (rating.Rating, error) {
	scores := make([]sql.NullInt64, len(rating.Criteria()))
	var r rating.Rating
	var at int64
	var channel string
	dest := []any{&r.DossierCode, &r.ReceivingUnit, &at, &channel, &r.Overall, &r.Comment}
	for i := range scores {
		dest = append(dest, &scores[i])
	}
	err := db.readRow(ctx, `SELECT dossier_code, receiving_unit, rated_at, channel, overall, comment, `+strings.Join(ratingColumns(), ", ")+
		` FROM ratings WHERE dossier_code = $1`, code).Scan(dest...)
	if err == sql.ErrNoRows {
		return rating.Rating{}, fault.New(fault.NotFound, "follow.rating.none", code)
	}
	if err != nil {
		return rating.Rating{}, mapErr(err, "rating")
	}
	r.RatedAt, r.Channel, r.Scores = instant(at), rating.Channel(channel), map[rating.Criterion]int{}
	for i, c := range rating.Criteria() {
		if scores[i].Valid {
			r.Scores[c] = int(scores[i].Int64)
		}
	}
	return r, nil
}

// RatingCounts returns, per unit of the list that has ratings in [from, before), the number of
// ratings, the satisfied ones (overall ≥ 2), the sum of the overall scores and, per criterion, the
// number of answers and the sum of their scores; units in code order. No units: no rows.
func (db *DB) RatingCounts(ctx context.Context, units []string, from, before time.Time) ([]rating.Counts, error) {
	if len(units) == 0 {
		return nil, nil
	}
	args := []any{ms(from), ms(before)}
	ph := make([]string, 0, len(units))
	for _, u := range units {
		args = append(args, u)
		ph = append(ph, placeholder(len(args)))
	}
	sel := []string{"receiving_unit", "count(*)", "sum(CASE WHEN overall >= 2 THEN 1 ELSE 0 END)", "sum(overall)"}
	for _, col := range ratingColumns() {
		sel = append(sel, "count("+col+")", "coalesce(sum("+col+"), 0)")
	}
	q := `SELECT ` + strings.Join(sel, ", ") + ` FROM ratings WHERE rated_at >= $1 AND rated_at < $2 AND receiving_unit IN (` +
		strings.Join(ph, ", ") + `) GROUP BY receiving_unit ORDER BY receiving_unit`
	rows, err := db.readQuery(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err, "rating counts")
	}
	defer rows.Close()
	var out []rating.Counts
	crit := rating.Criteria()
	for rows.Next() {
		c := rating.Counts{Answers: map[rating.Criterion]int64{}, Sums: map[rating.Criterion]int64{}}
		answers, sums := make([]int64, len(crit)), make([]int64, len(crit))
		dest := []any{&c.Unit, &c.Ratings, &c.Satisfied, &c.Overall}
		for i := range crit {
			dest = append(dest, &answers[i], &sums[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, mapErr(err, "rating counts")
		}
		for i, k := range crit {
			c.Answers[k], c.Sums[k] = answers[i], sums[i]
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err, "rating counts")
	}
	return out, nil
}
