package account

import (
	"regexp"
	"strings"
	"time"

	"motcua/internal/fault"
)

// User is an officer's account.
type User struct {
	ID       int64
	Username string
	FullName string
	UnitID   int64
	UnitCode string
	UnitName string
	UnitPath string
	Roles    []Role
	Active   bool
	// FailedLogins counts consecutive failed logins; LockedUntil is set when they reach the limit.
	FailedLogins int
	LockedUntil  time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Principal returns the principal acting as this user.
func (u User) Principal() Principal {
	return Principal{UserID: u.ID, Username: u.Username, FullName: u.FullName, UnitID: u.UnitID,
		UnitCode: u.UnitCode, UnitPath: u.UnitPath, Roles: u.Roles}
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 8

// UserInput is what an administrator gives to create a user.
type UserInput struct {
	Username string
	FullName string
	UnitCode string
	Roles    []string
	Password string
}

// Normalize trims spaces and lower-cases the username.
func (in *UserInput) Normalize() {
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.FullName = strings.Join(strings.Fields(in.FullName), " ")
	in.UnitCode = strings.ToUpper(strings.TrimSpace(in.UnitCode))
}

// Validate checks the input alone and returns an Invalid error naming every bad field, or nil.
func (in UserInput) Validate() error {
	var f fault.Fields
	if !usernamePattern.MatchString(in.Username) {
		f.Add("username", "user.username.invalid")
	}
	if len([]rune(in.FullName)) > 120 {
		f.Add("full_name", "field.too_long", 120)
	}
	if !ValidCode(in.UnitCode) {
		f.Add("unit", "unit.code.invalid")
	}
	if len(in.Roles) == 0 {
		f.Add("role", "user.role.required")
	}
	for _, r := range in.Roles {
		if _, err := ParseRole(r); err != nil {
			f.Add("role", "user.role.invalid", r)
		}
	}
	if err := CheckPassword(in.Password); err != nil {
		f.Add("password", "user.password.too_short", MinPasswordLength)
	}
	return f.Err()
}

// CheckPassword returns an Invalid error on the field "password" when the password is too short.
func CheckPassword(pw string) error {
	if len([]rune(pw)) < MinPasswordLength {
		var f fault.Fields
		f.Add("password", "user.password.too_short", MinPasswordLength)
		return f.Err()
	}
	return nil
}

// Login throttling: after MaxFailedLogins consecutive failures an account is locked for LockDuration.
const (
	MaxFailedLogins = 5
	LockDuration    = 15 * time.Minute
)
