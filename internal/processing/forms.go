package processing

import (
	"bytes"
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/form"
)

// LookupURL returns the public lookup address of a dossier, which the QR code of its forms carries:
// it opens the dossier's status directly. Empty without a public address.
func (s *Service) LookupURL(d dossier.Dossier) string {
	if s.PublicURL == "" || d.Code == "" {
		return ""
	}
	return strings.TrimRight(s.PublicURL, "/") + "/lookup?" + url.Values{"code": {d.Code}, "secret": {d.LookupSecret}}.Encode()
}

// formContext names the unit that issues a form, its parent body and the place of the date line.
func (s *Service) formContext(ctx context.Context, unitCode string) (form.Context, error) {
	units, err := s.Store.Units(ctx)
	if err != nil {
		return form.Context{}, err
	}
	byCode := map[string]account.Unit{}
	for _, u := range units {
		byCode[u.Code] = u
	}
	u, ok := byCode[unitCode]
	if !ok {
		return form.Context{UnitName: unitCode}, nil
	}
	c := form.Context{UnitName: u.Name}
	if parent, ok := byCode[u.ParentCode]; ok {
		c.ParentName = parent.Name
	}
	for x, n := u, 0; n < 10; n++ { // the place is the province's name, as on official papers
		if x.Kind == account.Province {
			c.Place = placeName(x.Name)
			break
		}
		next, ok := byCode[x.ParentCode]
		if !ok {
			break
		}
		x = next
	}
	return c, nil
}

// placeName strips the administrative level from a province's name: "Tỉnh Bắc Ninh" → "Bắc Ninh".
func placeName(name string) string {
	for _, prefix := range []string{"Tỉnh ", "Thành phố ", "TP. ", "TP "} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			return rest
		}
	}
	return name
}

// issuer is the unit a form of the dossier is issued by: the competent office for the apology and
// the stop notice, the receiving desk for the others.
func issuer(k form.Kind, d dossier.Dossier) string {
	if k == form.Apology || k == form.Stop {
		return d.CompetentUnit
	}
	return d.ReceivingUnit
}

// PrintForm renders a form of a dossier as PDF for an officer who works on it, in the dossier's set
// of forms unless set names one ("2025", "2018"). Errors: Invalid (unknown form or set), Conflict
// (the form does not apply to the dossier now), NotFound, Forbidden.
func (s *Service) PrintForm(ctx context.Context, p account.Principal, code string, k form.Kind, set string) ([]byte, dossier.Dossier, error) {
	d, events, err := s.Get(ctx, p, code)
	if err != nil {
		return nil, d, err
	}
	return s.render(ctx, k, set, d, events)
}

// PublicReceipt renders the receipt (Mẫu 01) for the applicant, found by code and lookup secret as
// in Lookup. Errors: NotFound (unknown code or wrong secret, the same), Conflict (not received).
func (s *Service) PublicReceipt(ctx context.Context, code, secret string) ([]byte, dossier.Dossier, error) {
	found, _, err := s.Lookup(ctx, code, secret)
	if err != nil {
		return nil, found, err
	}
	d, err := s.Store.DossierByCode(ctx, found.Code)
	if err != nil {
		return nil, d, err
	}
	events, err := s.Store.DossierEvents(ctx, d.Code)
	if err != nil {
		return nil, d, err
	}
	return s.render(ctx, form.Receipt, "", d, events)
}

func (s *Service) render(ctx context.Context, k form.Kind, set string, d dossier.Dossier, events []dossier.Event) ([]byte, dossier.Dossier, error) {
	c, err := s.formContext(ctx, issuer(k, d))
	if err != nil {
		return nil, d, err
	}
	c.LookupURL = s.LookupURL(d)
	if k == form.Receipt && !d.ReceivedAt.IsZero() && d.Code != "" {
		n, err := s.Store.RegisterEntry(ctx, d.ReceivingUnit, d.Code, d.ReceivedAt)
		if err != nil {
			return nil, d, err
		}
		c.Book, c.Entry = strconv.Itoa(d.ReceivedAt.In(calendar.Location).Year()), strconv.Itoa(n)
	}
	var buf bytes.Buffer
	if err := form.Render(&buf, k, set, d, events, c); err != nil {
		return nil, d, err
	}
	return buf.Bytes(), d, nil
}

// PrintGuidance renders a desk guidance (Mẫu 02 with no dossier) for an officer of its unit.
func (s *Service) PrintGuidance(ctx context.Context, p account.Principal, id int64) ([]byte, error) {
	g, unit, err := s.Guidance(ctx, p, id)
	if err != nil {
		return nil, err
	}
	c, err := s.formContext(ctx, unit)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := form.RenderGuidance(&buf, "", g, c.UnitName, c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Register formats.
const (
	RegisterPDF  = "pdf"
	RegisterXLSX = "xlsx"
)

// PrintRegister renders the register of a unit for a period (see Register) as PDF or Excel, in the
// set of forms in force at the period's end.
func (s *Service) PrintRegister(ctx context.Context, p account.Principal, unitCode string, from, to time.Time, format string) ([]byte, error) {
	if format != RegisterPDF && format != RegisterXLSX {
		var f fault.Fields
		f.Add("format", "register.format_invalid", format)
		return nil, f.Err()
	}
	unit, rows, err := s.Register(ctx, p, unitCode, from, to)
	if err != nil {
		return nil, err
	}
	c, err := s.formContext(ctx, unit.Code)
	if err != nil {
		return nil, err
	}
	set := form.Set2025
	if startOfDay(to).Before(form.Switch) {
		set = form.Set2018
	}
	var buf bytes.Buffer
	if format == RegisterXLSX {
		err = form.RegisterXLSX(&buf, set, rows, c.UnitName, startOfDay(from), startOfDay(to))
	} else {
		err = form.RenderRegister(&buf, set, rows, c.UnitName, startOfDay(from), startOfDay(to), c)
	}
	return buf.Bytes(), err
}
