package generate

import (
	"math/rand/v2"
	"time"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/procedure"
)

// Officer is who completes a generated step.
type Officer struct {
	Username, FullName string
}

// Officers names, per workflow role, the officers that may take a step; a role without officers gets
// Actor.
type Officers map[string][]Officer

// WithSteps returns the dossier with a history of its procedure's workflow, as if officers had
// completed each step: the office steps share the working time from the receipt to the end of
// processing in proportion to their budgets, each drawn between 0.3 and 1.7 times its share; in a
// late dossier one step (the specialist's three times in five) takes four times its share, so that
// the bottleneck reports find where the time went. Each step is due its budget of working hours
// after its start and classified against it. The return steps (the trailing desk steps) start at the
// end and finish at the return, or stay open until then; for a dossier stopped, withdrawn or
// closed they are skipped. A dossier not finished, or without workflow, is returned unchanged.
func WithSteps(d dossier.Dossier, wf []procedure.Step, cal *calendar.Calendar, r *rand.Rand, who Officers) dossier.Dossier {
	if d.FinishedAt.IsZero() || d.ReceivedAt.IsZero() || len(wf) == 0 {
		return d
	}
	ret := len(wf)
	for ret > 1 && wf[ret-1].Role == dossier.RoleReception {
		ret--
	}
	weights := make([]float64, ret)
	culprit := -1
	if d.Timeliness == dossier.Late {
		culprit = r.IntN(ret)
		for i := 0; i < ret; i++ {
			if wf[i].Role == dossier.RoleSpecialist && r.IntN(5) < 3 {
				culprit = i
				break
			}
		}
	}
	var sum float64
	for i := range weights {
		weights[i] = float64(max(wf[i].Hours, 1)) * (0.3 + 1.4*r.Float64())
		if i == culprit {
			weights[i] *= 4
		}
		sum += weights[i]
	}
	total := cal.WorkingTimeBetween(d.ReceivedAt, d.FinishedAt)
	pick := func(s *dossier.Step) {
		o := Officer{Username: Actor}
		if names := who[s.Role]; len(names) > 0 {
			o = names[r.IntN(len(names))]
		}
		s.DoneBy, s.Assignee, s.AssigneeName = o.Username, o.Username, o.FullName
	}
	steps := make([]dossier.Step, len(wf))
	at := d.ReceivedAt
	for i, w := range wf {
		s := dossier.Step{Name: w.Name, Role: w.Role, Office: w.Office, Hours: max(w.Hours, 0)}
		if i >= ret {
			if d.Outcome != dossier.OutcomeResult && d.Outcome != dossier.OutcomeRefused {
				s.Skipped = true
			} else if i == ret || !steps[i-1].Done.IsZero() {
				s.Started = d.FinishedAt
				if i > ret {
					s.Started = steps[i-1].Done
				}
				if s.Hours > 0 {
					s.Due = cal.AddWorkingHours(s.Started, time.Duration(s.Hours)*time.Hour)
				}
				if !d.ReturnedAt.IsZero() {
					s.Done = d.ReturnedAt
					pick(&s)
					s.Timeliness = dossier.Classify(s.Due, s.Done)
				}
			}
			steps[i] = s
			continue
		}
		s.Started = at
		if s.Hours > 0 {
			s.Due = cal.AddWorkingHours(at, time.Duration(s.Hours)*time.Hour)
		}
		done := d.FinishedAt
		if i < ret-1 {
			done = cal.AddWorkingHours(at, time.Duration(float64(total)*weights[i]/sum))
			if done.IsZero() || done.After(d.FinishedAt) {
				done = d.FinishedAt
			}
		}
		s.Done = done
		pick(&s)
		s.Timeliness = dossier.Classify(s.Due, s.Done)
		steps[i] = s
		at = done
	}
	d.Steps = steps
	return d
}
