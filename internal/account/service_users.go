package account

import (
	"context"
	"strings"
	"sync"
	"time"

	"motcua/internal/fault"
)

// CreateUser validates and creates an account in a unit of the principal's scope, hashing the
// password with argon2id. Errors: Invalid (naming the field), Forbidden, Conflict (username taken).
func (s *Service) CreateUser(ctx context.Context, p Principal, in UserInput) (User, error) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		return User{}, err
	}
	unit, err := s.Store.UnitByCode(ctx, in.UnitCode)
	if fault.Is(err, fault.NotFound) {
		var f fault.Fields
		f.Add("unit", "unit.not_found", in.UnitCode)
		return User{}, f.Err()
	}
	if err != nil {
		return User{}, err
	}
	if err := Authorize(p, ManageUsers, unit.Path); err != nil {
		return User{}, err
	}
	if unit.ValidTo != "" {
		var f fault.Fields
		f.Add("unit", "unit.closed", unit.Code, unit.ValidTo)
		return User{}, f.Err()
	}
	hash, err := HashPassword(in.Password, s.hashParams())
	if err != nil {
		return User{}, fault.Wrap(err, "hash password")
	}
	u := User{Username: in.Username, FullName: in.FullName, UnitID: unit.ID, UnitCode: unit.Code,
		UnitName: unit.Name, UnitPath: unit.Path, Roles: parseRoles(in.Roles), Active: true}
	if u.FullName == "" {
		u.FullName = u.Username
	}
	return s.Store.CreateUser(ctx, p, u, hash)
}

// parseRoles converts validated role names, dropping duplicates and keeping account.Roles order.
func parseRoles(names []string) []Role {
	var out []Role
	for _, r := range Roles {
		for _, n := range names {
			if string(r) == n {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// Users lists the accounts within the principal's scope.
func (s *Service) Users(ctx context.Context, p Principal) ([]User, error) {
	if err := Authorize(p, ViewUsers, p.UnitPath); err != nil {
		return nil, err
	}
	return s.Store.Users(ctx, p.UnitPath)
}

// User returns one account the principal may see. Errors: NotFound, Forbidden.
func (s *Service) User(ctx context.Context, p Principal, username string) (User, error) {
	u, _, err := s.Store.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return u, err
	}
	return u, Authorize(p, ViewUsers, u.UnitPath)
}

// UserUpdate is what an administrator may change on an account.
type UserUpdate struct {
	FullName string
	Roles    []string
	Active   bool
}

// UpdateUser changes an account's name, roles and active flag. An administrator cannot remove their
// own administrator role or deactivate themselves. Errors: Invalid, NotFound, Forbidden.
func (s *Service) UpdateUser(ctx context.Context, p Principal, username string, up UserUpdate) (User, error) {
	before, _, err := s.Store.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return before, err
	}
	if err := Authorize(p, ManageUsers, before.UnitPath); err != nil {
		return before, err
	}
	var f fault.Fields
	up.FullName = strings.Join(strings.Fields(up.FullName), " ")
	if up.FullName == "" {
		f.Add("full_name", "field.required")
	} else if len([]rune(up.FullName)) > 120 {
		f.Add("full_name", "field.too_long", 120)
	}
	if len(up.Roles) == 0 {
		f.Add("role", "user.role.required")
	}
	for _, r := range up.Roles {
		if _, err := ParseRole(r); err != nil {
			f.Add("role", "user.role.invalid", r)
		}
	}
	after := before
	after.FullName, after.Roles, after.Active = up.FullName, parseRoles(up.Roles), up.Active
	if before.ID == p.UserID && (!after.Active || !after.Principal().Has(Administrator)) {
		f.Add("role", "user.self_lockout")
	}
	if err := f.Err(); err != nil {
		return before, err
	}
	return after, s.Store.UpdateUser(ctx, p, before, after)
}

// ResetPassword sets a new password for an account in the principal's scope and ends its sessions.
func (s *Service) ResetPassword(ctx context.Context, p Principal, username, password string) error {
	u, _, err := s.Store.UserByUsername(ctx, strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return err
	}
	if err := Authorize(p, ManageUsers, u.UnitPath); err != nil {
		return err
	}
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.hashParams())
	if err != nil {
		return fault.Wrap(err, "hash password")
	}
	return s.Store.SetPassword(ctx, p, u, hash, "")
}

// ChangePassword lets a signed-in user change their own password after giving the current one; the
// user's other sessions end, the one given by keepSession stays. Errors: Invalid (naming the field).
func (s *Service) ChangePassword(ctx context.Context, p Principal, current, next, keepSession string) error {
	u, hash, err := s.Store.UserByUsername(ctx, p.Username)
	if err != nil {
		return err
	}
	var f fault.Fields
	if ok, _ := VerifyPassword(current, hash); !ok {
		f.Add("current", "user.password.wrong")
	}
	if err := CheckPassword(next); err != nil {
		f.Add("password", "user.password.too_short", MinPasswordLength)
	} else if next == current {
		f.Add("password", "user.password.unchanged")
	}
	if err := f.Err(); err != nil {
		return err
	}
	newHash, err := HashPassword(next, s.hashParams())
	if err != nil {
		return fault.Wrap(err, "hash password")
	}
	return s.Store.SetPassword(ctx, p, u, newHash, keepSession)
}

// dummyHash is verified when a username does not exist, so that unknown names take as long as
// wrong passwords. It is made on first use.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("motcua-dummy-password", DefaultHashParams)
	return h
})

