package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
	"motcua/internal/processing"
)

// componentRow is one row of the components checklist.
type componentRow struct {
	Index                              int
	Name                               string
	Mandatory                          bool
	Provided                           bool
	Originals, CertifiedCopies, Copies string
	Error                              string
}

type receptionData struct {
	Procedures    []procedure.Procedure
	Procedure     string
	ProcedureName string
	Unit          string
	Rows          []componentRow
	Kinds         []option
	Channels      []option
	Methods       []option
	// ApplicantFields are the applicant's text inputs, after applicant.
	ApplicantFields []string
}

// option is a select option.
type option struct{ Value, Label string }

// deskUnit returns the unit whose desk the officer receives for: the officer's unit if it applies
// published procedures, else the nearest parent that does.
func (s *Server) deskUnit(r *http.Request, p account.Principal) string {
	_, byCode, err := s.catalogUnits(r.Context())
	if err != nil {
		return p.UnitCode
	}
	for code, n := p.UnitCode, 0; code != "" && n < 10; n++ {
		_, total, err := s.cfg.Catalog.Search(r.Context(), catalog.Query{UnitCode: code, Statuses: []procedure.Status{procedure.Published}, Limit: 1})
		if err == nil && total > 0 {
			return code
		}
		code = byCode[code].ParentCode
	}
	return p.UnitCode
}

func (s *Server) receptionData(r *http.Request, page Page, unit, code string, form Form) (receptionData, error) {
	ctx := r.Context()
	d := receptionData{Unit: unit, Procedure: code, ApplicantFields: []string{"name", "id_number", "phone", "email", "address"}}
	var err error
	d.Procedures, _, err = s.cfg.Catalog.Search(ctx, catalog.Query{UnitCode: unit, Statuses: []procedure.Status{procedure.Published}, Limit: 1000})
	if err != nil {
		return d, err
	}
	for _, k := range []dossier.ApplicantKind{dossier.ApplicantCitizen, dossier.ApplicantBusiness, dossier.ApplicantAgency, dossier.ApplicantOther} {
		d.Kinds = append(d.Kinds, option{k.String(), inLang(page.P, k.NameVI(), k.NameEN())})
	}
	d.Channels = []option{{"in_person", page.P.T("dossier.channel.in_person")}, {"postal", page.P.T("dossier.channel.postal")}}
	for _, m := range dossier.ReturnMethods() {
		d.Methods = append(d.Methods, option{string(m), page.P.T("dossier.return." + string(m))})
	}
	if code == "" {
		return d, nil
	}
	proc, err := s.cfg.Catalog.InForce(ctx, code, s.now())
	if err != nil {
		if fault.Is(err, fault.NotFound) {
			return d, nil
		}
		return d, err
	}
	d.ProcedureName = proc.Name
	posted := form.Values["procedure"] == code
	for j, c := range proc.Components {
		row := componentRow{Index: j, Name: c.Name, Mandatory: c.Mandatory && c.Case == "",
			Originals: strconv.Itoa(c.Originals), CertifiedCopies: strconv.Itoa(c.CertifiedCopies), Copies: strconv.Itoa(c.Copies)}
		if posted {
			pre := fmt.Sprintf("c%d.", j)
			row.Provided = form.Values[pre+"provided"] != ""
			row.Originals, row.CertifiedCopies, row.Copies = form.Values[pre+"originals"], form.Values[pre+"certified_copies"], form.Values[pre+"copies"]
		}
		row.Error = form.Errors[fmt.Sprintf("required_components[%d]", j)]
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}

func (s *Server) dossierNewForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if !p.Can(account.ReceiveDossiers) {
		s.renderError(w, r, fault.New(fault.Forbidden, "error.forbidden"))
		return
	}
	page := s.newPage(r, "dossier.new.title")
	page.Form.Values["channel"] = "in_person"
	page.Form.Values["return_method"] = "desk"
	page.Form.Values["applicant.kind"] = "citizen"
	data, err := s.receptionData(r, page, s.deskUnit(r, p), strings.TrimSpace(r.URL.Query().Get("procedure")), page.Form)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Data = data
	s.render(w, r, http.StatusOK, "dossier_new", page)
}

