package dossier

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// Length limits of free text, in characters.
const (
	maxName    = 255
	maxAddress = 500
	maxID      = 50
)

var (
	idPattern    = regexp.MustCompile(`^([0-9]{9}|[0-9]{12})$`)
	phonePattern = regexp.MustCompile(`^(0[0-9]{9,10}|\+84[0-9]{9,10})$`)
	emailPattern = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$`)
	phoneNoise   = strings.NewReplacer(" ", "", ".", "", "-", "", "(", "", ")", "")
)

// ValidIDNumber reports whether s is a citizen's identity number: 9 digits
// (CMND) or 12 digits (CCCD), spaces around ignored.
func ValidIDNumber(s string) bool { return idPattern.MatchString(strings.TrimSpace(s)) }

// NormalizePhone removes spaces, dots, dashes and brackets from a phone
// number and reports whether the result is a Vietnamese number: 0 followed by
// 9 or 10 digits, or +84 followed by 9 or 10 digits.
func NormalizePhone(s string) (string, bool) {
	p := phoneNoise.Replace(strings.TrimSpace(s))
	return p, phonePattern.MatchString(p)
}

// ValidEmail reports whether s looks like an e-mail address (local@domain.tld).
func ValidEmail(s string) bool { return emailPattern.MatchString(strings.TrimSpace(s)) }

// checkApplicant trims and normalises the applicant and records its problems
// under "applicant.*": kind and name are required; a citizen's identity
// number is required when strict (a receipt) and must be 9 or 12 digits; the
// phone and e-mail, when given, must be well formed.
func checkApplicant(f *fault.Fields, app Applicant, strict bool) Applicant {
	app.Name = strings.TrimSpace(app.Name)
	app.IDNumber = strings.TrimSpace(app.IDNumber)
	app.Email = strings.TrimSpace(app.Email)
	app.Address = strings.TrimSpace(app.Address)
	if !app.Kind.Valid() {
		f.Add("applicant.kind", keyKindInvalid, fmt.Sprint(int(app.Kind)))
	}
	checkText(f, "applicant.name", app.Name, maxName, true)
	checkText(f, "applicant.address", app.Address, maxAddress, false)
	switch {
	case app.Kind == ApplicantCitizen && app.IDNumber == "" && strict:
		f.Add("applicant.id_number", keyRequired)
	case app.Kind == ApplicantCitizen && app.IDNumber != "" && !ValidIDNumber(app.IDNumber):
		f.Add("applicant.id_number", keyIDInvalid, app.IDNumber)
	default:
		checkText(f, "applicant.id_number", app.IDNumber, maxID, false)
	}
	if app.Phone != "" {
		p, ok := NormalizePhone(app.Phone)
		if !ok {
			f.Add("applicant.phone", keyPhoneInvalid, app.Phone)
		} else {
			app.Phone = p
		}
	}
	if app.Email != "" && !ValidEmail(app.Email) {
		f.Add("applicant.email", keyEmailInvalid, app.Email)
	}
	return app
}

// checkText records a missing required text or one longer than max.
func checkText(f *fault.Fields, field, s string, max int, required bool) {
	switch {
	case required && s == "":
		f.Add(field, keyRequired)
	case utf8.RuneCountInString(s) > max:
		f.Add(field, keyTooLong, max)
	}
}

// Paper is one component as handed in (or uploaded): its name as the
// procedure lists it and the number of each kind of copy. Listing a paper
// means it was provided.
type Paper struct {
	Name            string `json:"name"`
	Originals       int    `json:"originals"`
	CertifiedCopies int    `json:"certified_copies"`
	Copies          int    `json:"copies"`
}

// sameName compares component names ignoring case and surrounding spaces.
func sameName(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// applies reports whether a procedure component belongs to the case, and
// whether it is mandatory in it: one of no case always applies; one of a
// named case applies (and may be mandatory) only in that case; with no case
// chosen it is listed but optional.
func applies(c procedure.Component, caseName string) (listed, mandatory bool) {
	switch {
	case c.Case == "":
		return true, c.Mandatory
	case caseName == "":
		return true, false
	case sameName(c.Case, caseName):
		return true, c.Mandatory
	}
	return false, false
}

// checkPapers records papers without a name or with a negative count under
// "components[i].*" (i in papers).
func checkPapers(f *fault.Fields, papers []Paper) {
	for i, pp := range papers {
		for _, c := range []struct {
			field string
			n     int
		}{{"originals", pp.Originals}, {"certified_copies", pp.CertifiedCopies}, {"copies", pp.Copies}} {
			if c.n < 0 {
				f.Add(fmt.Sprintf("components[%d].%s", i, c.field), keyCountNegative, c.n)
			}
		}
		if strings.TrimSpace(pp.Name) == "" {
			f.Add(fmt.Sprintf("components[%d].name", i), keyRequired)
		}
	}
}

// checklist builds the dossier's components from the procedure's list for
// the case and the papers handed in (matched by name; papers the procedure
// does not list are kept as extra, optional components). If missing is not
// nil it records there every mandatory component not provided, under
// "required_components[j]" (j in p.Components), so that all missing papers
// are reported at once.
func checklist(missing *fault.Fields, p procedure.Procedure, caseName string, papers []Paper) []Component {
	used := make([]bool, len(papers))
	out := []Component{}
	for j, pc := range p.Components {
		listed, mandatory := applies(pc, caseName)
		if !listed {
			continue
		}
		c := Component{Name: pc.Name, Originals: pc.Originals, CertifiedCopies: pc.CertifiedCopies,
			Copies: pc.Copies, Mandatory: mandatory}
		for i, pp := range papers {
			if !used[i] && sameName(pp.Name, pc.Name) {
				used[i] = true
				c.Originals, c.CertifiedCopies, c.Copies, c.Provided = pp.Originals, pp.CertifiedCopies, pp.Copies, true
				break
			}
		}
		if mandatory && !c.Provided && missing != nil {
			missing.Add(fmt.Sprintf("required_components[%d]", j), keyComponentMissing, pc.Name)
		}
		out = append(out, c)
	}
	for i, pp := range papers {
		if !used[i] && strings.TrimSpace(pp.Name) != "" {
			out = append(out, Component{Name: strings.TrimSpace(pp.Name), Originals: pp.Originals,
				CertifiedCopies: pp.CertifiedCopies, Copies: pp.Copies, Provided: true})
		}
	}
	return out
}

// papersOf returns the provided components as papers.
func papersOf(cs []Component) []Paper {
	var out []Paper
	for _, c := range cs {
		if c.Provided {
			out = append(out, Paper{Name: c.Name, Originals: c.Originals, CertifiedCopies: c.CertifiedCopies, Copies: c.Copies})
		}
	}
	return out
}

// ReasonMissing is the reason MissingComponents gives each item; the officer
// may replace it.
const ReasonMissing = "Thiếu thành phần hồ sơ bắt buộc"

// MissingComponents returns, for a guidance (Mẫu 02), every mandatory
// component of the procedure for the case that is not among the papers, with
// the counts the procedure asks for and ReasonMissing. It returns nil when
// nothing mandatory is missing.
func MissingComponents(p procedure.Procedure, caseName string, papers []Paper) []GuidanceItem {
	var out []GuidanceItem
	for _, c := range checklist(nil, p, caseName, papers) {
		if c.Mandatory && !c.Provided {
			out = append(out, GuidanceItem{Name: c.Name, Originals: c.Originals,
				CertifiedCopies: c.CertifiedCopies, Copies: c.Copies, Reason: ReasonMissing})
		}
	}
	return out
}

// checkReturn validates the return method and address: post needs an
// address (the return address, or the applicant's). It returns the method
// (desk for "").
func checkReturn(f *fault.Fields, m ReturnMethod, addr string, app Applicant) ReturnMethod {
	if m == "" {
		m = ReturnAtDesk
	}
	if !m.Valid() {
		f.Add("return_method", keyReturnMethodInvalid, string(m))
	}
	if m == ReturnByPost && strings.TrimSpace(addr) == "" && app.Address == "" {
		f.Add("return_address", keyReturnAddress)
	}
	checkText(f, "return_address", strings.TrimSpace(addr), maxAddress, false)
	return m
}

// checkProcedure records a procedure that cannot be used for a new dossier
// at now, or that lacks the channel.
func checkProcedure(f *fault.Fields, p procedure.Procedure, ch Channel, inForce bool) {
	if !inForce || p.Status == procedure.Draft || p.Status == procedure.Abolished {
		f.Add("procedure", keyNotInForce, p.Code, p.Version)
		return
	}
	if _, ok := p.Channel(ch.Kind()); !ok && ch.Valid() {
		f.Add("channel", keyChannelUnavailable, ch.String(), p.Code)
	}
}
