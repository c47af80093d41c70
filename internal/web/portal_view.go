package web

import (
	"net/http"
	"slices"
	"sort"
	"strings"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/portal"
	"motcua/internal/procedure"
)

// portalFormData is the draft's form: the applicant, the receiving unit, the checklist with the
// files uploaded so far, and how to get the result.
type portalFormData struct {
	Token   string
	Proc    procedure.Procedure
	Units   []account.Unit
	Unit    string
	Kinds   []option
	Methods []option
	Rows    []portalRow
	// Problems is the error summary, in the order of the form, each linking to its field.
	Problems []portalProblem
	MaxMB    int64
	Expires  string
	Accept   string
}

// portalRow is one component of the checklist.
type portalRow struct {
	Index                              int
	Field, ID                          string
	Name, Case                         string
	Mandatory                          bool
	Originals, CertifiedCopies, Copies int
	File                               *attachment.File
	Error                              string
}

// portalProblem is one line of the error summary.
type portalProblem struct{ ID, Message string }

// portalFieldOrder is the order of the form's fields, for the error summary.
var portalFieldOrder = []string{portal.FieldKind, portal.FieldName, portal.FieldIDNumber, portal.FieldPhone, portal.FieldEmail,
	portal.FieldAddress, portal.FieldUnit}

// fieldID is the id of a field's input, as fld makes it.
func fieldID(name string) string {
	return "f-" + strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(name)
}

// renderPortalForm shows the draft's form with its saved values and the problems of err, if any.
func (s *Server) renderPortalForm(w http.ResponseWriter, r *http.Request, page Page, d portal.Draft, err error, status int) {
	offer, oerr := s.cfg.Portal.OfferOf(r.Context(), d.ProcedureCode, s.now())
	if oerr != nil {
		s.renderError(w, r, oerr)
		return
	}
	page.Title = page.P.T("portal.form.title") + ": " + offer.Procedure.Name
	page.Form.Values = map[string]string{portal.FieldKind: d.Data.Kind, portal.FieldName: d.Data.Name, portal.FieldIDNumber: d.Data.IDNumber,
		portal.FieldPhone: d.Data.Phone, portal.FieldEmail: d.Data.Email, portal.FieldAddress: d.Data.Address,
		portal.FieldReturnMethod: d.Data.ReturnMethod, portal.FieldReturnAddress: d.Data.ReturnAddress}
	page.Form.Errors = map[string]string{}
	fe := &fault.Error{}
	if err != nil {
		fe = fault.As(err)
		for field, m := range fe.Fields {
			page.Form.Errors[field] = page.P.T(m.Key, m.Args...)
		}
	}
	data := portalFormData{Token: d.Token, Proc: offer.Procedure, Units: offer.Units, Unit: d.UnitCode, MaxMB: s.uploadLimitMB(),
		Expires: page.P.Date(draftExpires(d)), Accept: "application/pdf,image/jpeg,image/png,image/webp,image/tiff"}
	for _, k := range []dossier.ApplicantKind{dossier.ApplicantCitizen, dossier.ApplicantBusiness, dossier.ApplicantAgency, dossier.ApplicantOther} {
		data.Kinds = append(data.Kinds, option{k.String(), inLang(page.P, k.NameVI(), k.NameEN())})
	}
	for _, m := range dossier.ReturnMethods() {
		data.Methods = append(data.Methods, option{string(m), page.P.T("dossier.return." + string(m))})
	}
	order := append([]string{}, portalFieldOrder...)
	for j, c := range offer.Procedure.Components {
		row := portalRow{Index: j, Field: portal.ComponentField(j), ID: fieldID(portal.ComponentField(j)), Name: c.Name, Case: c.Case,
			Mandatory: c.Mandatory && c.Case == "", Originals: c.Originals, CertifiedCopies: c.CertifiedCopies, Copies: c.Copies,
			Error: page.Form.Errors[portal.ComponentField(j)]}
		if u, ok := d.Data.UploadFor(j, c.Name); ok {
			f := u.File
			row.File = &f
		}
		data.Rows = append(data.Rows, row)
		order = append(order, row.Field)
	}
	order = append(order, portal.FieldReturnMethod, portal.FieldReturnAddress)
	for _, field := range order {
		if msg, ok := page.Form.Errors[field]; ok {
			id := fieldID(field)
			if field == portal.FieldUnit || field == portal.FieldReturnMethod {
				id += "-0" // the first choice of the group
			}
			data.Problems = append(data.Problems, portalProblem{ID: id, Message: msg})
		}
	}
	var rest []string // problems of no field of the form
	for field, msg := range page.Form.Errors {
		if !slices.Contains(order, field) {
			rest = append(rest, msg)
		}
	}
	sort.Strings(rest)
	for _, msg := range rest {
		data.Problems = append(data.Problems, portalProblem{Message: msg})
	}
	if err != nil && len(fe.Fields) == 0 {
		data.Problems = append(data.Problems, portalProblem{Message: page.P.T(fe.Message.Key, fe.Message.Args...)})
	}
	page.Data = data
	s.render(w, r, status, "portal_form", page)
}

// uploadLimitMB is the largest upload accepted, in whole MB (at least 1).
func (s *Server) uploadLimitMB() int64 {
	n := s.cfg.Uploads.MaxBytes
	if n <= 0 {
		n = attachment.DefaultLimits().MaxBytes
	}
	return max(1, n>>20)
}
