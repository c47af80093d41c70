package web

import (
	"net/http"

	"motcua/internal/account"
)

// unitTreeData is the units page: the tree as of a day.
type unitTreeData struct {
	Day      string
	Roots    []*account.TreeNode
	CanEdit  bool
	Kinds    []account.UnitKind
	AllUnits []account.Unit
}

func (s *Server) unitTree(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "units.title")
	page.Notice = notice(page.P, r)
	day := r.URL.Query().Get("date")
	if day == "" {
		day = account.Today(s.now())
	}
	roots, err := s.cfg.Accounts.Tree(r.Context(), p, day, s.now())
	if err != nil {
		page.Form = page.Form.withError(page.P, err)
		page.Data = unitTreeData{Day: day}
		s.renderForm(w, r, "units", page, err)
		return
	}
	page.Data = unitTreeData{Day: day, Roots: roots, CanEdit: p.Can(account.ManageUnits)}
	s.render(w, r, http.StatusOK, "units", page)
}

// unitFormData feeds the new-unit form.
type unitFormData struct {
	Kinds   []account.UnitKind
	Parents []account.Unit
}

func (s *Server) unitFormData(r *http.Request, p account.Principal, today string) unitFormData {
	units, _ := s.cfg.Accounts.Units(r.Context(), p)
	var current []account.Unit
	for _, u := range units {
		if u.ActiveOn(today) {
			current = append(current, u)
		}
	}
	return unitFormData{Kinds: account.UnitKinds, Parents: current}
}

func (s *Server) unitNewForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "units.new")
	page.Form.Values["parent"] = r.URL.Query().Get("parent")
	page.Form.Values["valid_from"] = account.Today(s.now())
	page.Data = s.unitFormData(r, p, account.Today(s.now()))
	s.render(w, r, http.StatusOK, "unit_new", page)
}

func (s *Server) unitCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	in := account.UnitInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: r.PostFormValue("kind"),
		ParentCode: r.PostFormValue("parent"), ValidFrom: r.PostFormValue("valid_from")}
	u, err := s.cfg.Accounts.CreateUnit(r.Context(), p, in, s.now())
	if err != nil {
		page := s.newPage(r, "units.new")
		page.Data = s.unitFormData(r, p, account.Today(s.now()))
		s.renderForm(w, r, "unit_new", page, err)
		return
	}
	redirect(w, r, "/admin/units/"+u.Code, "notice.unit_created")
}

// unitShowData is one unit's page with its edit forms.
type unitShowData struct {
	Unit       account.Unit
	ParentName string
	Children   []account.Unit
	Users      []account.User
	Parents    []account.Unit
	CanEdit    bool
	Current    bool
}

func (s *Server) unitPage(r *http.Request, p account.Principal, code string) (Page, error) {
	page := s.newPage(r, "units.title")
	u, err := s.cfg.Accounts.Unit(r.Context(), p, code)
	if err != nil {
		return page, err
	}
	page.Title = u.Name
	all, err := s.cfg.Accounts.Units(r.Context(), p)
	if err != nil {
		return page, err
	}
	today := account.Today(s.now())
	d := unitShowData{Unit: u, CanEdit: p.Can(account.ManageUnits), Current: u.ValidTo == ""}
	for _, x := range all {
		if x.ID == u.ParentID {
			d.ParentName = x.Name
		}
		if x.ParentID == u.ID {
			d.Children = append(d.Children, x)
		}
		if x.ID != u.ID && x.ActiveOn(today) {
			d.Parents = append(d.Parents, x)
		}
	}
	if p.Can(account.ViewUsers) {
		users, err := s.cfg.Accounts.Users(r.Context(), p)
		if err != nil {
			return page, err
		}
		for _, us := range users {
			if us.UnitID == u.ID {
				d.Users = append(d.Users, us)
			}
		}
	}
	page.Data = d
	return page, nil
}

func (s *Server) unitShow(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page, err := s.unitPage(r, p, r.PathValue("code"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Notice = notice(page.P, r)
	s.render(w, r, http.StatusOK, "unit", page)
}

// unitAction runs one of the edit forms of the unit page and re-shows the page on error.
func (s *Server) unitAction(w http.ResponseWriter, r *http.Request, p account.Principal, noticeKey string, act func(code string) error) {
	code := r.PathValue("code")
	if err := act(code); err != nil {
		page, perr := s.unitPage(r, p, code)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		s.renderForm(w, r, "unit", page, err)
		return
	}
	redirect(w, r, "/admin/units/"+code, noticeKey)
}

func (s *Server) unitRename(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.unitAction(w, r, p, "notice.unit_renamed", func(code string) error {
		return s.cfg.Accounts.RenameUnit(r.Context(), p, code, r.PostFormValue("name"), r.PostFormValue("from"), s.now())
	})
}

func (s *Server) unitMove(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.unitAction(w, r, p, "notice.unit_moved", func(code string) error {
		return s.cfg.Accounts.MoveUnit(r.Context(), p, code, r.PostFormValue("parent"), r.PostFormValue("from"), s.now())
	})
}

func (s *Server) unitClose(w http.ResponseWriter, r *http.Request, p account.Principal) {
	s.unitAction(w, r, p, "notice.unit_closed", func(code string) error {
		return s.cfg.Accounts.CloseUnit(r.Context(), p, code, r.PostFormValue("on"), r.PostFormValue("successor"), s.now())
	})
}
