package account

import (
	"context"
	"strings"
	"sync"
	"time"

	"motcua/internal/fault"
)

// APIToken is a long-lived credential for an integration, acting with its user's roles and unit.
type APIToken struct {
	TokenHash  string
	UserID     int64
	Username   string
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
}

// TokenStore is what API tokens need from storage.
type TokenStore interface {
	CreateToken(ctx context.Context, actor Principal, u User, t APIToken) error
	TokenUser(ctx context.Context, tokenHash string) (User, error)
	TouchToken(ctx context.Context, tokenHash string, at time.Time) error
}

// Tokens issues and checks API tokens.
type Tokens struct {
	Store    TokenStore
	Accounts Store

	touched sync.Map // token hash → time.Time of the last recorded use
	users   sync.Map // token hash → tokenUser: the user behind a token, for TokenCacheTTL
}

// TokenCacheTTL is how long the user behind a token is remembered between requests: a busy
// integration is not looked up on every call, and a revoked token or deactivated user stops working
// within this time.
const TokenCacheTTL = 10 * time.Second

// tokenUser is a remembered answer of the store.
type tokenUser struct {
	u     User
	until time.Time
}

// tokenPrefix marks motcua tokens so that they are recognisable in logs and secret scanners.
const tokenPrefix = "mc_"

// Create issues a token for the user (who must be in the principal's scope and active) and returns
// it; only its hash is stored, so it cannot be shown again. Errors: NotFound, Forbidden, Invalid.
func (t *Tokens) Create(ctx context.Context, p Principal, username, name string, now time.Time) (string, error) {
	u, _, err := t.Accounts.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return "", err
	}
	if err := Authorize(p, ManageUsers, u.UnitPath); err != nil {
		return "", err
	}
	var f fault.Fields
	if !u.Active {
		f.Add("username", "token.user_inactive", u.Username)
	}
	name = strings.TrimSpace(name)
	if name == "" {
		name = "api"
	}
	if len([]rune(name)) > 100 {
		f.Add("name", "field.too_long", 100)
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	raw, hash, err := NewToken()
	if err != nil {
		return "", fault.Wrap(err, "token")
	}
	if err := t.Store.CreateToken(ctx, p, u, APIToken{TokenHash: hash, UserID: u.ID, Username: u.Username, Name: name, CreatedAt: now}); err != nil {
		return "", err
	}
	return tokenPrefix + raw, nil
}

// Authenticate returns the active user of a bearer token, recording its use. Errors: Unauthorized.
func (t *Tokens) Authenticate(ctx context.Context, token string, now time.Time) (User, error) {
	raw, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok || raw == "" {
		return User{}, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	hash := HashToken(raw)
	var u User
	var err error
	if c, ok := t.users.Load(hash); ok && now.Before(c.(tokenUser).until) {
		u = c.(tokenUser).u
	} else if u, err = t.Store.TokenUser(ctx, hash); err == nil {
		t.users.Store(hash, tokenUser{u: u, until: now.Add(TokenCacheTTL)})
	}
	if fault.Is(err, fault.NotFound) || (err == nil && !u.Active) {
		return User{}, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if err != nil {
		return User{}, err
	}
	// Record the use at most once a minute per token, sparing the single writer on busy integrations.
	if last, ok := t.touched.Load(hash); !ok || now.Sub(last.(time.Time)) > time.Minute {
		if err := t.Store.TouchToken(ctx, hash, now); err != nil {
			return User{}, err
		}
		t.touched.Store(hash, now)
	}
	return u, nil
}
