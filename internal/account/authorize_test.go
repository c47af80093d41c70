package account_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/store"
)

// allowed is the expected grant table, written out independently of the code's: role → actions.
var allowed = map[account.Role]string{
	account.Administrator: "units.view units.manage users.view users.manage audit.view calendar.manage catalog.manage reports.view",
	account.Reception:     "units.view dossiers.view dossiers.receive feedback.handle",
	account.Specialist:    "units.view dossiers.view dossiers.process",
	account.Head:          "units.view users.view dossiers.view dossiers.process reports.view feedback.handle",
	account.Leader:        "units.view users.view dossiers.view dossiers.process reports.view feedback.handle",
	account.Clerk:         "units.view dossiers.view dossiers.process",
	account.Controller:    "units.view dossiers.view catalog.manage reports.view feedback.handle",
	account.Inspector:     "units.view users.view dossiers.view reports.view audit.view",
}

func contains(list string, a account.Action) bool {
	for _, x := range splitFields(list) {
		if x == string(a) {
			return true
		}
	}
	return false
}

func splitFields(s string) []string {
	var out []string
	cur := ""
	for _, r := range s + " " {
		if r == ' ' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(r)
	}
	return out
}

// TestAuthorizeMatrix checks every role × action × (own unit, a unit below it, another commune,
// the parent province): only own and below are ever allowed, and only for granted actions.
func TestAuthorizeMatrix(t *testing.T) {
	const own, below, other, parent = "/1/2/", "/1/2/7/", "/1/3/", "/1/"
	for _, role := range account.Roles {
		p := account.Principal{UserID: 9, Username: "u", UnitPath: own, Roles: []account.Role{role}}
		for _, action := range account.Actions {
			for _, target := range []struct {
				name, path string
				inScope    bool
			}{{"own", own, true}, {"below", below, true}, {"other commune", other, false}, {"parent", parent, false}} {
				want := target.inScope && contains(allowed[role], action)
				err := account.Authorize(p, action, target.path)
				if (err == nil) != want {
					t.Errorf("%s %s on %s unit: allowed=%v, want %v", role, action, target.name, err == nil, want)
				}
				if err != nil && fault.KindOf(err) != fault.Forbidden {
					t.Errorf("%s %s: error kind %s, want forbidden", role, action, fault.KindOf(err))
				}
			}
		}
	}
	if err := account.Authorize(account.Principal{}, account.ViewUnits, own); fault.KindOf(err) != fault.Unauthorized {
		t.Errorf("anonymous: %v, want unauthorized", err)
	}
	// A path that merely starts with the same digits is another unit: /1/2/ must not cover /1/23/.
	p := account.Principal{UnitPath: own, Roles: []account.Role{account.Administrator}}
	if account.Authorize(p, account.ManageUnits, "/1/23/") == nil {
		t.Error("/1/2/ was allowed on /1/23/")
	}
}

// TestServiceEnforcesScope runs the real service over a real database: an officer of one commune
// can read and change their own commune's units and accounts and never another commune's.
func TestServiceEnforcesScope(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "m.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	svc := &account.Service{Store: db, Hash: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}
	sys := account.System("test")
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.01.21.H06", Name: "Xã A", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.01.01.H06", Name: "Văn phòng xã A", Kind: "office", ParentCode: "000.01.21.H06", ValidFrom: "2025-07-01"},
		{Code: "000.02.21.H06", Name: "Xã B", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.02.01.H06", Name: "Văn phòng xã B", Kind: "office", ParentCode: "000.02.21.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := svc.CreateUnit(ctx, sys, in, now); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"a.target", "b.target"} {
		unit := "000.01.01.H06"
		if u == "b.target" {
			unit = "000.02.01.H06"
		}
		if _, err := svc.CreateUser(ctx, sys, account.UserInput{Username: u, UnitCode: unit, Roles: []string{"clerk"}, Password: "12345678"}); err != nil {
			t.Fatal(err)
		}
	}
	// The actions the service exposes today, each run against commune A's (own) or B's (other) data.
	type op struct {
		action account.Action
		run    func(p account.Principal, office, commune, user string) error
	}
	ops := map[string]op{
		"view unit": {account.ViewUnits, func(p account.Principal, office, _, _ string) error { _, err := svc.Unit(ctx, p, office); return err }},
		"rename unit": {account.ManageUnits, func(p account.Principal, office, _, _ string) error {
			return svc.RenameUnit(ctx, p, office, "Tên mới", "", now)
		}},
		"create unit": {account.ManageUnits, func(p account.Principal, _, commune, _ string) error {
			_, err := svc.CreateUnit(ctx, p, account.UnitInput{Code: commune[:7] + "77.H06", Name: "Phòng mới", Kind: "office", ParentCode: commune}, now)
			if fault.Is(err, fault.Conflict) {
				return nil
			}
			return err
		}},
		"view user": {account.ViewUsers, func(p account.Principal, _, _, user string) error { _, err := svc.User(ctx, p, user); return err }},
		"reset password": {account.ManageUsers, func(p account.Principal, _, _, user string) error {
			return svc.ResetPassword(ctx, p, user, "mat-khau-moi")
		}},
		"create user": {account.ManageUsers, func(p account.Principal, office, _, _ string) error {
			_, err := svc.CreateUser(ctx, p, account.UserInput{Username: fmt.Sprintf("n%d", time.Now().UnixNano()), UnitCode: office, Roles: []string{"clerk"}, Password: "12345678"})
			return err
		}},
	}
	communeA, _ := db.UnitByCode(ctx, "000.01.21.H06")
	for _, role := range account.Roles {
		p := account.Principal{UserID: 1000, Username: "actor", UnitID: communeA.ID, UnitCode: communeA.Code, UnitPath: communeA.Path, Roles: []account.Role{role}}
		for name, o := range ops {
			for _, side := range []struct {
				name, office, commune, user string
				own                         bool
			}{{"own", "000.01.01.H06", "000.01.21.H06", "a.target", true}, {"other", "000.02.01.H06", "000.02.21.H06", "b.target", false}} {
				err := o.run(p, side.office, side.commune, side.user)
				want := side.own && contains(allowed[role], o.action)
				if want && err != nil {
					t.Errorf("%s may %s in %s commune but got %v", role, name, side.name, err)
				}
				if !want && fault.KindOf(err) != fault.Forbidden {
					t.Errorf("%s must not %s in %s commune: got %v", role, name, side.name, err)
				}
			}
		}
	}
}
