package dossier

import (
	"time"

	"motcua/internal/calendar"
	"motcua/internal/procedure"
)

// instantiate copies the procedure's workflow into the dossier's steps.
func instantiate(ws []procedure.Step) []Step {
	out := make([]Step, 0, len(ws))
	for _, w := range ws {
		out = append(out, Step{Name: w.Name, Role: w.Role, Office: w.Office, Hours: max(w.Hours, 0)})
	}
	return out
}

// startStep starts step i at now; its due is its budget of working time
// counted from clock (now, or the legal clock's start for the first step).
func startStep(d *Dossier, i int, cal *calendar.Calendar, now, clock time.Time) {
	s := &d.Steps[i]
	s.Started = now
	if s.Hours > 0 {
		s.Due = cal.AddWorkingHours(clock, time.Duration(s.Hours)*time.Hour)
	}
}

// finishStep marks step i done by the actor at now and classifies it against
// its due.
func finishStep(d *Dossier, i int, a Actor, now time.Time) {
	s := &d.Steps[i]
	s.Done = now
	s.DoneBy = a.Username
	s.Timeliness = Classify(s.Due, now)
}

// advance finishes the running step, if any, and starts the next one that has
// not started; it returns the name of the step finished ("" if none ran).
func advance(d *Dossier, cal *calendar.Calendar, a Actor, now time.Time) string {
	i := d.CurrentStep()
	name := ""
	if i >= 0 {
		finishStep(d, i, a, now)
		name = d.Steps[i].Name
	}
	for j := i + 1; j < len(d.Steps); j++ {
		if d.Steps[j].Started.IsZero() && !d.Steps[j].Skipped {
			startStep(d, j, cal, now, now)
			break
		}
	}
	return name
}

// returnFrom returns the index of the first return step: the trailing run of
// reception steps ("Trả kết quả") after at least one other step; len(Steps)
// if there is none.
func returnFrom(steps []Step) int {
	k := len(steps)
	for k > 0 && steps[k-1].Role == RoleReception {
		k--
	}
	if k == 0 {
		return len(steps) // only reception steps: none is a return step
	}
	return k
}

// toDesk brings the workflow to the desk for a result or refusal: it finishes
// the running step unless it is a return step, marks the office steps not
// reached as skipped when skip is true, and starts the first return step. It
// returns the name of the first office step not done when skip is false and
// one remains ("" otherwise), leaving d unchanged in that case.
func toDesk(d *Dossier, cal *calendar.Calendar, a Actor, now time.Time, skip bool) string {
	r := returnFrom(d.Steps)
	cur := d.CurrentStep()
	for j := 0; j < r; j++ {
		s := d.Steps[j]
		if j != cur && s.Done.IsZero() && !s.Skipped && !skip {
			return s.Name
		}
	}
	if cur >= 0 && cur < r {
		finishStep(d, cur, a, now)
	}
	for j := 0; j < r; j++ {
		if d.Steps[j].Started.IsZero() {
			d.Steps[j].Skipped = true
		}
	}
	if r < len(d.Steps) && d.Steps[r].Started.IsZero() {
		startStep(d, r, cal, now, now)
	}
	return ""
}

// endSteps ends the workflow of a dossier that stops for good: the running
// step is finished at now, the steps not reached are skipped.
func endSteps(d *Dossier, a Actor, now time.Time) {
	if i := d.CurrentStep(); i >= 0 {
		finishStep(d, i, a, now)
	}
	for j := range d.Steps {
		if d.Steps[j].Started.IsZero() {
			d.Steps[j].Skipped = true
		}
	}
}
