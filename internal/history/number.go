package history

import (
	"cmp"
	"io"
	"slices"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
)

// Prefix returns the daily sequence prefix of a dossier code made with dossier.DefaultCodeFormat, as
// the store names it: "<unit>-<yymmdd>" of the receipt day in Vietnam time.
func Prefix(unit string, received time.Time) string {
	return unit + "-" + received.In(calendar.Location).Format("060102")
}

// Number gives every record a code in dossier.DefaultCodeFormat from its competent unit and receipt
// day, numbered after last (the last number already taken per prefix, see Prefix; absent means
// none) in the order of receipt, so that no code collides with one in use; and a lookup secret drawn
// from secrets (crypto/rand.Reader). It returns the highest number taken per prefix, and
// dossier.NewSecret's error if secrets fails (codes may then be partly assigned).
func Number(recs []Record, last map[string]int, secrets io.Reader) (map[string]int, error) {
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(recs[a].Dossier.ReceivedAt.Compare(recs[b].Dossier.ReceivedAt), cmp.Compare(recs[a].Line, recs[b].Line))
	})
	next := map[string]int{}
	for _, i := range order {
		d := &recs[i].Dossier
		p := Prefix(d.CompetentUnit, d.ReceivedAt)
		n, ok := next[p]
		if !ok {
			n = last[p]
		}
		n++
		next[p] = n
		d.Code = dossier.Code(dossier.DefaultCodeFormat, d.CompetentUnit, d.ReceivedAt, n)
		s, err := dossier.NewSecret(secrets)
		if err != nil {
			return next, err
		}
		d.LookupSecret = s
	}
	return next, nil
}
