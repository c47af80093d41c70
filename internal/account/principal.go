package account

import (
	"strings"

	"motcua/internal/fault"
)

// Principal is who is acting: a signed-in officer, an API token's owner, or the command line.
type Principal struct {
	UserID   int64 // 0 for the command line
	Username string
	FullName string
	UnitID   int64
	UnitCode string
	// UnitPath is the path of the principal's unit; "/" means the whole installation.
	UnitPath string
	Roles    []Role
}

// System returns the principal used by the command line run by the machine's administrator: an
// administrator over every unit. name says who ran it (e.g. "cli").
func System(name string) Principal {
	return Principal{Username: name, UnitPath: "/", Roles: []Role{Administrator}}
}

// Has reports whether the principal holds the role.
func (p Principal) Has(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Can reports whether any of the principal's roles grants the action.
func (p Principal) Can(a Action) bool {
	for _, r := range p.Roles {
		if r.Grants(a) {
			return true
		}
	}
	return false
}

// InScope reports whether the unit with the given path is the principal's unit or below it.
func (p Principal) InScope(unitPath string) bool {
	if p.UnitPath == "" || unitPath == "" {
		return false
	}
	return strings.HasPrefix(unitPath, p.UnitPath)
}

// Authorize is the one place where access is decided: the principal must hold a role granting the
// action, and the target unit (by path) must be inside the principal's scope. It returns nil, an
// Unauthorized error for an anonymous principal, or a Forbidden error.
func Authorize(p Principal, a Action, unitPath string) error {
	if p.UnitPath == "" {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Can(a) || !p.InScope(unitPath) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	return nil
}
