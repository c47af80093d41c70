package processing

import (
	"context"
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/rating"
)

// Holder says who has a dossier in hand now, for the public lookup.
type Holder string

// The holders of a dossier.
const (
	HeldByDesk      Holder = "desk"      // the receiving desk (bộ phận một cửa)
	HeldByOffice    Holder = "office"    // an office or the competent unit, processing it
	HeldByApplicant Holder = "applicant" // the desk waits for the applicant (supplement, fees)
	HeldByNone      Holder = ""          // finished: refused, stopped or handed over
)

// Progress is what the public lookup shows of a dossier beyond Lookup's view: who holds it (an
// office or unit name, never an officer's), every change of the appointment with its public reason,
// the intervals the clock waited for the applicant, the papers asked for when a supplement is
// awaited, and whether it was rated.
type Progress struct {
	Dossier dossier.Dossier // the public view of Lookup (no documents, no officers)
	Events  []dossier.Event // public events only
	Holder  Holder
	// HolderName is the name of the unit or office holding it ("" when finished or with the applicant).
	HolderName string
	// Step is the name of the running workflow step, if any.
	Step string
	// DueChanges are the appointment's changes after the first one, oldest first; only the reason of a
	// reschedule (the apology sent to the applicant, Mẫu 04) is kept as Note, and no officer.
	DueChanges []dossier.DueChange
	// Waits are the intervals the clock waited for the applicant (supplements, fees).
	Waits []dossier.Wait
	// Requested lists the papers asked for when the dossier awaits the applicant's supplement (status
	// 5, or status 1 with corrections asked): the items of the last Mẫu 02, with their reasons.
	Requested   []dossier.GuidanceItem
	RequestedAt time.Time
	// SupplementBy is when the desk may close a dossier whose supplement did not come (status 5).
	SupplementBy time.Time
	// Rated reports whether the dossier has its satisfaction rating; Ratable whether it may get one.
	Rated, Ratable bool
}

// AwaitsSupplement reports whether the applicant may answer with a supplement online now.
func (p Progress) AwaitsSupplement() bool { return len(p.Requested) > 0 }

// Follow returns the progress of a dossier for its applicant, by code and lookup secret: Lookup's
// public view, read from the indexed columns, and then the dossier's document for the holder, the
// appointment's changes and the papers asked. Errors: those of Lookup (NotFound for an unknown code
// or a wrong secret).
func (s *Service) Follow(ctx context.Context, code, secret string) (Progress, error) {
	pub, events, err := s.Lookup(ctx, code, secret)
	if err != nil {
		return Progress{}, err
	}
	d, err := s.Store.DossierByCode(ctx, pub.Code)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Dossier: pub, Events: events, Ratable: rating.MayRate(pub) == nil}
	p.Holder, p.HolderName, p.Step = s.holder(ctx, d)
	for i, c := range d.DueHistory {
		if i == 0 || c.Reason == dossier.DueReceived {
			continue
		}
		c.By = ""
		if c.Reason != dossier.DueRescheduled {
			c.Note = ""
		}
		p.DueChanges = append(p.DueChanges, c)
	}
	p.Waits = d.Waits
	if items, at := requested(d); len(items) > 0 {
		p.Requested, p.RequestedAt = items, at
		if d.Status == dossier.StatusAwaitingSupplement {
			if cal, err := s.Calendar.For(ctx, d.ReceivingUnit); err == nil {
				p.SupplementBy = dossier.SupplementExpiresAt(d, cal)
			}
		}
	}
	if p.Ratable {
		_, err := s.Store.RatingOf(ctx, d.Code)
		switch {
		case err == nil:
			p.Rated = true
		case !fault.Is(err, fault.NotFound):
			return Progress{}, err
		}
	}
	return p, nil
}

// requested returns the papers the applicant is asked for now, with when: the items of the last
// guidance while the dossier awaits a supplement (status 5), or corrections of an online dossier
// (status 1 after the desk's guidance); nothing otherwise.
func requested(d dossier.Dossier) ([]dossier.GuidanceItem, time.Time) {
	awaiting := d.Status == dossier.StatusAwaitingSupplement || (d.Status == dossier.StatusSubmitted && !d.CorrectionRequestedAt.IsZero())
	if !awaiting || len(d.Guidances) == 0 {
		return nil, time.Time{}
	}
	g := d.Guidances[len(d.Guidances)-1]
	return g.Items, g.At
}

// holder says who holds the dossier now, by the name of a unit or office, and the running step.
func (s *Service) holder(ctx context.Context, d dossier.Dossier) (Holder, string, string) {
	step := ""
	if i := d.CurrentStep(); i >= 0 {
		step = d.Steps[i].Name
	}
	unitName := func(code string) string {
		if u, err := s.Store.UnitByCode(ctx, code); err == nil {
			return u.Name
		}
		return code
	}
	switch d.Status {
	case dossier.StatusSubmitted:
		if !d.CorrectionRequestedAt.IsZero() {
			return HeldByApplicant, unitName(d.ReceivingUnit), step
		}
		return HeldByDesk, unitName(d.ReceivingUnit), step
	case dossier.StatusReceived, dossier.StatusDone:
		return HeldByDesk, unitName(d.ReceivingUnit), step
	case dossier.StatusAwaitingSupplement, dossier.StatusAwaitingFees:
		return HeldByApplicant, unitName(d.ReceivingUnit), step
	case dossier.StatusProcessing, dossier.StatusWithdrawalAsked:
		if i := d.CurrentStep(); i >= 0 {
			st := d.Steps[i]
			if office := strings.TrimSpace(st.Office); office != "" {
				return HeldByOffice, office + " — " + unitName(d.CompetentUnit), step
			}
			if st.Role == dossier.RoleReception {
				return HeldByDesk, unitName(d.ReceivingUnit), step
			}
		}
		return HeldByOffice, unitName(d.CompetentUnit), step
	}
	return HeldByNone, "", step
}
