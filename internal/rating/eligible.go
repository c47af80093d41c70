package rating

import (
	"strings"
	"time"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// MayRate checks that a dossier can be rated: its result is ready or handed over (status 9 or 10).
// Errors: Conflict follow.rating.not_finished otherwise.
func MayRate(d dossier.Dossier) error {
	if d.Status != dossier.StatusDone && d.Status != dossier.StatusReturned {
		return fault.New(fault.Conflict, "follow.rating.not_finished", d.Status.NameVI(), d.Status.NameEN())
	}
	return nil
}

// MayRateAtKiosk checks that a dossier can be rated at the kiosk of unit without its lookup secret
// at now: its result was handed over (status 10) by that desk within KioskWindow. Errors: NotFound
// follow.kiosk.not_eligible otherwise, the same whatever the reason, so that the public tablet tells
// nothing about dossiers it does not accept.
func MayRateAtKiosk(d dossier.Dossier, unit string, now time.Time) error {
	if d.Status != dossier.StatusReturned || !strings.EqualFold(d.ReceivingUnit, strings.TrimSpace(unit)) ||
		d.ReturnedAt.IsZero() || now.Before(d.ReturnedAt) || now.Sub(d.ReturnedAt) > KioskWindow {
		return fault.New(fault.NotFound, "follow.kiosk.not_eligible", KioskWindow/(24*time.Hour))
	}
	return nil
}
