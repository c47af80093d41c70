package form

import (
	"io"
	"strconv"
	"strings"
	"time"

	"motcua/internal/dossier"
)

// Context is what a printed form needs besides the dossier: who issues it,
// where, and when.
type Context struct {
	UnitName   string    // the issuing unit, printed in bold capitals ("UBND phường Kinh Bắc")
	ParentName string    // cơ quan chủ quản, the line above the unit; may be empty
	Place      string    // địa danh of the date line ("Bắc Ninh")
	LookupURL  string    // absolute URL of the public lookup of this dossier; goes into the QR code
	Printed    time.Time // the date printed; zero: the date of the act the form records
	// Book and Entry place a received dossier in the desk's register (Sổ theo dõi hồ sơ): the book is
	// the year, the entry the dossier's number among the unit's receptions of that year, as the
	// register of that year numbers its rows. Printed on the receipt; dotted lines when empty.
	Book, Entry string
}

// Render writes form k of the set (empty: SetFor(d)) for the dossier as one
// PDF. events are the dossier's timeline (for the officers' names: the
// receiving officer on the receipt, the signers, the hand-overs of the control
// slip); they may be nil. The supplement form prints the latest guidance, the
// apology the latest reschedule; the register prints the dossier as its only
// row. Errors: those of lookup (Invalid naming "set" or "form", Conflict
// form.set.lacks for the stop notice in the 2018 set), of Applies (Conflict
// form.not_applicable), and an Internal fault if the PDF cannot be written.
func Render(w io.Writer, k Kind, set string, d dossier.Dossier, events []dossier.Event, c Context) error {
	if set == "" {
		set = SetFor(d)
	}
	cir, s, err := lookup(k, set)
	if err != nil {
		return err
	}
	if err := Applies(k, d); err != nil {
		return err
	}
	if k == Register {
		return RenderRegister(w, set, []dossier.Dossier{d}, c.UnitName, d.ReceivedAt, d.ReceivedAt, c)
	}
	doc := newDoc(cir, s, c.Printed)
	png, err := qrPNG(qrData{Code: d.Code, Procedure: d.ProcedureCode, Applicant: d.Applicant.IDNumber, Document: s.Title, URL: c.LookupURL})
	if err != nil {
		return err
	}
	date := c.Printed
	if date.IsZero() {
		date = formDate(k, d, events)
	}
	if err := doc.header(c.ParentName, c.UnitName, d.Code, c.Place, date, png); err != nil {
		return err
	}
	switch k {
	case Receipt:
		doc.receipt(d, events, c)
	case Supplement:
		doc.supplement(d.Guidances[len(d.Guidances)-1], d.Applicant, c.UnitName)
	case Refusal:
		doc.refusal(d, events, c.UnitName)
	case Apology:
		doc.apology(d, events, c.UnitName)
	case Stop:
		doc.stop(d, events, c.UnitName)
	case Control:
		doc.control(d, events)
	}
	return doc.finish(w)
}

// RenderGuidance writes the supplement form (Mẫu 02) of a guidance given at
// the desk with no dossier (g.DossierCode empty): the QR code then carries no
// lookup address. A guidance of a dossier prints the same, with the address.
// An empty set is the one in force at g.At (as SetFor). unitName empty means
// c.UnitName. Errors: Invalid naming "set" for an unknown set; an Internal
// fault if the PDF cannot be written.
func RenderGuidance(w io.Writer, set string, g dossier.Guidance, unitName string, c Context) error {
	if set == "" {
		set = SetFor(dossier.Dossier{SubmittedAt: g.At})
	}
	cir, s, err := lookup(Supplement, set)
	if err != nil {
		return err
	}
	doc := newDoc(cir, s, c.Printed)
	url := c.LookupURL
	if g.DossierCode == "" {
		url = ""
	}
	png, err := qrPNG(qrData{Code: g.DossierCode, Procedure: g.ProcedureCode, Applicant: g.Applicant.IDNumber, Document: s.Title, URL: url})
	if err != nil {
		return err
	}
	date := c.Printed
	if date.IsZero() {
		date = g.At
	}
	if unitName == "" {
		unitName = c.UnitName
	}
	if err := doc.header(c.ParentName, unitName, g.DossierCode, c.Place, date, png); err != nil {
		return err
	}
	doc.supplement(g, g.Applicant, unitName)
	return doc.finish(w)
}

// formDate is the date a form records when no print date is given.
func formDate(k Kind, d dossier.Dossier, events []dossier.Event) time.Time {
	var t time.Time
	switch k {
	case Receipt:
		t = d.ReceivedAt
	case Supplement:
		t = d.Guidances[len(d.Guidances)-1].At
	case Refusal:
		t = d.Refusal.At
	case Apology:
		t = d.Apologies[len(d.Apologies)-1].At
	case Stop:
		t = d.StopNotice.At
	case Control:
		for _, e := range events {
			if e.At.After(t) {
				t = e.At
			}
		}
		for _, s := range []time.Time{d.ReceivedAt, d.FinishedAt, d.ReturnedAt} {
			if s.After(t) {
				t = s
			}
		}
	}
	return t
}

