package form

import (
	"slices"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// Applies reports whether form k can be issued for the dossier now: nil if
// it can. The receipt, the control slip and the register need a valid
// receipt (ReceivedAt set; a dossier refused at reception has none); the
// supplement form needs a guidance (Guidances); the refusal needs reasons
// (Refusal.Reasons); the apology needs a reschedule (Apologies); the stop
// notice needs the stop itself (StopNotice.At: a withdrawal only requested,
// status 7, has no notice yet). Whether the dossier's set has the form is
// Render's concern. Errors: Invalid naming "form" (form.unknown) for an
// unknown kind; Conflict (form.not_applicable, with the form's Vietnamese
// title, its kind, and the status's Vietnamese and English names) when the
// form does not apply.
func Applies(k Kind, d dossier.Dossier) error {
	if !slices.Contains(Kinds(), k) {
		var f fault.Fields
		f.Add("form", "form.unknown", string(k))
		return f.Err()
	}
	ok := false
	switch k {
	case Receipt, Control, Register:
		ok = !d.ReceivedAt.IsZero() && d.Status != dossier.StatusRejected && d.Status.Valid()
	case Supplement:
		ok = len(d.Guidances) > 0
	case Refusal:
		ok = len(d.Refusal.Reasons) > 0
	case Apology:
		ok = len(d.Apologies) > 0
	case Stop:
		ok = !d.StopNotice.At.IsZero()
	}
	if ok {
		return nil
	}
	return fault.New(fault.Conflict, "form.not_applicable", titleFor(k, d), string(k), d.Status.NameVI(), d.Status.NameEN())
}

// titleFor returns the form's title in the dossier's set, or in the newest
// set that has it.
func titleFor(k Kind, d dossier.Dossier) string {
	if t, _, err := Title(k, SetFor(d)); err == nil {
		return t
	}
	ids := Sets()
	for i := len(ids) - 1; i >= 0; i-- {
		if t, _, err := Title(k, ids[i]); err == nil {
			return t
		}
	}
	return string(k)
}
