package account

import (
	"regexp"
	"strings"
	"time"

	"motcua/internal/fault"
)

// UnitKind is the administrative level of a unit.
type UnitKind string

// The kinds of unit (domain.md §2). Districts exist only until 30 June 2025.
const (
	Province UnitKind = "province"
	District UnitKind = "district"
	Commune  UnitKind = "commune"
	Office   UnitKind = "office"
)

// UnitKinds lists the kinds in display order.
var UnitKinds = []UnitKind{Province, District, Commune, Office}

// ParseUnitKind returns the kind named s, or an Invalid error on the field "kind".
func ParseUnitKind(s string) (UnitKind, error) {
	for _, k := range UnitKinds {
		if string(k) == s {
			return k, nil
		}
	}
	var f fault.Fields
	f.Add("kind", "unit.kind.invalid", s)
	return "", f.Err()
}

// Unit is an administrative unit or an office inside one.
type Unit struct {
	ID   int64
	Code string // mã định danh điện tử, e.g. 000.17.22.H56
	Name string
	Kind UnitKind
	// ParentID is 0 for a root unit.
	ParentID   int64
	ParentCode string
	// Path is "/<root id>/.../<own id>/", maintained by the store.
	Path      string
	ValidFrom string // YYYY-MM-DD
	ValidTo   string // YYYY-MM-DD, empty while the unit exists; the unit's last day is the day before
	// SuccessorCode names the unit that took over a closed or merged unit, if any.
	SuccessorCode string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// ActiveOn reports whether the unit exists on the given day (YYYY-MM-DD).
func (u Unit) ActiveOn(day string) bool {
	return u.ValidFrom <= day && (u.ValidTo == "" || day < u.ValidTo)
}

// codePattern is digits and A–Z in at least two dot-separated groups.
var codePattern = regexp.MustCompile(`^[0-9A-Z]+(\.[0-9A-Z]+)+$`)

// ValidCode reports whether s is a well-formed electronic identifier (Decision 20/2020/QĐ-TTg, e.g.
// 000.17.22.H56 or G22.26): 3 to 35 characters of digits and upper-case letters in at least two
// groups separated by single dots.
func ValidCode(s string) bool {
	return len(s) >= 3 && len(s) <= 35 && codePattern.MatchString(s)
}

// ValidDay reports whether s is a real calendar day written YYYY-MM-DD.
func ValidDay(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// UnitInput is what an administrator gives to create a unit.
type UnitInput struct {
	Code       string
	Name       string
	Kind       string
	ParentCode string
	ValidFrom  string
	ValidTo    string
}

// Normalize trims spaces and upper-cases identifiers.
func (in *UnitInput) Normalize() {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Kind = strings.TrimSpace(in.Kind)
	in.ParentCode = strings.ToUpper(strings.TrimSpace(in.ParentCode))
	in.ValidFrom = strings.TrimSpace(in.ValidFrom)
	in.ValidTo = strings.TrimSpace(in.ValidTo)
}

// Validate checks the input alone (not against other units) and returns an Invalid error naming
// every bad field, or nil.
func (in UnitInput) Validate() error {
	var f fault.Fields
	if !ValidCode(in.Code) {
		f.Add("code", "unit.code.invalid")
	}
	if in.Name == "" {
		f.Add("name", "field.required")
	} else if len([]rune(in.Name)) > 200 {
		f.Add("name", "field.too_long", 200)
	}
	if _, err := ParseUnitKind(in.Kind); err != nil {
		f.Add("kind", "unit.kind.invalid", in.Kind)
	}
	if in.ParentCode != "" && !ValidCode(in.ParentCode) {
		f.Add("parent", "unit.code.invalid")
	}
	if in.ValidFrom != "" && !ValidDay(in.ValidFrom) {
		f.Add("valid_from", "field.date.invalid")
	}
	if in.ValidTo != "" && !ValidDay(in.ValidTo) {
		f.Add("valid_to", "field.date.invalid")
	}
	if in.ValidFrom != "" && in.ValidTo != "" && ValidDay(in.ValidFrom) && ValidDay(in.ValidTo) && in.ValidTo <= in.ValidFrom {
		f.Add("valid_to", "unit.valid_to.before_from")
	}
	return f.Err()
}

// allowedChild says which kinds may sit directly under which.
var allowedChild = map[UnitKind][]UnitKind{
	Province: {District, Commune, Office},
	District: {Commune, Office},
	Commune:  {Office},
	Office:   {Office},
}

// CanContain reports whether a unit of kind child may be placed directly under a unit of kind parent.
func CanContain(parent, child UnitKind) bool {
	for _, k := range allowedChild[parent] {
		if k == child {
			return true
		}
	}
	return false
}

// TreeNode is a unit with its children, for showing the tree as of a date.
type TreeNode struct {
	Unit     Unit
	Children []*TreeNode
}

// BuildTree arranges units (in any order) into trees; units whose parent is absent become roots.
// Children keep the order of the input.
func BuildTree(units []Unit) []*TreeNode {
	nodes := make(map[int64]*TreeNode, len(units))
	for _, u := range units {
		nodes[u.ID] = &TreeNode{Unit: u}
	}
	var roots []*TreeNode
	for _, u := range units {
		n := nodes[u.ID]
		if p, ok := nodes[u.ParentID]; ok && u.ParentID != 0 {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}
