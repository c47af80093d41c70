package procedure

import "fmt"

// channelRow reads a row of "Kênh và phí": the channel's time on its first
// row, and a fee if any fee cell is filled.
func (x *xlsxImport) channelRow(r *xrow, p *Procedure, origin map[string]cellLoc) {
	kind := matchOrRaw(channelTerms, r.get("channel"))
	i := -1
	for k, c := range p.Channels {
		if c.Kind == kind {
			i = k
		}
	}
	path := fmt.Sprintf("channels[%d]", max(i, len(p.Channels)))
	if i < 0 {
		i = len(p.Channels)
		if r.get("time") == "" {
			r.fail("time", path+".time", keyRequired)
		}
		p.Channels = append(p.Channels, Channel{Kind: kind,
			Time: r.whole("time", path+".time"),
			Unit: matchOrRaw(unitTerms, r.get("unit")),
			Note: r.get("note")})
		origin[path] = cellLoc{r.sheet, r.n}
	} else {
		path = fmt.Sprintf("channels[%d]", i)
		c := &p.Channels[i]
		if t := r.get("time"); t != "" {
			if n, ok := parseWhole(t); !ok || n != c.Time {
				r.fail("time", path+".time", keyImportConflict, string(kind))
			}
		}
		if u := r.get("unit"); u != "" && matchOrRaw(unitTerms, u) != c.Unit {
			r.fail("unit", path+".unit", keyImportConflict, string(kind))
		}
		if c.Note == "" {
			c.Note = r.get("note")
		}
	}
	if r.get("name") == "" && r.get("amount_vnd") == "" && r.get("per") == "" && r.get("description") == "" {
		return
	}
	c := &p.Channels[i]
	feePath := fmt.Sprintf("%s.fees[%d]", path, len(c.Fees))
	amount, ok := parseAmount(r.get("amount_vnd"))
	if !ok {
		r.fail("amount_vnd", feePath+".amount_vnd", keyAmountInvalid, r.get("amount_vnd"))
	}
	c.Fees = append(c.Fees, Fee{Name: r.get("name"), AmountVND: amount, Per: r.get("per"), Description: r.get("description")})
	origin[feePath] = cellLoc{r.sheet, r.n}
}

func (x *xlsxImport) componentRow(r *xrow, p *Procedure, origin map[string]cellLoc) {
	path := fmt.Sprintf("components[%d]", len(p.Components))
	p.Components = append(p.Components, Component{
		Case: r.get("case"), Name: r.get("name"),
		Originals:       r.whole("originals", path+".originals"),
		CertifiedCopies: r.whole("certified_copies", path+".certified_copies"),
		Copies:          r.whole("copies", path+".copies"),
		Mandatory:       r.yes("mandatory", path+".mandatory"),
		FormTemplate:    r.get("form_template"),
	})
	origin[path] = cellLoc{r.sheet, r.n}
}

func (x *xlsxImport) legalRow(r *xrow, p *Procedure, origin map[string]cellLoc) {
	path := fmt.Sprintf("legal_basis[%d]", len(p.LegalBasis))
	p.LegalBasis = append(p.LegalBasis, LegalRef{Number: r.get("number"), Name: r.get("name"),
		Date: r.date("date", path+".date"), Issuer: r.get("issuer")})
	origin[path] = cellLoc{r.sheet, r.n}
}

func (x *xlsxImport) resultRow(r *xrow, p *Procedure, origin map[string]cellLoc) {
	path := fmt.Sprintf("results[%d]", len(p.Results))
	p.Results = append(p.Results, Result{Code: r.get("result_code"), Name: r.get("name"),
		Paper: r.yes("paper", path+".paper")})
	origin[path] = cellLoc{r.sheet, r.n}
}

func (x *xlsxImport) workflowRow(r *xrow, p *Procedure, origin map[string]cellLoc) {
	path := fmt.Sprintf("workflow[%d]", len(p.Workflow))
	p.Workflow = append(p.Workflow, Step{Name: r.get("step"), Role: r.get("role"), Office: r.get("office"),
		Hours: r.whole("hours", path+".hours")})
	origin[path] = cellLoc{r.sheet, r.n}
}
