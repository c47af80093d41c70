package account

import "motcua/internal/fault"

// Role is what an officer may do within the scope of their unit.
type Role string

// The roles of domain.md §1.
const (
	Administrator Role = "administrator"
	Reception     Role = "reception"  // cán bộ tiếp nhận
	Specialist    Role = "specialist" // chuyên viên xử lý
	Head          Role = "head"       // lãnh đạo phòng
	Leader        Role = "leader"     // lãnh đạo, người ký
	Clerk         Role = "clerk"      // văn thư
	Controller    Role = "controller" // cán bộ kiểm soát TTHC
	Inspector     Role = "inspector"  // thanh tra, chỉ xem
)

// Roles lists every role in display order.
var Roles = []Role{Administrator, Reception, Specialist, Head, Leader, Clerk, Controller, Inspector}

// ParseRole returns the role named s, or an Invalid error on the field "role".
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	var f fault.Fields
	f.Add("role", "user.role.invalid", s)
	return "", f.Err()
}

// Action is something a principal may be allowed to do on a unit's data.
type Action string

// The actions checked by Authorize.
const (
	ViewUnits       Action = "units.view"
	ManageUnits     Action = "units.manage"
	ViewUsers       Action = "users.view"
	ManageUsers     Action = "users.manage"
	ViewAudit       Action = "audit.view"
	ManageCalendar  Action = "calendar.manage"
	ViewDossiers    Action = "dossiers.view"
	ReceiveDossiers Action = "dossiers.receive"
	ProcessDossiers Action = "dossiers.process"
	ManageCatalog   Action = "catalog.manage"
	ViewReports     Action = "reports.view"
	HandleFeedback  Action = "feedback.handle" // phản ánh, kiến nghị: reject, ask, answer, publish
)

// Actions lists every action, for tests and documentation.
var Actions = []Action{ViewUnits, ManageUnits, ViewUsers, ManageUsers, ViewAudit, ManageCalendar,
	ViewDossiers, ReceiveDossiers, ProcessDossiers, ManageCatalog, ViewReports, HandleFeedback}

// grants is the single table of what each role may do.
var grants = map[Role][]Action{
	Administrator: {ViewUnits, ManageUnits, ViewUsers, ManageUsers, ViewAudit, ManageCalendar, ManageCatalog, ViewReports},
	Reception:     {ViewUnits, ViewDossiers, ReceiveDossiers, HandleFeedback},
	Specialist:    {ViewUnits, ViewDossiers, ProcessDossiers},
	Head:          {ViewUnits, ViewDossiers, ProcessDossiers, ViewReports, ViewUsers, HandleFeedback},
	Leader:        {ViewUnits, ViewDossiers, ProcessDossiers, ViewReports, ViewUsers, HandleFeedback},
	Clerk:         {ViewUnits, ViewDossiers, ProcessDossiers},
	Controller:    {ViewUnits, ViewDossiers, ManageCatalog, ViewReports, HandleFeedback},
	Inspector:     {ViewUnits, ViewUsers, ViewDossiers, ViewReports, ViewAudit},
}

// Grants reports whether the role includes the action.
func (r Role) Grants(a Action) bool {
	for _, g := range grants[r] {
		if g == a {
			return true
		}
	}
	return false
}
