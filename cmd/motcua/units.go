package main

import (
	"context"
	"fmt"

	"motcua/internal/account"
)

// unit runs the unit subcommands: create, list, rename, move, close, merge.
func (a *app) unit(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: motcua unit create|list|rename|move|close|merge [flags]")
	}
	sub, args := args[0], args[1:]
	var c commonFlags
	fs := a.flags("unit "+sub, &c)
	code := fs.String("code", "", "unit identifier (mã định danh), e.g. 000.17.22.H56")
	name := fs.String("name", "", "unit name")
	kind := fs.String("kind", "", "province|district|commune|office")
	parent := fs.String("parent", "", "identifier of the parent unit")
	validFrom := fs.String("valid-from", "", "first day, YYYY-MM-DD (default today)")
	validTo := fs.String("valid-to", "", "day the unit stops existing, YYYY-MM-DD")
	from := fs.String("from", "", "day the change takes effect, YYYY-MM-DD (default today)")
	on := fs.String("on", "", "closing day, YYYY-MM-DD (default today)")
	into := fs.String("into", "", "identifier of the unit that takes over (merge)")
	successor := fs.String("successor", "", "identifier of the successor unit (close)")
	date := fs.String("date", "", "list the structure as of this day, YYYY-MM-DD")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, svc, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	p, now := a.cli(), a.now()
	switch sub {
	case "create":
		u, err := svc.CreateUnit(ctx, p, account.UnitInput{Code: *code, Name: *name, Kind: *kind, ParentCode: *parent,
			ValidFrom: *validFrom, ValidTo: *validTo}, now)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "created unit %s %q\n", u.Code, u.Name)
	case "list":
		return a.listUnits(ctx, svc, *date, *asJSON)
	case "rename":
		err = svc.RenameUnit(ctx, p, *code, *name, *from, now)
	case "move":
		err = svc.MoveUnit(ctx, p, *code, *parent, *from, now)
	case "close":
		err = svc.CloseUnit(ctx, p, *code, *on, *successor, now)
	case "merge":
		if *into == "" {
			return fmt.Errorf("unit merge: --into is required")
		}
		err = svc.CloseUnit(ctx, p, *code, *on, *into, now)
	default:
		return fmt.Errorf("unknown unit command %q (create|list|rename|move|close|merge)", sub)
	}
	if err == nil && sub != "create" {
		fmt.Fprintf(a.stdout, "unit %s: %s done\n", *code, sub)
	}
	return err
}

// unitJSON is the shape of "unit list --json".
type unitJSON struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Parent    string `json:"parent,omitempty"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to,omitempty"`
	Successor string `json:"successor,omitempty"`
}

func (a *app) listUnits(ctx context.Context, svc *account.Service, date string, asJSON bool) error {
	p := a.cli()
	var units []account.Unit
	if date != "" {
		roots, err := svc.Tree(ctx, p, date, a.now())
		if err != nil {
			return err
		}
		var walk func(ns []*account.TreeNode)
		walk = func(ns []*account.TreeNode) {
			for _, n := range ns {
				units = append(units, n.Unit)
				walk(n.Children)
			}
		}
		walk(roots)
	} else {
		var err error
		if units, err = svc.Units(ctx, p); err != nil {
			return err
		}
	}
	if asJSON {
		out := make([]unitJSON, 0, len(units))
		for _, u := range units {
			out = append(out, unitJSON{Code: u.Code, Name: u.Name, Kind: string(u.Kind), Parent: u.ParentCode,
				ValidFrom: u.ValidFrom, ValidTo: u.ValidTo, Successor: u.SuccessorCode})
		}
		return a.printJSON(out)
	}
	var rows [][]string
	for _, u := range units {
		rows = append(rows, []string{u.Code, u.Name, string(u.Kind), u.ParentCode, u.ValidFrom, u.ValidTo})
	}
	return a.table([]string{"CODE", "NAME", "KIND", "PARENT", "FROM", "TO"}, rows)
}
