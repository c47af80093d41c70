package procedure

import (
	"fmt"
	"slices"
	"strings"

	"motcua/internal/fold"
)

// procedure converts one national object to the model.
func (np *nationalParser) procedure(o nobj) Procedure {
	p := Procedure{
		Code:            o.str("MATTHC"),
		Name:            o.str("TENTTHC"),
		Requirements:    o.str("YEUCAU"),
		SubjectNote:     o.str("MOTADOITUONGTHUCHIEN"),
		Competent:       o.names("COQUANTHUCHIEN", "TENDONVI"),
		Coordinating:    o.names("COQUANPHOIHOP", "TENDONVI"),
		PublishDecision: o.str("SOQUYETDINH"),
		Steps:           nationalSteps(o),
	}
	if fields := o.list("LINHVUCTHUCHIEN"); len(fields) > 0 {
		p.Field = Field{Code: fields[0].str("MALINHVUC"), Name: fields[0].str("TENLINHVUC")}
	}
	for _, name := range o.names("CAPTHUCHIEN", "CAPTHUCHIEN") {
		for _, part := range strings.Split(name, ",") {
			if l, ok := match(levelTerms, part); ok {
				if !slices.Contains(p.Levels, l) {
					p.Levels = append(p.Levels, l)
				}
			} else if f := fold.String(part); f != "0" && !strings.Contains(f, "bo") && f != "" {
				np.warn("levels", keyLevelInvalid, part)
			}
		}
	}
	p.Subjects = nationalSubjects(o, p.SubjectNote)
	if s := o.str("MUCDO"); s != "" {
		if l, ok := match(onlineTerms, s); ok {
			p.OnlineLevel = l
		} else {
			np.warn("online_level", keyOnlineInvalid, s)
		}
	}
	for i, c := range o.list("CACHTHUCTHUCHIEN") {
		np.channel(&p, i, c)
	}
	for _, group := range o.list("THANHPHANHOSO") {
		papers := group.list("GIAYTO")
		if len(papers) == 0 && group.str("TENGIAYTO") != "" {
			papers = []nobj{group} // a paper listed without its case
		}
		for _, g := range papers {
			np.component(&p, group.str("TRUONGHOP"), g)
		}
	}
	for _, r := range o.list("KETQUATHUCHIEN") {
		name := r.str("TENKETQUA")
		p.Results = append(p.Results, Result{Code: r.str("MAKETQUA"), Name: name,
			Paper: !strings.Contains(fold.String(name), "dien tu")})
	}
	for i, l := range o.list("CANCUPHAPLY") {
		ref := LegalRef{Number: l.str("SOVANBAN"), Name: l.str("TENVANBAN"), Issuer: l.str("COQUANBANHANH")}
		if d, err := ParseDate(l.str("NGAYBANHANH")); err == nil {
			ref.Date = d
		} else {
			np.warn(fmt.Sprintf("legal_basis[%d].date", i), keyDateInvalid, l.str("NGAYBANHANH"))
		}
		p.LegalBasis = append(p.LegalBasis, ref)
	}
	return p
}

