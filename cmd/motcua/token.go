package main

import (
	"context"
	"fmt"

	"motcua/internal/account"
)

// token runs "token create --username U [--name LABEL]": it prints a new API token acting with that
// user's roles and unit. The token is shown once; only its hash is kept.
func (a *app) token(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("usage: motcua token create --username U [--name LABEL]")
	}
	var c commonFlags
	fs := a.flags("token create", &c)
	username := fs.String("username", "", "the user the token acts as")
	name := fs.String("name", "", "a label to recognise the token by (e.g. the integration's name)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	db, _, err := a.open(ctx, c.db)
	if err != nil {
		return err
	}
	defer db.Close()
	tokens := &account.Tokens{Store: db, Accounts: db}
	tok, err := tokens.Create(ctx, a.cli(), *username, *name, a.now())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, tok)
	return nil
}
