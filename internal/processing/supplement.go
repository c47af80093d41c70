package processing

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"motcua/internal/account"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// MaxSupplementNote is the longest note an applicant may add to an online supplement, in characters.
const MaxSupplementNote = 2000

// SupplementOnline records the supplement an applicant hands in online from the lookup page, found
// by code and lookup secret. Each scan names, as its Component, the requested paper (the Mẫu 02 item)
// it answers; every requested item needs at least one file. Status 5 goes through the desk's own
// rule, dossier.ReceiveSupplement (the clock restarts or resumes per the procedure's policy); an
// online dossier in status 1 whose correction was asked is resubmitted (dossier.Resubmit: the desk's
// 8 working hours start again). The event's actor is the applicant, the files are attached to the
// dossier and named by the event; nothing is stored when anything fails. Errors: NotFound (unknown
// code or wrong secret, as Lookup), Conflict follow.supplement.not_awaited when no supplement is
// awaited, Invalid naming "item.N" for a requested paper without a file (follow.supplement.item_missing),
// "files" for a file answering no requested paper, "note" for a note too long, and those of the
// domain's rule.
func (s *Service) SupplementOnline(ctx context.Context, code, secret string, scans []Scan, note string, now time.Time) (dossier.Dossier, error) {
	d, err := s.Store.DossierByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if fault.Is(err, fault.NotFound) || (err == nil && !dossier.SecretMatches(d, secret)) {
		return dossier.Dossier{}, fault.New(fault.NotFound, "dossier.lookup.not_found")
	}
	if err != nil {
		return dossier.Dossier{}, err
	}
	items, _ := requested(d)
	if len(items) == 0 {
		return dossier.Dossier{}, fault.New(fault.Conflict, "follow.supplement.not_awaited", d.Status.NameVI(), d.Status.NameEN())
	}
	var f fault.Fields
	for i, it := range items {
		found := false
		for _, sc := range scans {
			found = found || strings.EqualFold(sc.Component, it.Name)
		}
		if !found {
			f.Add(fmt.Sprintf("item.%d", i), "follow.supplement.item_missing", it.Name)
		}
	}
	for _, sc := range scans {
		known := false
		for _, it := range items {
			known = known || strings.EqualFold(sc.Component, it.Name)
		}
		if !known {
			f.Add("files", "follow.supplement.item_unknown", sc.Component)
		}
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > MaxSupplementNote {
		f.Add("note", "follow.supplement.note_too_long", MaxSupplementNote)
	}
	if err := f.Err(); err != nil {
		return dossier.Dossier{}, err
	}
	cal, err := s.Calendar.For(ctx, d.ReceivingUnit)
	if err != nil {
		return dossier.Dossier{}, err
	}
	applicant := dossier.Actor{Username: "applicant", FullName: d.Applicant.Name, UnitCode: d.ReceivingUnit, Roles: []string{dossier.RoleApplicant}}
	papers := make([]dossier.Paper, 0, len(items))
	for _, it := range items {
		papers = append(papers, dossier.Paper{Name: it.Name, Originals: it.Originals, CertifiedCopies: it.CertifiedCopies, Copies: it.Copies})
	}
	var after dossier.Dossier
	var events []dossier.Event
	purpose := dossier.FileSupplement
	if d.Status == dossier.StatusAwaitingSupplement {
		after, events, err = dossier.ReceiveSupplement(d, dossier.SupplementInput{Components: papers, Memo: dossier.Memo{Note: note}}, applicant, cal, now)
	} else {
		purpose = dossier.FileComponent
		after, events, err = s.resubmit(ctx, d, papers, note, applicant, now)
	}
	if err != nil {
		return dossier.Dossier{}, err
	}
	attach(&after, events, scans, purpose)
	return s.withFiles(ctx, scans, func() (dossier.Dossier, error) {
		return s.Store.UpdateDossier(ctx, account.Principal{Username: "portal"}, d, after, events)
	})
}

// resubmit refiles an online dossier in status 1 with its papers and the corrected ones, under the
// procedure version in force now (dossier.Resubmit).
func (s *Service) resubmit(ctx context.Context, d dossier.Dossier, papers []dossier.Paper, note string, a dossier.Actor, now time.Time) (dossier.Dossier, []dossier.Event, error) {
	proc, err := s.Catalog.InForce(ctx, d.ProcedureCode, now)
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("procedure", "dossier.procedure.unknown", d.ProcedureCode)
		return dossier.Dossier{}, nil, f.Err()
	}
	if err != nil {
		return dossier.Dossier{}, nil, err
	}
	var all []dossier.Paper
	for _, c := range d.Components {
		if !c.Provided {
			continue
		}
		replaced := false
		for _, p := range papers {
			replaced = replaced || strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(c.Name))
		}
		if !replaced {
			all = append(all, dossier.Paper{Name: c.Name, Originals: c.Originals, CertifiedCopies: c.CertifiedCopies, Copies: c.Copies})
		}
	}
	all = append(all, papers...)
	in := dossier.FilingInput{Channel: d.Channel, ReceivingUnit: d.ReceivingUnit, CompetentUnit: d.CompetentUnit, Applicant: d.Applicant,
		Case: d.Case, Components: all, Sets: d.Sets, ReturnMethod: d.ReturnMethod, ReturnAddress: d.ReturnAddress, Memo: dossier.Memo{Note: note}}
	cal, err := s.Calendar.For(ctx, d.ReceivingUnit)
	if err != nil {
		return dossier.Dossier{}, nil, err
	}
	return dossier.Resubmit(d, in, a, proc, cal, now)
}
