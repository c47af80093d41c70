package api

import (
	"net/http"

	"motcua/internal/account"
)

// Unit is a unit as the API shows it.
type Unit struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Parent    string `json:"parent,omitempty"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to,omitempty"`
	Successor string `json:"successor,omitempty"`
}

func unitOut(u account.Unit) Unit {
	return Unit{Code: u.Code, Name: u.Name, Kind: string(u.Kind), Parent: u.ParentCode, ValidFrom: u.ValidFrom,
		ValidTo: u.ValidTo, Successor: u.SuccessorCode}
}

// Me is the signed-in principal.
type Me struct {
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Unit     string   `json:"unit"`
	Roles    []string `json:"roles"`
}

func (s *Server) me(w http.ResponseWriter, r *http.Request, p account.Principal) {
	roles := make([]string, len(p.Roles))
	for i, role := range p.Roles {
		roles[i] = string(role)
	}
	writeJSON(w, http.StatusOK, Me{Username: p.Username, FullName: p.FullName, Unit: p.UnitCode, Roles: roles})
}

func (s *Server) listUnits(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var units []account.Unit
	if day := r.URL.Query().Get("date"); day != "" {
		roots, err := s.cfg.Accounts.Tree(r.Context(), p, day, s.cfg.Now())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var walk func([]*account.TreeNode)
		walk = func(ns []*account.TreeNode) {
			for _, n := range ns {
				units = append(units, n.Unit)
				walk(n.Children)
			}
		}
		walk(roots)
	} else {
		var err error
		if units, err = s.cfg.Accounts.Units(r.Context(), p); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	out := struct {
		Items []Unit `json:"items"`
		Total int    `json:"total"`
	}{Items: make([]Unit, 0, len(units)), Total: len(units)}
	for _, u := range units {
		out.Items = append(out.Items, unitOut(u))
	}
	writeJSON(w, http.StatusOK, out)
}

// UnitInput is the body of POST /api/v1/units.
type UnitInput struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Parent    string `json:"parent"`
	ValidFrom string `json:"valid_from"`
	ValidTo   string `json:"valid_to"`
}

func (s *Server) createUnit(w http.ResponseWriter, r *http.Request, p account.Principal) {
	var in UnitInput
	if err := decode(r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.cfg.Accounts.CreateUnit(r.Context(), p, account.UnitInput{Code: in.Code, Name: in.Name, Kind: in.Kind,
		ParentCode: in.Parent, ValidFrom: in.ValidFrom, ValidTo: in.ValidTo}, s.cfg.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, unitOut(u))
}

func (s *Server) getUnit(w http.ResponseWriter, r *http.Request, p account.Principal) {
	u, err := s.cfg.Accounts.Unit(r.Context(), p, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, unitOut(u))
}
