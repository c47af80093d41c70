package form

import (
	"slices"
	"strconv"
	"strings"

	"motcua/internal/dossier"
)

// control lays out the control slip (Mẫu 06 of 2025, 05 of 2018): the
// dossier's particulars, one row per workflow step with who handed it over
// and who received it, when, its due and done times and its timeliness, then
// the timeline of hand-overs from the events.
func (d *doc) control(x dossier.Dossier, events []dossier.Event) {
	d.title()
	d.field(d.t("dossier_code"), x.Code)
	app := x.Applicant.Name
	if x.Applicant.IDNumber != "" {
		app += " (" + x.Applicant.IDNumber + ")"
	}
	d.field(d.t("applicant"), app)
	d.field(d.t("procedure"), x.ProcedureName+" ("+x.ProcedureCode+")")
	d.rich(d.t("received", "time", b(stamp(x.ReceivedAt))))
	due := stamp(x.DueAt)
	if x.Rescheduled && !x.OriginalDueAt.Equal(x.DueAt) {
		due = stamp(x.OriginalDueAt) + " → " + due
	}
	d.rich(d.t("due", "time", b(due)))
	d.rich(d.t("lead", "unit", b(or(x.CompetentUnit, d.t("placeholder")))))
	var units []string
	for _, c := range x.Consultations {
		if c.Unit != "" && !slices.Contains(units, c.Unit) {
			units = append(units, c.Unit)
		}
	}
	d.rich(d.t("coordinating", "units", b(or(strings.Join(units, "; "), d.t("none")))))
	d.pdf.Ln(1)
	d.need(d.lh * 5)
	d.para(d.t("steps"), "B")
	cols := []column{
		{d.t("col_no"), 4, "C"}, {d.t("col_step"), 15, "L"}, {d.t("col_giver"), 16, "L"}, {d.t("col_receiver"), 16, "L"},
		{d.t("col_handover"), 11, "C"}, {d.t("col_due"), 11, "C"}, {d.t("col_done"), 11, "C"},
		{d.t("col_result"), 9, "C"}, {d.t("col_note"), 10, "L"},
	}
	var rows [][]string
	receiver := actorOf(events, dossier.ActReceive)
	for i, s := range x.Steps {
		giver := d.t("applicant_giver") + ": " + x.Applicant.Name
		if i > 0 {
			prev := x.Steps[i-1]
			giver = join(prev.Office, finisher(prev, events))
		}
		who := s.AssigneeName
		if who == "" {
			who = finisher(s, events)
		}
		if who == "" && i == 0 {
			who = receiver
		}
		note := ""
		switch {
		case s.Skipped:
			note = d.t("skipped")
		case s.Open():
			note = d.t("running")
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), s.Name, giver, join(s.Office, who),
			stamp(s.Started), stamp(s.Due), stamp(s.Done), s.Timeliness.NameVI(), note})
	}
	d.table(cols, rows, -1.5)
	if len(events) == 0 {
		return
	}
	d.pdf.Ln(2)
	d.need(d.lh * 5)
	d.para(d.t("events"), "B")
	ecols := []column{{d.t("col_no"), 4, "C"}, {d.t("col_time"), 14, "C"}, {d.t("col_actor"), 24, "L"}, {d.t("col_action"), 58, "L"}}
	rows = rows[:0]
	for i, e := range events {
		what := e.Action.NameVI()
		if e.Step != "" {
			what += " – " + e.Step
		}
		if e.Note != "" {
			what += ": " + e.Note
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), stamp(e.At), join(e.ActorUnit, or(e.ActorName, e.Actor)), what})
	}
	d.table(ecols, rows, -1.5)
}

// finisher returns the full name of who finished the step: the actor of the
// event that names it, or of the event at its done time; else its DoneBy.
func finisher(s dossier.Step, events []dossier.Event) string {
	if s.Done.IsZero() {
		return ""
	}
	for _, e := range events {
		if e.Step == s.Name && (e.Action == dossier.ActCompleteStep || e.Action == dossier.ActTransfer) && e.At.Equal(s.Done) {
			return or(e.ActorName, e.Actor)
		}
	}
	for _, e := range events {
		if e.At.Equal(s.Done) && e.Action != dossier.ActAssign {
			return or(e.ActorName, e.Actor)
		}
	}
	return s.DoneBy
}

// join writes "office – name", leaving out an empty part.
func join(office, name string) string {
	switch {
	case office == "":
		return name
	case name == "":
		return office
	}
	return office + " – " + name
}
