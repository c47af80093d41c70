package main

import (
	"context"
	"fmt"
	"strings"

	"motcua/internal/account"
)

// user runs the account subcommands: create, reset-password, list.
func (a *app) user(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: motcua user create|reset-password|list [flags]")
	}
	sub, args := args[0], args[1:]
	var c commonFlags
	fs := a.flags("user "+sub, &c)
	username := fs.String("username", "", "login name")
	fullName := fs.String("full-name", "", "full name")
	unit := fs.String("unit", "", "identifier of the user's unit")
	var roles stringList
	fs.Var(&roles, "role", "role (repeatable): administrator, reception, specialist, head, leader, clerk, controller, inspector")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, svc, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	p := a.cli()
	switch sub {
	case "create":
		pw, err := a.readPassword()
		if err != nil {
			return err
		}
		u, err := svc.CreateUser(ctx, p, account.UserInput{Username: *username, FullName: *fullName, UnitCode: *unit,
			Roles: roles, Password: pw})
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "created user %s (%s) in %s\n", u.Username, strings.Join(roleNames(u.Roles), ", "), u.UnitCode)
	case "reset-password":
		pw, err := a.readPassword()
		if err != nil {
			return err
		}
		if err := svc.ResetPassword(ctx, p, *username, pw); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "password of %s reset; its sessions have ended\n", *username)
	case "list":
		users, err := svc.Users(ctx, p)
		if err != nil {
			return err
		}
		if *asJSON {
			type userJSON struct {
				Username string   `json:"username"`
				FullName string   `json:"full_name"`
				Unit     string   `json:"unit"`
				Roles    []string `json:"roles"`
				Active   bool     `json:"active"`
			}
			out := make([]userJSON, 0, len(users))
			for _, u := range users {
				out = append(out, userJSON{u.Username, u.FullName, u.UnitCode, roleNames(u.Roles), u.Active})
			}
			return a.printJSON(out)
		}
		var rows [][]string
		for _, u := range users {
			active := "active"
			if !u.Active {
				active = "inactive"
			}
			rows = append(rows, []string{u.Username, u.FullName, u.UnitCode, strings.Join(roleNames(u.Roles), ","), active})
		}
		return a.table([]string{"USERNAME", "FULL NAME", "UNIT", "ROLES", "STATUS"}, rows)
	default:
		return fmt.Errorf("unknown user command %q (create|reset-password|list)", sub)
	}
	return nil
}

func roleNames(rs []account.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
