package web

import (
	"net/http"

	"motcua/internal/account"
)

// userListData is the users page.
type userListData struct {
	Users   []account.User
	CanEdit bool
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "users.title")
	page.Notice = notice(page.P, r)
	users, err := s.cfg.Accounts.Users(r.Context(), p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Data = userListData{Users: users, CanEdit: p.Can(account.ManageUsers)}
	s.render(w, r, http.StatusOK, "users", page)
}

// userFormData feeds the user forms.
type userFormData struct {
	User     account.User
	Units    []account.Unit
	Roles    []account.Role
	HasRole  map[account.Role]bool
	CanEdit  bool
	IsNew    bool
	MinChars int
}

func (s *Server) userFormData(r *http.Request, p account.Principal) userFormData {
	units, _ := s.cfg.Accounts.Units(r.Context(), p)
	today := account.Today(s.now())
	var current []account.Unit
	for _, u := range units {
		if u.ActiveOn(today) {
			current = append(current, u)
		}
	}
	d := userFormData{Units: current, Roles: account.Roles, HasRole: map[account.Role]bool{},
		CanEdit: p.Can(account.ManageUsers), MinChars: account.MinPasswordLength}
	if r.Method == http.MethodPost {
		for _, role := range r.PostForm["role"] {
			d.HasRole[account.Role(role)] = true
		}
	}
	return d
}

func (s *Server) userNewForm(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page := s.newPage(r, "users.new")
	page.Form.Values["unit"] = r.URL.Query().Get("unit")
	d := s.userFormData(r, p)
	d.IsNew = true
	page.Data = d
	s.render(w, r, http.StatusOK, "user_new", page)
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, err)
		return
	}
	in := account.UserInput{Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"),
		UnitCode: r.PostFormValue("unit"), Roles: r.PostForm["role"], Password: r.PostFormValue("password")}
	u, err := s.cfg.Accounts.CreateUser(r.Context(), p, in)
	if err != nil {
		page := s.newPage(r, "users.new")
		d := s.userFormData(r, p)
		d.IsNew = true
		page.Data = d
		s.renderForm(w, r, "user_new", page, err)
		return
	}
	redirect(w, r, "/admin/users/"+u.Username, "notice.user_created")
}

func (s *Server) userPage(r *http.Request, p account.Principal) (Page, error) {
	page := s.newPage(r, "users.title")
	u, err := s.cfg.Accounts.User(r.Context(), p, r.PathValue("username"))
	if err != nil {
		return page, err
	}
	page.Title = u.FullName
	d := s.userFormData(r, p)
	d.User = u
	if r.Method != http.MethodPost {
		for _, role := range u.Roles {
			d.HasRole[role] = true
		}
	}
	page.Data = d
	return page, nil
}

func (s *Server) userShow(w http.ResponseWriter, r *http.Request, p account.Principal) {
	page, err := s.userPage(r, p)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	page.Notice = notice(page.P, r)
	d := page.Data.(userFormData)
	page.Form.Values["full_name"] = d.User.FullName
	if d.User.Active {
		page.Form.Values["active"] = "on"
	}
	s.render(w, r, http.StatusOK, "user", page)
}

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request, p account.Principal) {
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, err)
		return
	}
	username := r.PathValue("username")
	_, err := s.cfg.Accounts.UpdateUser(r.Context(), p, username, account.UserUpdate{FullName: r.PostFormValue("full_name"),
		Roles: r.PostForm["role"], Active: r.PostFormValue("active") == "on"})
	if err != nil {
		page, perr := s.userPage(r, p)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		s.renderForm(w, r, "user", page, err)
		return
	}
	redirect(w, r, "/admin/users/"+username, "notice.user_updated")
}

func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request, p account.Principal) {
	username := r.PathValue("username")
	if err := s.cfg.Accounts.ResetPassword(r.Context(), p, username, r.PostFormValue("password")); err != nil {
		page, perr := s.userPage(r, p)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		s.renderForm(w, r, "user", page, err)
		return
	}
	redirect(w, r, "/admin/users/"+username, "notice.password_reset")
}
