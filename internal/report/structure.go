package report

import (
	"sort"
	"time"

	"motcua/internal/account"
)

// Mark says why a row of a by-unit report stands apart from the current units under the chosen one.
type Mark string

// The marks of by-unit rows.
const (
	MarkNone      Mark = ""
	MarkOwn       Mark = "own"       // the chosen unit's own desk
	MarkMerged    Mark = "merged"    // a unit closed into a successor before the structure's day (đã sáp nhập)
	MarkAbolished Mark = "abolished" // a unit closed without a successor (đã giải thể)
	MarkLater     Mark = "later"     // a unit established after the structure's day
)

// LabelVI is the Vietnamese note printed after a marked row's name, e.g. "(đã sáp nhập)"; empty for
// an unmarked row.
func (m Mark) LabelVI() string {
	switch m {
	case MarkOwn:
		return "(tại đơn vị)"
	case MarkMerged:
		return "(đã sáp nhập)"
	case MarkAbolished:
		return "(đã giải thể)"
	case MarkLater:
		return "(thành lập sau)"
	}
	return ""
}

// Structure is the tree of units as it stood on one day: the units that existed that day with the
// name and parent they had, and the others (closed before, or established after) placed where they
// last (or first) stood, so that their history can still be found and, on request, rolled up to the
// unit that took them over.
type Structure struct {
	Day      string // YYYY-MM-DD
	units    map[string]account.Unit
	order    []string // parents before children, as given
	children map[string][]string
}

// NewStructure arranges every unit (in any order, parents first for a natural row order) with the
// history of names and parents (account.UnitVersion) as of day (YYYY-MM-DD). A unit that did not
// exist on day keeps the name and parent of its last day (closed units) or of its first day (units
// established later).
func NewStructure(units []account.Unit, history []account.UnitVersion, day string) *Structure {
	versions := map[int64][]account.UnitVersion{}
	for _, v := range history {
		versions[v.UnitID] = append(versions[v.UnitID], v)
	}
	codeOf := map[int64]string{}
	for _, u := range units {
		codeOf[u.ID] = u.Code
	}
	s := &Structure{Day: day, units: map[string]account.Unit{}, children: map[string][]string{}}
	for _, u := range units {
		ref := day
		switch {
		case u.ValidTo != "" && u.ValidTo <= day:
			ref = dayBefore(u.ValidTo)
		case u.ValidFrom > day:
			ref = u.ValidFrom
		}
		vs := versions[u.ID]
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].ValidFrom < vs[j].ValidFrom })
		for _, v := range vs {
			if v.ValidFrom > ref {
				break
			}
			u.Name, u.ParentID, u.ParentCode = v.Name, v.ParentID, codeOf[v.ParentID]
		}
		s.units[u.Code] = u
		s.order = append(s.order, u.Code)
	}
	for _, c := range s.order {
		if p := s.units[c].ParentCode; p != "" && p != c {
			s.children[p] = append(s.children[p], c)
		}
	}
	return s
}

// dayBefore returns the day before a YYYY-MM-DD day (the day itself if it does not parse).
func dayBefore(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, -1).Format("2006-01-02")
}

// Unit returns the unit with the code as of the structure's day, and whether it is known.
func (s *Structure) Unit(code string) (account.Unit, bool) {
	u, ok := s.units[code]
	return u, ok
}

// Active reports whether the unit existed on the structure's day.
func (s *Structure) Active(code string) bool {
	u, ok := s.units[code]
	return ok && u.ActiveOn(s.Day)
}

// ActiveUnits returns the units that existed on the structure's day, parents before children.
func (s *Structure) ActiveUnits() []account.Unit {
	var out []account.Unit
	for _, c := range s.order {
		if s.Active(c) {
			out = append(out, s.units[c])
		}
	}
	return out
}

// Children returns the codes of the units directly under the unit, in the given order.
func (s *Structure) Children(code string) []string { return s.children[code] }

// Subtree returns the code of the unit and of every unit below it, the unit first.
func (s *Structure) Subtree(code string) []string {
	out := []string{code}
	for i := 0; i < len(out); i++ {
		out = append(out, s.children[out[i]]...)
	}
	return out
}

// Mark returns how a unit stands on the structure's day: MarkNone when it existed, MarkMerged or
// MarkAbolished when it was closed before (with or without a successor), MarkLater when it was
// established after.
func (s *Structure) Mark(code string) Mark {
	u, ok := s.units[code]
	switch {
	case !ok || u.ActiveOn(s.Day):
		return MarkNone
	case u.ValidFrom > s.Day:
		return MarkLater
	case u.SuccessorCode != "":
		return MarkMerged
	}
	return MarkAbolished
}

// Home returns the unit that holds a unit's history on the structure's day: the unit itself when it
// existed then, or had no successor; otherwise the successor, followed through later merges to the
// first one that existed on the day. A unit closed without a successor on the same day as its
// parent follows its parent (the offices of a merged commune go where the commune went).
func (s *Structure) Home(code string) string {
	cur := code
	for range 16 { // successor chains are short; this bounds a cycle in bad data
		u, ok := s.units[cur]
		if !ok || u.ActiveOn(s.Day) || u.ValidFrom > s.Day {
			return cur
		}
		next := u.SuccessorCode
		if next == "" {
			if p, ok := s.units[u.ParentCode]; ok && p.ValidTo == u.ValidTo && p.SuccessorCode != "" {
				next = p.SuccessorCode
			}
		}
		if next == "" {
			return cur
		}
		cur = next
	}
	return code
}

// within reports whether code is the unit top or lies below it.
func (s *Structure) within(code, top string) bool {
	for range 64 {
		if code == top {
			return true
		}
		u, ok := s.units[code]
		if !ok || u.ParentCode == "" {
			return false
		}
		code = u.ParentCode
	}
	return false
}

// Scope is the set of receiving units a report counts, and, for a by-unit report, the row each
// belongs to.
type Scope struct {
	// Codes are the receiving units whose dossiers are counted.
	Codes []string
	// RowOf maps each of Codes to the unit whose row counts it: a child of the chosen unit, the
	// chosen unit itself (its own desk), or a closed unit standing on its own.
	RowOf map[string]string
}

// Scope returns the receiving units of a report on the unit top: top alone, or with subtree every
// unit below it as of the structure's day (including closed units and units established later,
// placed where they stood). With merge, a closed unit's history counts where its successor (see
// Home) stands: in the scope when the successor is, and out of it otherwise. Each unit's row is the
// child of top that contains it (or its home, with merge), or top itself; a unit that is closed (or
// later) and not inside an existing child keeps its own row.
func (s *Structure) Scope(top string, subtree, merge bool) Scope {
	sc := Scope{RowOf: map[string]string{}}
	candidates := s.order
	if !subtree && !merge {
		candidates = []string{top}
	}
	for _, c := range candidates {
		home := c
		if merge {
			home = s.Home(c)
		}
		switch {
		case home == top:
		case subtree && s.within(home, top):
		default:
			continue
		}
		sc.Codes = append(sc.Codes, c)
		sc.RowOf[c] = s.rowFor(top, home)
	}
	if _, ok := s.units[top]; !ok && len(sc.Codes) == 0 {
		sc.Codes, sc.RowOf[top] = []string{top}, top
	}
	return sc
}

// rowFor returns the child of top on the path from top down to code, or top when code is top.
func (s *Structure) rowFor(top, code string) string {
	for range 64 {
		u, ok := s.units[code]
		if code == top || !ok || u.ParentCode == top {
			return code
		}
		code = u.ParentCode
	}
	return code
}
