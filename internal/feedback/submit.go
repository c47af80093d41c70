package feedback

import (
	"strings"
	"unicode/utf8"

	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// Input is what a sender fills in on the public form.
type Input struct {
	UnitCode      string
	Subject       string
	ProcedureCode string
	DossierCode   string
	DossierSecret string
	Name          string
	Contact       string // a phone number or an e-mail address
	Content       string
}

// MaxName is the longest sender's name accepted, in characters.
const MaxName = 200

// validate checks the input and returns the item it describes (without unit check, reference or
// deadlines). Errors: Invalid naming each bad field (unit, subject, dossier_code, name, contact,
// content).
func (in Input) validate() (Feedback, error) {
	f := Feedback{
		UnitCode:      strings.ToUpper(strings.TrimSpace(in.UnitCode)),
		Subject:       Subject(strings.TrimSpace(in.Subject)),
		ProcedureCode: strings.TrimSpace(in.ProcedureCode),
		DossierCode:   strings.ToUpper(strings.TrimSpace(in.DossierCode)),
		Name:          strings.Join(strings.Fields(in.Name), " "),
		Content:       strings.TrimSpace(in.Content),
		Status:        Received,
	}
	var fs fault.Fields
	if f.UnitCode == "" {
		fs.Add("unit", "feedback.unit.required")
	}
	switch f.Subject {
	case SubjectProcedure, SubjectConduct:
	case SubjectDossier:
		if f.DossierCode == "" {
			fs.Add("dossier_code", "feedback.dossier_code.required")
		}
	default:
		fs.Add("subject", "feedback.subject.invalid")
	}
	switch n := utf8.RuneCountInString(f.Name); {
	case n == 0:
		fs.Add("name", "feedback.name.required")
	case n > MaxName:
		fs.Add("name", "feedback.text.too_long", MaxName)
	}
	for field, v := range map[string]string{"procedure": f.ProcedureCode, "dossier_code": f.DossierCode} {
		if utf8.RuneCountInString(v) > MaxName {
			fs.Add(field, "feedback.text.too_long", MaxName)
		}
	}
	contact := strings.TrimSpace(in.Contact)
	switch {
	case contact == "":
		fs.Add("contact", "feedback.contact.required")
	case strings.Contains(contact, "@"):
		if !dossier.ValidEmail(contact) {
			fs.Add("contact", "feedback.contact.invalid", contact)
		}
		f.Email = contact
	default:
		p, ok := dossier.NormalizePhone(contact)
		if !ok {
			fs.Add("contact", "feedback.contact.invalid", contact)
		}
		f.Phone = p
	}
	switch n := utf8.RuneCountInString(f.Content); {
	case n == 0:
		fs.Add("content", "feedback.text.required")
	case n < 10:
		fs.Add("content", "feedback.content.too_short", 10)
	case n > MaxText:
		fs.Add("content", "feedback.text.too_long", MaxText)
	}
	return f, fs.Err()
}
