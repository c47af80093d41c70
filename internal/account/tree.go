package account

import "sort"

// UnitVersion is a unit's name and parent from a day on.
type UnitVersion struct {
	UnitID    int64
	ValidFrom string
	Name      string
	ParentID  int64
}

// AsOf returns the units that existed on day (YYYY-MM-DD) with the name and parent they had that day,
// given every unit and the history of names and parents. The result keeps the input order.
func AsOf(units []Unit, history []UnitVersion, day string) []Unit {
	byUnit := map[int64][]UnitVersion{}
	for _, v := range history {
		byUnit[v.UnitID] = append(byUnit[v.UnitID], v)
	}
	codes := map[int64]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	var out []Unit
	for _, u := range units {
		if !u.ActiveOn(day) {
			continue
		}
		vs := byUnit[u.ID]
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].ValidFrom < vs[j].ValidFrom })
		for _, v := range vs {
			if v.ValidFrom > day {
				break
			}
			u.Name, u.ParentID, u.ParentCode = v.Name, v.ParentID, codes[v.ParentID]
		}
		out = append(out, u)
	}
	return out
}
