package portal

import (
	"slices"
	"strings"
	"unicode/utf8"

	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// Length limits of the free text, in characters (those of the dossier).
const (
	maxName    = 255
	maxAddress = 500
)

// Check returns an Invalid error naming every problem of the draft at once, under the Field names and
// ComponentField: what was entered must be well formed (identity number of 9 or 12 digits for a
// citizen, a Vietnamese phone number, an e-mail address, a unit applying the procedure, a known way of
// return); when complete, everything the filing needs must also be there: kind, name, phone, a
// citizen's identity number, the receiving unit, a file for each mandatory component, an address for
// a return by post and an e-mail for an electronic return. units are the codes of the units that may
// receive the procedure. It returns nil when there is nothing to report.
func (d Draft) Check(p procedure.Procedure, units []string, complete bool) error {
	var f fault.Fields
	in := d.Data
	kind, kindErr := dossier.ParseApplicantKind(in.Kind)
	switch {
	case strings.TrimSpace(in.Kind) == "":
		if complete {
			f.Add(FieldKind, "dossier.required")
		}
	case kindErr != nil:
		f.Add(FieldKind, "dossier.applicant.kind.invalid", in.Kind)
	}
	text(&f, FieldName, in.Name, maxName, complete)
	text(&f, FieldAddress, in.Address, maxAddress, false)
	id := strings.TrimSpace(in.IDNumber)
	switch {
	case id == "" && complete && kind == dossier.ApplicantCitizen:
		f.Add(FieldIDNumber, "dossier.required")
	case id != "" && kind == dossier.ApplicantCitizen && !dossier.ValidIDNumber(id):
		f.Add(FieldIDNumber, "dossier.applicant.id_number.invalid", id)
	default:
		text(&f, FieldIDNumber, id, 50, false)
	}
	if phone := strings.TrimSpace(in.Phone); phone == "" {
		if complete {
			f.Add(FieldPhone, "dossier.required")
		}
	} else if _, ok := dossier.NormalizePhone(phone); !ok {
		f.Add(FieldPhone, "dossier.applicant.phone.invalid", phone)
	}
	email := strings.TrimSpace(in.Email)
	if email != "" && !dossier.ValidEmail(email) {
		f.Add(FieldEmail, "dossier.applicant.email.invalid", email)
	}
	switch {
	case d.UnitCode == "":
		if complete {
			f.Add(FieldUnit, "portal.unit.required")
		}
	case !slices.Contains(units, d.UnitCode):
		f.Add(FieldUnit, "portal.unit.not_applied", d.UnitCode)
	}
	method, err := dossier.ParseReturnMethod(in.ReturnMethod)
	if err != nil {
		f.Add(FieldReturnMethod, "dossier.return_method.invalid", in.ReturnMethod)
	}
	text(&f, FieldReturnAddress, in.ReturnAddress, maxAddress, complete && method == dossier.ReturnByPost)
	if _, bad := f[FieldReturnAddress]; bad && strings.TrimSpace(in.ReturnAddress) == "" {
		f[FieldReturnAddress] = fault.Message{Key: "dossier.return_address.required"}
	}
	if complete && method == dossier.ReturnElectronic && email == "" {
		f.Add(FieldEmail, "portal.email.required_electronic")
	}
	if complete {
		for j, c := range p.Components {
			if _, ok := in.UploadFor(j, c.Name); !ok && c.Mandatory && c.Case == "" {
				f.Add(ComponentField(j), "dossier.component.missing", c.Name)
			}
		}
	}
	return f.Err()
}

// text records a missing required text or one longer than max.
func text(f *fault.Fields, field, s string, max int, required bool) {
	s = strings.TrimSpace(s)
	switch {
	case required && s == "":
		f.Add(field, "dossier.required")
	case utf8.RuneCountInString(s) > max:
		f.Add(field, "dossier.too_long", max)
	}
}

// applicant returns the dossier's applicant from the draft, trimmed.
func (d Draft) applicant() dossier.Applicant {
	kind, _ := dossier.ParseApplicantKind(d.Data.Kind)
	return dossier.Applicant{Kind: kind, Name: strings.TrimSpace(d.Data.Name), IDNumber: strings.TrimSpace(d.Data.IDNumber),
		Phone: strings.TrimSpace(d.Data.Phone), Email: strings.TrimSpace(d.Data.Email), Address: strings.TrimSpace(d.Data.Address)}
}
