package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/history"
	"motcua/internal/i18n"
	"motcua/internal/procedure"
	"motcua/internal/store"
)

const importUsage = "usage: motcua import dossiers FILE.csv|FILE.xlsx [--db DSN]"

// importBatch is how many dossiers are written per BulkInsertDossiers call (and transaction), and
// so how often the progress bar moves.
const importBatch = 5000

// importCmd runs "import dossiers FILE": it loads a desk's history (one row per dossier, see package
// history), validates every row, reports the rejected ones with their reasons and imports the others.
func (a *app) importCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "dossiers" {
		return fmt.Errorf("%s", importUsage)
	}
	var c commonFlags
	fs := a.flags("import dossiers", &c)
	if err := fs.Parse(reorder(args[1:])); err != nil {
		return err
	}
	path := fs.Arg(0)
	if path == "" || fs.NArg() > 1 {
		return fmt.Errorf("%s", importUsage)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	rows, err := history.Read(filepath.Base(path), data)
	if err != nil {
		return err
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	lk, err := historyLookup(ctx, db)
	if err != nil {
		return err
	}
	recs, rejected := history.Build(rows, lk)
	for _, r := range rejected {
		fmt.Fprintf(a.stdout, "dòng %d / row %d:\n", r.Line, r.Line)
		for _, p := range r.Problems {
			fmt.Fprintf(a.stdout, "  %s: %s\n", p.Column, bilingual(p.Message))
		}
	}
	imported, err := a.importRecords(ctx, db, recs)
	fmt.Fprintf(a.stdout, "%s: đã đọc %d dòng, đã nhập %d, từ chối %d / %d rows read, %d imported, %d rejected\n",
		path, len(rows), imported, len(rejected), len(rows), imported, len(rejected))
	return err
}

// bilingual renders a message in Vietnamese with the English after " / ", as describe does.
func bilingual(m fault.Message) string {
	vi, en := i18n.For(i18n.VI).T(m.Key, m.Args...), i18n.For(i18n.EN).T(m.Key, m.Args...)
	if vi == en {
		return vi
	}
	return vi + " / " + en
}

// historyLookup knows every unit ever recorded (closed ones keep their history) and the catalog:
// the version in force at the receipt, else the current one (books older than the catalog).
func historyLookup(ctx context.Context, db *store.DB) (history.Lookup, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return history.Lookup{}, err
	}
	known := make(map[string]bool, len(units))
	for _, u := range units {
		known[u.Code] = true
	}
	cat := &catalog.Service{Store: db}
	current := map[string]*procedure.Procedure{} // nil: unknown code
	return history.Lookup{
		Unit: func(code string) bool { return known[code] },
		Procedure: func(code string, t time.Time) (procedure.Procedure, bool) {
			cur, seen := current[code]
			if !seen {
				if p, err := cat.Published(ctx, code); err == nil {
					cur = &p
				}
				current[code] = cur
			}
			if cur == nil {
				return procedure.Procedure{}, false
			}
			if !t.IsZero() {
				if p, err := cat.InForce(ctx, code, t); err == nil {
					return p, true
				}
			}
			return *cur, true
		},
	}, nil
}

// importRecords numbers the records after the codes in use and writes them in batches, with a
// progress bar on a terminal. It returns how many were written.
func (a *app) importRecords(ctx context.Context, db *store.DB, recs []history.Record) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	var units []string
	for _, r := range recs {
		units = append(units, r.Dossier.CompetentUnit)
	}
	slices.Sort(units)
	last, err := db.DossierSequences(ctx, slices.Compact(units))
	if err != nil {
		return 0, err
	}
	if _, err := history.Number(recs, last, rand.Reader); err != nil {
		return 0, err
	}
	ds := make([]dossier.Dossier, len(recs))
	evs := make([][]dossier.Event, len(recs))
	for i, r := range recs {
		ds[i], evs[i] = r.Dossier, r.Events
	}
	bar := a.progress("import", len(ds))
	defer bar.finish()
	bar.set(0)
	done := 0
	for start := 0; start < len(ds); start += importBatch {
		end := min(start+importBatch, len(ds))
		n, err := db.BulkInsertDossiers(ctx, a.cli(), ds[start:end], evs[start:end])
		done += n
		bar.set(done)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// progressBar draws "label [=====>    ] done/total  pct  rate/s  ETA" on one terminal line, redrawn
// at most 10 times a second. It is silent unless its writer is a terminal.
type progressBar struct {
	w         io.Writer
	on        bool
	label     string
	total     int
	done      int
	now       func() time.Time
	start     time.Time
	lastDraw  time.Time
	drawnOnce bool
}

// progress returns a progress bar on standard error, drawn only when standard error is a terminal
// (a character device).
func (a *app) progress(label string, total int) *progressBar {
	return &progressBar{w: a.stderr, on: isTerminal(a.stderr), label: label, total: total, now: time.Now, start: time.Now()}
}

// isTerminal reports whether w is a file on a character device: a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// set records that done items are done and redraws if the last drawing is 100 ms old or all is done.
func (p *progressBar) set(done int) {
	p.done = done
	if !p.on {
		return
	}
	now := p.now()
	if p.drawnOnce && now.Sub(p.lastDraw) < 100*time.Millisecond && done < p.total {
		return
	}
	p.lastDraw, p.drawnOnce = now, true
	fmt.Fprint(p.w, "\r"+p.line(now.Sub(p.start)))
}

// finish ends the bar's line, if one was drawn.
func (p *progressBar) finish() {
	if p.on && p.drawnOnce {
		fmt.Fprintln(p.w)
	}
}

// line renders the bar after elapsed time.
func (p *progressBar) line(elapsed time.Duration) string {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	filled := int(frac * width)
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.done) / s
	}
	eta := "--"
	if rate > 0 {
		eta = time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("%s [%s] %d/%d %3.0f%% %.0f/s ETA %s ", p.label, bar, p.done, p.total, 100*frac, rate, eta)
}