// applicant prints the applicant's fields: name always, the others when
// known (address and phone as a blank to fill in otherwise).
func (d *doc) applicant(a dossier.Applicant) {
	d.field(d.t("applicant"), a.Name)
	if a.IDNumber != "" {
		d.field(d.t("id_number"), a.IDNumber)
	}
	d.field(d.t("address"), or(a.Address, d.t("placeholder")))
	if a.Email != "" {
		d.field(d.t("phone"), or(a.Phone, d.t("placeholder")), d.t("email"), a.Email)
	} else {
		d.field(d.t("phone"), or(a.Phone, d.t("placeholder")))
	}
}

// receipt lays out Mẫu 01.
func (d *doc) receipt(x dossier.Dossier, events []dossier.Event, c Context) {
	d.title()
	d.para(d.t("intro", "unit", c.UnitName), "")
	d.applicant(x.Applicant)
	d.field(d.t("dossier_code"), x.Code)
	d.field(d.t("request"), x.ProcedureName, d.t("procedure_code"), x.ProcedureCode)
	n := 0
	d.numbered(&n, d.t("components"))
	var rows [][]string
	for _, p := range x.Components {
		if !p.Provided && p.Originals+p.CertifiedCopies+p.Copies == 0 {
			continue
		}
		rows = append(rows, []string{strconv.Itoa(len(rows) + 1), p.Name, count(p.Originals), count(p.CertifiedCopies), count(p.Copies)})
	}
	d.table(paperColumns(d), rows, -1)
	d.pdf.Ln(1)
	d.numbered(&n, d.t("sets", "n", b(strconv.Itoa(max(x.Sets, 1)))))
	d.numbered(&n, d.t("legal_time", "time", b(legalTime(d, x.Rules))))
	d.numbered(&n, d.t("received", "time", b(longTime(d, x.ReceivedAt))))
	d.numbered(&n, d.t("due", "time", b(longTime(d, x.DueAt))))
	d.numbered(&n, d.t("return", "method", b(returnMethod(d, x.ReturnMethod, x.ReturnAddress))))
	if len(x.Fees) > 0 {
		d.numbered(&n, d.t("fees", "fees", b(fees(x.Fees))))
	}
	if c.LookupURL != "" || x.LookupSecret != "" {
		d.numbered(&n, d.t("lookup", "url", b(or(c.LookupURL, d.t("placeholder"))), "secret", b(or(x.LookupSecret, d.t("placeholder")))))
	}
	d.pdf.Ln(0.5)
	d.para(d.t("book", "book", or(c.Book, d.t("placeholder")), "entry", or(c.Entry, d.t("placeholder"))), "I")
	d.signatures("",
		signature{d.t("sign_left"), d.t("sign_hint"), x.Applicant.Name},
		signature{d.t("sign_right"), d.t("sign_hint"), actorOf(events, dossier.ActReceive)})
}

// paperColumns are the columns of a list of papers.
func paperColumns(d *doc, extra ...column) []column {
	return append([]column{
		{d.t("col_no"), 6, "C"}, {d.t("col_paper"), 44, "L"}, {d.t("col_originals"), 11, "C"},
		{d.t("col_certified"), 14, "C"}, {d.t("col_copies"), 10, "C"},
	}, extra...)
}

// supplement lays out Mẫu 02 for the guidance; app is the applicant when the
// guidance names none.
func (d *doc) supplement(g dossier.Guidance, app dossier.Applicant, unit string) {
	d.title()
	d.para(d.t("intro", "unit", unit), "")
	if g.Applicant.Name != "" {
		app = g.Applicant
	}
	d.applicant(app)
	if g.DossierCode != "" {
		d.field(d.t("dossier_code"), g.DossierCode)
	}
	if g.ProcedureCode != "" {
		d.field(d.t("request"), g.ProcedureName, d.t("procedure_code"), g.ProcedureCode)
	} else {
		d.field(d.t("request"), g.ProcedureName)
	}
	d.para(d.t("items"), "B")
	var rows [][]string
	for i, it := range g.Items {
		rows = append(rows, []string{strconv.Itoa(i + 1), it.Name, count(it.Originals), count(it.CertifiedCopies), count(it.Copies), it.Reason})
	}
	cols := paperColumns(d, column{d.t("col_reason"), 30, "L"})
	cols[1].Width = 30
	d.table(cols, rows, -1)
	d.pdf.Ln(1.5)
	d.rich(d.t("contact", "officer", b(or(g.OfficerName, g.Officer)), "phone", b(or(g.Contact, d.t("placeholder")))))
	d.para(d.t("once"), "I")
	if g.Note != "" {
		d.para(g.Note, "I")
	}
	d.signatures("", signature{d.t("sign_right"), d.t("sign_hint"), or(g.OfficerName, g.Officer)})
}