// nationalSteps flattens TRINHTUTHUCHIEN to text: each case's title, then its steps.
func nationalSteps(o nobj) string {
	cases := o.list("TRINHTUTHUCHIEN")
	if len(cases) == 0 {
		return o.str("TRINHTUTHUCHIEN")
	}
	var lines []string
	for _, c := range cases {
		if t := c.str("TRUONGHOP"); t != "" {
			lines = append(lines, t)
		}
		for _, s := range c.list("TRINHTU") {
			if t := s.str("TENTRINHTU"); t != "" {
				lines = append(lines, t)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// nationalSubjects reads DOITUONGTHUCHIEN by name, else guesses from the note.
func nationalSubjects(o nobj, note string) []Subject {
	var out []Subject
	add := func(s Subject) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, name := range o.names("DOITUONGTHUCHIEN", "TENDOITUONG") {
		if s, ok := match(subjectTerms, name); ok {
			add(s)
		} else {
			add(OtherSubject)
		}
	}
	if len(out) > 0 || note == "" {
		return out
	}
	f := " " + fold.String(note) + " "
	for _, guess := range []struct {
		words   []string
		subject Subject
	}{
		{[]string{"cong dan", "ca nhan", "nguoi "}, Citizen},
		{[]string{"doanh nghiep", "hop tac xa", "ho kinh doanh"}, Business},
		{[]string{"co quan nha nuoc"}, Agency},
		{[]string{"to chuc"}, OtherSubject},
	} {
		for _, w := range guess.words {
			if strings.Contains(f, w) {
				add(guess.subject)
				break
			}
		}
	}
	return out
}

// channel reads one CACHTHUCTHUCHIEN entry into p, merging a repeated KENH.
func (np *nationalParser) channel(p *Procedure, i int, c nobj) {
	path := fmt.Sprintf("channels[%d]", i)
	raw := c.str("KENH")
	kind, ok := match(channelTerms, raw)
	if !ok {
		kind = ChannelKind(raw) // Validate names it
	}
	ch := Channel{Kind: kind}
	times := c.list("THOIGIAN")
	if len(times) == 0 {
		np.fail(path+".time", keyRequired)
	}
	var notes []string
	for j, t := range times {
		unit, factor, ok := nationalUnit(t.str("DONVITINH"))
		switch {
		case t.str("DONVITINH") == "":
			unit, factor = WorkingDay, 1
			np.warn(path+".unit", keyUnitAssumed, string(WorkingDay))
		case !ok:
			unit = TimeUnit(t.str("DONVITINH")) // Validate rejects it by name
		}
		value := t.str("THOIGIANGIAIQUYET")
		amount, ok := parseDecimal(value)
		switch {
		case value == "" && j == 0:
			np.fail(path+".time", keyRequired)
		case !ok && j == 0:
			np.fail(path+".time", keyTimeInvalid, value)
		}
		n, u := np.decimalTime(path+".time", amount*float64(factor), unit)
		if j == 0 {
			ch.Time, ch.Unit = n, u
			if m := t.str("MOTA"); m != "" {
				notes = append(notes, m)
			}
		} else {
			np.warn(path+".time", keyTimeExtra, string(kind))
			notes = append(notes, strings.TrimSpace(fmt.Sprintf("%s %s: %s", value, t.str("DONVITINH"), t.str("MOTA"))))
		}
		for _, f := range t.list("PHILEPHI") {
			np.fee(&ch, fmt.Sprintf("%s.fees[%d]", path, len(ch.Fees)), f)
		}
	}
	for _, f := range c.list("PHILEPHI") {
		np.fee(&ch, fmt.Sprintf("%s.fees[%d]", path, len(ch.Fees)), f)
	}
	ch.Note = strings.Join(notes, "\n")
	for k := range p.Channels {
		if p.Channels[k].Kind == kind && kind.Valid() {
			np.warn(path+".channel", keyChannelDuplicate, string(kind))
			p.Channels[k].Fees = append(p.Channels[k].Fees, ch.Fees...)
			return
		}
	}
	p.Channels = append(p.Channels, ch)
}

// fee reads one PHILEPHI entry into ch.
func (np *nationalParser) fee(ch *Channel, path string, f nobj) {
	name := f.str("TENPHILEPHI")
	if name == "" {
		name = "Phí, lệ phí"
	}
	fee := Fee{Name: name, Description: f.str("MOTA")}
	amount, unit := f.str("SOTIEN"), f.str("DONVI")
	if strings.Contains(unit, "%") || strings.HasSuffix(amount, "%") {
		rate := strings.TrimSpace(strings.TrimSuffix(amount, "%")) + "%"
		fee.Description = strings.TrimSpace(rate + " " + fee.Description)
	} else if n, ok := parseAmount(amount); ok {
		fee.AmountVND = n
	} else {
		np.fail(path+".amount_vnd", keyAmountInvalid, amount)
	}
	ch.Fees = append(ch.Fees, fee)
}

// component reads one GIAYTO entry into p.
func (np *nationalParser) component(p *Procedure, caseName string, g nobj) {
	path := fmt.Sprintf("components[%d]", len(p.Components))
	name := g.str("TENGIAYTO")
	folded := fold.String(name)
	c := Component{Case: caseName, Name: name, Mandatory: !strings.Contains(folded, "neu co")}
	if v := g.str("BATBUOC"); v != "" {
		if b, ok := parseBool(v); ok {
			c.Mandatory = b
		}
	}
	count := func(field, key string) int {
		n, ok := parseWhole(g.str(key))
		if !ok {
			np.fail(path+"."+field, keyNumberInvalid, g.str(key))
		}
		return n
	}
	c.Originals = count("originals", "SOBANCHINH")
	if copies := count("copies", "SOBANSAO"); strings.Contains(folded, "chung thuc") {
		c.CertifiedCopies = copies
	} else {
		c.Copies = copies
	}
	c.FormTemplate = g.str("URL")
	if c.FormTemplate == "" {
		c.FormTemplate = g.str("TENMAUDON")
	}
	p.Components = append(p.Components, c)
}
