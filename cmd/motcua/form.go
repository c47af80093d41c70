package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/form"
	"motcua/internal/processing"
	"motcua/internal/workcal"
)

const formUsage = "usage: motcua form receipt|supplement|refusal|apology|stop|control --dossier CODE --out FILE.pdf [--set 2025|2018]\n" +
	"       motcua form register --unit ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf|FILE.xlsx"

// formCmd prints a form of a dossier, or a unit's register, to a file: the same content as the
// pages print.
func (a *app) formCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || !slices.Contains(form.Kinds(), form.Kind(args[0])) {
		return fmt.Errorf("%s", formUsage)
	}
	kind := form.Kind(args[0])
	var c commonFlags
	fs := a.flags("form "+args[0], &c)
	code := fs.String("dossier", "", "the dossier's code")
	set := fs.String("set", "", "the set of forms: 2025 or 2018 (default: the set in force when the dossier was received)")
	unit := fs.String("unit", "", "register: the unit's identifier")
	from := fs.String("from", "", "register: first day, YYYY-MM-DD")
	to := fs.String("to", "", "register: last day, YYYY-MM-DD")
	out := fs.String("out", "", "the file to write (.pdf, or .xlsx for the register)")
	publicURL := fs.String("public-url", a.getenv("MOTCUA_PUBLIC_URL"), "address of the public site, for the QR code's lookup link (env MOTCUA_PUBLIC_URL)")
	if err := fs.Parse(reorder(args[1:])); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("form %s: --out FILE is required\n%s", kind, formUsage)
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	cat := &catalog.Service{Store: db}
	svc := &processing.Service{Store: db, Catalog: cat, Calendar: &workcal.Service{Store: db, Now: a.now}, PublicURL: *publicURL}
	// The command line reads every dossier, as an inspector of the whole tree would.
	reader := account.Principal{Username: a.cli().Username, FullName: a.cli().FullName, UnitPath: "/", Roles: []account.Role{account.Inspector}}
	var data []byte
	if kind == form.Register {
		data, err = a.register(ctx, svc, reader, *unit, *from, *to, *out)
	} else {
		if strings.TrimSpace(*code) == "" {
			return fmt.Errorf("form %s: --dossier CODE is required\n%s", kind, formUsage)
		}
		if strings.ToLower(filepath.Ext(*out)) != ".pdf" {
			return fmt.Errorf("form %s: --out must name a .pdf file", kind)
		}
		data, _, err = svc.PrintForm(ctx, reader, *code, kind, *set)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: %d bytes\n", *out, len(data))
	return nil
}

// register prints a unit's register for a period, as PDF or Excel by the output's extension.
func (a *app) register(ctx context.Context, svc *processing.Service, p account.Principal, unit, from, to, out string) ([]byte, error) {
	var f fault.Fields
	day := func(field, v string) time.Time {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), calendar.Location)
		if err != nil {
			f.Add(field, "register.date_invalid", v)
		}
		return t
	}
	if strings.TrimSpace(unit) == "" {
		f.Add("unit", "dossier.required")
	}
	start, end := day("from", from), day("to", to)
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	if format != processing.RegisterPDF && format != processing.RegisterXLSX {
		f.Add("out", "register.format_invalid", format)
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return svc.PrintRegister(ctx, p, unit, start, end, format)
}