// refusal lays out Mẫu 03.
func (d *doc) refusal(x dossier.Dossier, events []dossier.Event, unit string) {
	d.title()
	d.para(d.t("intro", "unit", unit), "")
	d.applicant(x.Applicant)
	if x.Code != "" {
		d.field(d.t("dossier_code"), x.Code)
	}
	d.field(d.t("request"), x.ProcedureName, d.t("procedure_code"), x.ProcedureCode)
	d.para(d.t("reasons", "unit", unit), "")
	n := 0
	for _, r := range x.Refusal.Reasons {
		d.numbered(&n, b(r))
	}
	d.para(d.t("closing"), "")
	s := signature{d.t("sign_reception"), d.t("sign_hint"), actorOf(events, dossier.ActRefuseAtReception)}
	if x.Refusal.Stage == "appraisal" {
		s = signature{d.t("sign_appraisal"), d.t("sign_hint_seal"), actorOf(events, dossier.ActRefuse)}
	}
	d.signatures("", s)
}

// greeting prints "Kính gửi: <applicant>" centred.
func (d *doc) greeting(name string) {
	p := d.pdf
	label, name := nfc(d.t("to"))+" ", nfc(name)
	d.font("", 0)
	wl := p.GetStringWidth(label)
	d.font("B", 0)
	wv := p.GetStringWidth(name)
	p.SetX(d.m + max(0, (d.w-wl-wv)/2))
	d.font("", 0)
	p.Write(d.lh, label)
	d.font("B", 0)
	p.Write(d.lh, name)
	p.Ln(d.lh + 1.5)
}

// apology lays out Mẫu 04 for the latest reschedule.
func (d *doc) apology(x dossier.Dossier, events []dossier.Event, unit string) {
	a := x.Apologies[len(x.Apologies)-1]
	d.title()
	d.greeting(x.Applicant.Name)
	d.rich(d.t("received", "date", b(dateVN(x.ReceivedAt)), "unit", unit, "code", b(x.Code), "procedure", b(x.ProcedureName)))
	d.rich(d.t("original", "time", b(longTime(d, a.From))))
	d.rich(d.t("late", "unit", unit) + " " + b(a.Reason))
	d.para(d.t("apology", "unit", unit), "")
	d.rich(d.t("new", "time", b(longTime(d, a.To))))
	d.para(d.t("thanks"), "")
	d.signatures(d.t("recipients"), signature{d.t("sign_right"), d.t("sign_hint_seal"), actorOf(events, dossier.ActReschedule)})
}

// stop lays out the stop notice (Mẫu 05 of 2025).
func (d *doc) stop(x dossier.Dossier, events []dossier.Event, unit string) {
	n := x.StopNotice
	d.title()
	d.greeting(x.Applicant.Name)
	d.rich(d.t("received", "date", b(dateVN(x.ReceivedAt)), "unit", unit, "code", b(x.Code), "procedure", b(x.ProcedureName)))
	if !n.RequestedAt.IsZero() {
		d.rich(d.t("requested", "date", b(dateVN(n.RequestedAt))))
	}
	d.rich(d.t("stage", "stage", b(or(n.Stage, x.Status.NameVI()))))
	d.rich(d.t("reason", "reason", b(or(n.Reason, d.t("placeholder")))))
	d.rich(strings.TrimSpace(d.t("decision", "unit", unit, "decision", b(n.Decision))))
	if n.Refunds != "" {
		d.rich(d.t("refunds", "refunds", b(n.Refunds)))
	}
	d.para(d.t("closing"), "")
	signer := actorOf(events, dossier.ActStop)
	if signer == "" {
		signer = actorOf(events, dossier.ActCloseUnsupplemented)
	}
	d.signatures(d.t("recipients"), signature{d.t("sign_right"), d.t("sign_hint_seal"), signer})
}

// actorOf returns the full name of who performed the latest event of the
// action, "" if none.
func actorOf(events []dossier.Event, a dossier.Action) string {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Action == a {
			return or(events[i].ActorName, events[i].Actor)
		}
	}
	return ""
}

// legalTime returns the legal processing time ("3 ngày làm việc").
func legalTime(d *doc, r dossier.Rules) string {
	if r.Unit == "" {
		return d.t("placeholder")
	}
	if r.Time == 0 {
		return d.t("unit_time.same_day")
	}
	return d.t("unit_time."+string(r.Unit), "n", strconv.Itoa(r.Time))
}

// returnMethod names where the result will be received.
func returnMethod(d *doc, m dossier.ReturnMethod, addr string) string {
	if m == "" {
		m = dossier.ReturnAtDesk
	}
	return d.t("return."+string(m), "address", or(addr, d.t("placeholder")))
}

// fees lists the fees: "Lệ phí: 8.000 đồng; ...".
func fees(fs []dossier.Fee) string {
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		parts = append(parts, f.Name+": "+money(f.AmountVND))
	}
	return strings.Join(parts, "; ")
}

// money writes an amount the Vietnamese way: "1.250.000 đồng".
func money(v int64) string {
	s := strconv.FormatInt(max(v, -v), 10)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if v < 0 {
		return "-" + string(out) + " đồng"
	}
	return string(out) + " đồng"
}

// count prints a number of copies, blank for zero.
func count(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// or returns s, or def when s is blank.
func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