// Login checks a username and password at instant now and starts a session, returning the cookie
// token. Failures are Unauthorized: "login.failed" for unknown names, wrong passwords and inactive
// accounts alike, "login.locked" (with the minutes left) while throttled.
func (s *Service) Login(ctx context.Context, username, password string, now time.Time) (string, Session, User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	u, hash, err := s.Store.UserByUsername(ctx, username)
	if fault.Is(err, fault.NotFound) {
		_, _ = VerifyPassword(password, dummyHash())
		return "", Session{}, u, fault.New(fault.Unauthorized, "login.failed")
	}
	if err != nil {
		return "", Session{}, u, err
	}
	if u.LockedUntil.After(now) {
		return "", Session{}, u, lockedErr(u.LockedUntil, now)
	}
	ok, err := VerifyPassword(password, hash)
	if err != nil {
		return "", Session{}, u, fault.Wrap(err, "verify password")
	}
	if !ok || !u.Active {
		until, err := s.Store.RecordLoginFailure(ctx, u)
		if err != nil {
			return "", Session{}, u, err
		}
		if !until.IsZero() {
			return "", Session{}, u, lockedErr(until, now)
		}
		return "", Session{}, u, fault.New(fault.Unauthorized, "login.failed")
	}
	token, tokenHash, err := NewToken()
	if err != nil {
		return "", Session{}, u, fault.Wrap(err, "token")
	}
	csrf, _, err := NewToken()
	if err != nil {
		return "", Session{}, u, fault.Wrap(err, "token")
	}
	sess := Session{TokenHash: tokenHash, UserID: u.ID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.Store.StartSession(ctx, sess); err != nil {
		return "", Session{}, u, err
	}
	return token, sess, u, nil
}

func lockedErr(until, now time.Time) error {
	minutes := int(until.Sub(now).Minutes()) + 1
	return fault.New(fault.Unauthorized, "login.locked", minutes)
}

// Authenticate returns the session and user for a cookie token at instant now, sliding the expiry
// forward when more than half of the lifetime has passed. Errors: Unauthorized.
func (s *Service) Authenticate(ctx context.Context, token string, now time.Time) (Session, User, error) {
	if token == "" {
		return Session{}, User{}, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	sess, u, err := s.Store.SessionUser(ctx, HashToken(token), now)
	if fault.Is(err, fault.NotFound) {
		return sess, u, fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if err != nil {
		return sess, u, err
	}
	if sess.ExpiresAt.Sub(now) < SessionLifetime/2 {
		sess.ExpiresAt = now.Add(SessionLifetime)
		if err := s.Store.ExtendSession(ctx, sess.TokenHash, sess.ExpiresAt); err != nil {
			return sess, u, err
		}
	}
	return sess, u, nil
}

// Logout ends the session of a cookie token.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.Store.EndSession(ctx, HashToken(token))
}
