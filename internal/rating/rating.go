package rating

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"motcua/internal/fault"
)

// Criterion is one of the nine criteria of Decree 118 Art. 33(1).
type Criterion string

// The criteria, by their letter in the decree ("dd" stands for đ).
const (
	TimeToResult  Criterion = "a"  // time to the result against the legal limit
	BodiesVisited Criterion = "b"  // number of bodies the citizen had to contact
	DeskVisits    Criterion = "c"  // number of times the citizen had to contact the receiving desk
	Publication   Criterion = "d"  // accuracy, completeness, timeliness of the published procedure
	Attitude      Criterion = "dd" // officers' attitude
	Lawfulness    Criterion = "e"  // lawfulness of the result and of the costs
	Feedback      Criterion = "g"  // timeliness and quality of answers to feedback and complaints
	Online        Criterion = "h"  // progress and quality of the online service
	Other         Criterion = "i"  // other
)

// Criteria returns the nine criteria in the decree's order.
func Criteria() []Criterion {
	return []Criterion{TimeToResult, BodiesVisited, DeskVisits, Publication, Attitude, Lawfulness, Feedback, Online, Other}
}

// Letter returns the criterion's letter as printed in the decree: a, b, c, d, đ, e, g, h, i.
func (c Criterion) Letter() string {
	if c == Attitude {
		return "đ"
	}
	return string(c)
}

// Column returns the name of the stored column of the criterion, e.g. "c_dd".
func (c Criterion) Column() string { return "c_" + string(c) }

// Key returns the i18n key of the criterion's question.
func (c Criterion) Key() string { return "follow.criterion." + string(c) }

// The scale of every score.
const (
	Skipped       = 0 // not answered (criteria other than the overall one only)
	NotSatisfied  = 1 // không hài lòng
	Satisfied     = 2 // hài lòng
	VerySatisfied = 3 // rất hài lòng
)

// Scale returns the scores a criterion may take, lowest first.
func Scale() []int { return []int{NotSatisfied, Satisfied, VerySatisfied} }

// ScoreKey returns the i18n key of the label of a score of the scale.
func ScoreKey(score int) string { return fmt.Sprintf("follow.score.%d", score) }

// Channel is where a rating was given.
type Channel string

// The channels of Decree 118 Art. 31.
const (
	Portal Channel = "portal" // the public lookup page
	QR     Channel = "qr"     // the QR code printed on the receipt
	Kiosk  Channel = "kiosk"  // the touch screen at the desk
)

// KioskWindow is how long after the hand-over a dossier can be rated at its desk's kiosk without
// its lookup secret.
const KioskWindow = 7 * 24 * time.Hour

// MaxComment is the longest comment, in characters.
const MaxComment = 2000

// Rating is one dossier's evaluation.
type Rating struct {
	DossierCode   string
	ReceivingUnit string // the desk's unit, whose reports count the rating
	RatedAt       time.Time
	Channel       Channel
	Overall       int               // required, 1 to 3
	Scores        map[Criterion]int // 1 to 3; a missing or 0 score is a skipped criterion
	Comment       string
}

// Score returns the score of a criterion, Skipped when not answered.
func (r Rating) Score(c Criterion) int { return r.Scores[c] }

// Check validates and normalises a rating as the citizen gave it: the overall score is required,
// every score is on the scale or skipped, the channel is known and the comment not too long. It
// returns an Invalid fault naming each bad field ("overall", "c_a"…, "channel", "comment").
func Check(r Rating) (Rating, error) {
	var f fault.Fields
	if r.Overall == Skipped {
		f.Add("overall", "follow.rating.overall_required")
	} else if !onScale(r.Overall) {
		f.Add("overall", "follow.rating.score_invalid")
	}
	scores := map[Criterion]int{}
	for c, v := range r.Scores {
		if !known(c) {
			f.Add(string(c), "follow.rating.criterion_unknown", string(c))
			continue
		}
		if v == Skipped {
			continue
		}
		if !onScale(v) {
			f.Add(c.Column(), "follow.rating.score_invalid")
			continue
		}
		scores[c] = v
	}
	switch r.Channel {
	case Portal, QR, Kiosk:
	default:
		f.Add("channel", "follow.rating.channel_invalid", string(r.Channel))
	}
	r.Comment = strings.TrimSpace(r.Comment)
	if n := utf8.RuneCountInString(r.Comment); n > MaxComment {
		f.Add("comment", "follow.rating.comment_too_long", MaxComment)
	}
	if err := f.Err(); err != nil {
		return Rating{}, err
	}
	r.Scores = scores
	return r, nil
}

func onScale(v int) bool { return v >= NotSatisfied && v <= VerySatisfied }

func known(c Criterion) bool {
	for _, k := range Criteria() {
		if k == c {
			return true
		}
	}
	return false
}

// ParseScore reads a score from a form value: "" is Skipped; anything else must be a digit of the
// scale, otherwise it returns -1 for Check to refuse.
func ParseScore(s string) int {
	switch strings.TrimSpace(s) {
	case "":
		return Skipped
	case "1":
		return NotSatisfied
	case "2":
		return Satisfied
	case "3":
		return VerySatisfied
	}
	return -1
}
