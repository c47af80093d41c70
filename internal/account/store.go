package account

import (
	"context"
	"time"
)

// Store is what the account service needs from storage. Every write records its audit entry in the
// same transaction. Lookups return a NotFound fault error when nothing matches.
type Store interface {
	UnitByCode(ctx context.Context, code string) (Unit, error)
	Units(ctx context.Context) ([]Unit, error)
	UnitHistory(ctx context.Context) ([]UnitVersion, error)
	CreateUnit(ctx context.Context, actor Principal, u Unit, parent *Unit) (Unit, error)
	RenameUnit(ctx context.Context, actor Principal, u Unit, name, from string) error
	MoveUnit(ctx context.Context, actor Principal, u Unit, parent Unit, from string) error
	CloseUnit(ctx context.Context, actor Principal, u Unit, on string, successor *Unit) error

	UserByUsername(ctx context.Context, username string) (User, string, error)
	Users(ctx context.Context, scopePath string) ([]User, error)
	CreateUser(ctx context.Context, actor Principal, u User, hash string) (User, error)
	UpdateUser(ctx context.Context, actor Principal, before, after User) error
	SetPassword(ctx context.Context, actor Principal, u User, hash, keepSession string) error
	RecordLoginFailure(ctx context.Context, u User) (time.Time, error)

	StartSession(ctx context.Context, s Session) error
	SessionUser(ctx context.Context, tokenHash string, now time.Time) (Session, User, error)
	EndSession(ctx context.Context, tokenHash string) error
	ExtendSession(ctx context.Context, tokenHash string, expires time.Time) error
}