func atoiOr0(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (s *Server) dossierCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	ctx := r.Context()
	page := s.newPage(r, "dossier.new.title")
	unit := strings.TrimSpace(r.PostFormValue("unit"))
	if unit == "" {
		unit = s.deskUnit(r, p)
	}
	code := strings.TrimSpace(r.PostFormValue("procedure"))
	kind, _ := dossier.ParseApplicantKind(r.PostFormValue("applicant.kind"))
	in := processing.ReceiveInput{ProcedureCode: code, UnitCode: unit, Channel: r.PostFormValue("channel"),
		Applicant: dossier.Applicant{Kind: kind, Name: r.PostFormValue("applicant.name"), IDNumber: r.PostFormValue("applicant.id_number"),
			Phone: r.PostFormValue("applicant.phone"), Email: r.PostFormValue("applicant.email"), Address: r.PostFormValue("applicant.address")},
		ReturnMethod: r.PostFormValue("return_method"), ReturnAddress: r.PostFormValue("return_address"), Note: r.PostFormValue("note")}
	var f fault.Fields
	var rowOf []int // the checklist row of each paper
	var scans []processing.Scan
	defer func() {
		for _, sc := range scans {
			sc.Staged.Discard()
		}
	}()
	if code != "" {
		if proc, err := s.cfg.Catalog.InForce(ctx, code, s.now()); err == nil {
			for j, c := range proc.Components {
				pre := fmt.Sprintf("c%d.", j)
				scans = append(scans, s.stageScans(r, &f, pre+"scan", fmt.Sprintf("required_components[%d]", j), c.Name, p.Username)...)
				if r.PostFormValue(pre+"provided") == "" {
					continue
				}
				paper := dossier.Paper{Name: c.Name}
				var ok1, ok2, ok3 bool
				paper.Originals, ok1 = atoiOr0(r.PostFormValue(pre + "originals"))
				paper.CertifiedCopies, ok2 = atoiOr0(r.PostFormValue(pre + "certified_copies"))
				paper.Copies, ok3 = atoiOr0(r.PostFormValue(pre + "copies"))
				if !ok1 || !ok2 || !ok3 {
					f.Add(fmt.Sprintf("required_components[%d]", j), "dossier.page.count_invalid")
				}
				in.Components = append(in.Components, paper)
				rowOf = append(rowOf, j)
			}
		}
		scans = append(scans, s.stageScans(r, &f, "scans", "scans", "", p.Username)...)
	}
	in.Scans = scans
	err := f.Err()
	var target, notice string
	if err == nil {
		target, notice, err = s.deskDecision(r, p, in, rowOf)
	}
	if err != nil {
		fe := fault.As(err)
		if fe.Kind == fault.Internal || fe.Kind == fault.Forbidden || fe.Kind == fault.Unauthorized {
			s.renderError(w, r, err)
			return
		}
		page.Form = formFrom(r).withError(page.P, err)
		for i, j := range rowOf { // a paper's own errors show on its checklist row
			for _, part := range []string{"name", "originals", "certified_copies", "copies"} {
				if msg, ok := page.Form.Errors[fmt.Sprintf("components[%d].%s", i, part)]; ok {
					page.Form.Errors[fmt.Sprintf("required_components[%d]", j)] = msg
				}
			}
		}
		for field, msg := range page.Form.Errors { // an item's error shows under the reasons box
			if strings.HasPrefix(field, "items") || field == "reasons" {
				page.Form.Errors["desk_reasons"] = msg
			}
		}
		data, derr := s.receptionData(r, page, unit, code, page.Form)
		if derr != nil {
			s.renderError(w, r, derr)
			return
		}
		page.Data = data
		s.render(w, r, fe.Kind.HTTPStatus(), "dossier_new", page)
		return
	}
	redirect(w, r, target, notice)
}

// stageScans stages the files uploaded in one file input, recording a rejected file under field.
func (s *Server) stageScans(r *http.Request, f *fault.Fields, input, field, component, by string) []processing.Scan {
	if r.MultipartForm == nil {
		return nil
	}
	var out []processing.Scan
	for _, h := range r.MultipartForm.File[input] {
		file, err := h.Open()
		if err != nil {
			f.Add(field, "attachment.unreadable", h.Filename)
			continue
		}
		st, err := attachment.Stage(field, file, h.Filename, h.Header.Get("Content-Type"), s.cfg.Uploads, by, s.now())
		file.Close()
		if err != nil {
			if fe := fault.As(err); fe.Kind == fault.Invalid && len(fe.Fields) > 0 {
				for _, m := range fe.Fields {
					f.Add(field, m.Key, m.Args...)
				}
			} else {
				f.Add(field, "attachment.unreadable", h.Filename)
			}
			continue
		}
		out = append(out, processing.Scan{Staged: st, Component: component})
	}
	return out
}

// deskDecision carries out the officer's decision on the papers handed in: receive them (Mẫu 01),
// guide the applicant to complete them (Mẫu 02: the mandatory papers not ticked and each line of
// the reasons box), or refuse them (Mẫu 03: each line of the box is a reason). It returns where to
// go next and the notice to show there.
func (s *Server) deskDecision(r *http.Request, p account.Principal, in processing.ReceiveInput, provided []int) (string, string, error) {
	ctx, now := r.Context(), s.now()
	switch r.PostFormValue("intent") {
	case "guide":
		var items []dossier.GuidanceItem
		notProvided := s.newPage(r, "dossier.new.title").P.T("dossier.guidance.not_provided")
		if proc, err := s.cfg.Catalog.InForce(ctx, in.ProcedureCode, now); err == nil {
			for j, c := range proc.Components {
				if c.Mandatory && c.Case == "" && !slices.Contains(provided, j) {
					items = append(items, dossier.GuidanceItem{Name: c.Name, Originals: c.Originals, CertifiedCopies: c.CertifiedCopies,
						Copies: c.Copies, Reason: notProvided})
				}
			}
		}
		items = append(items, guidanceItems(r.PostFormValue("desk_reasons"), notProvided)...)
		_, id, err := s.cfg.Dossiers.GuideAtDesk(ctx, p, in, dossier.GuidanceInput{Items: items, Contact: strings.TrimSpace(r.PostFormValue("contact"))}, now)
		return "/guidances/" + strconv.FormatInt(id, 10), "notice.guidance_given", err
	case "refuse":
		d, err := s.cfg.Dossiers.RefuseAtDesk(ctx, p, in, lines(r.PostFormValue("desk_reasons")), now)
		return "/dossiers/" + url.PathEscape(d.Code), "notice.dossier_refused", err
	default:
		d, err := s.cfg.Dossiers.Receive(ctx, p, in, now)
		return "/dossiers/" + url.PathEscape(d.Code), "notice.dossier_received", err
	}
}

// --- The dossier page ---
