package rating

// Counts are the stored figures of the ratings of one unit over a period, as the store sums them:
// for each criterion the number of answers and the sum of their scores.
type Counts struct {
	Unit      string
	Ratings   int64               // number of ratings
	Satisfied int64               // ratings whose overall score is Satisfied or better
	Overall   int64               // sum of the overall scores
	Answers   map[Criterion]int64 // answers per criterion (skipped ones not counted)
	Sums      map[Criterion]int64 // sum of the scores per criterion
}

// Line is one line of the satisfaction table: a criterion (or the overall score) with the number of
// answers and their average.
type Line struct {
	Criterion Criterion // "" for the overall score
	Answers   int64
	Average   float64 // on the 1–3 scale, two decimals; 0 without answers
}

// Summary is the satisfaction of a set of units over a period.
type Summary struct {
	Ratings      int64
	Satisfied    int64
	SatisfiedPct float64 // Satisfied / Ratings × 100, two decimals; 0 without ratings
	Overall      Line
	Lines        []Line // the nine criteria in the decree's order
}

// Summarize adds up the counts of several units into one summary.
func Summarize(counts []Counts) Summary {
	var total Counts
	total.Answers, total.Sums = map[Criterion]int64{}, map[Criterion]int64{}
	for _, c := range counts {
		total.Ratings += c.Ratings
		total.Satisfied += c.Satisfied
		total.Overall += c.Overall
		for k, v := range c.Answers {
			total.Answers[k] += v
		}
		for k, v := range c.Sums {
			total.Sums[k] += v
		}
	}
	s := Summary{Ratings: total.Ratings, Satisfied: total.Satisfied, SatisfiedPct: ratio(total.Satisfied*100, total.Ratings),
		Overall: Line{Answers: total.Ratings, Average: ratio(total.Overall, total.Ratings)}}
	for _, c := range Criteria() {
		s.Lines = append(s.Lines, Line{Criterion: c, Answers: total.Answers[c], Average: ratio(total.Sums[c], total.Answers[c])})
	}
	return s
}

// ratio returns n / d rounded half up to two decimals, computed in integers so that the figure is
// the true arithmetic; 0 when d is not positive.
func ratio(n, d int64) float64 {
	if d <= 0 {
		return 0
	}
	hundredths := (2*n*100 + d) / (2 * d)
	return float64(hundredths) / 100
}
