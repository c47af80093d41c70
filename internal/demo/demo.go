// Package demo loads a realistic Vietnamese dataset into an empty database so that anyone can try
// motcua in a minute: a province with the district and communes it had before the 2025 reform (kept
// for history) and the merged communes of today with their offices, and officers of every role.
package demo

import (
	"context"
	"fmt"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/processing"
	"motcua/internal/workcal"
)

// Password is the password of every demo account.
const Password = "motcua2026"

// Services are what the demo writes through, so that demo data passes the same rules as real data.
type Services struct {
	Accounts *account.Service
	Calendar *workcal.Service
	Catalog  *catalog.Service
	Dossiers *processing.Service
	Store    account.Store
}

// Login is one demo account, printed at start.
type Login struct {
	Username string
	Role     string
	Unit     string
}

type unitSeed struct {
	code, name, kind, parent, from string
}

// units: Tỉnh Bắc Ninh; before 1 July 2025 the district Tiên Du with communes Phật Tích and Đại Đồng;
// from then the new commune Tiên Du (merging them) and the ward Kinh Bắc, each with offices.
var units = []unitSeed{
	{"000.00.00.H06", "Tỉnh Bắc Ninh", "province", "", "1997-01-01"},
	{"000.00.01.H06", "Văn phòng UBND tỉnh Bắc Ninh", "office", "000.00.00.H06", "1997-01-01"},
	{"000.00.15.H06", "Huyện Tiên Du", "district", "000.00.00.H06", "1999-08-01"},
	{"000.15.21.H06", "Xã Phật Tích", "commune", "000.00.15.H06", "1999-08-01"},
	{"000.15.22.H06", "Xã Đại Đồng", "commune", "000.00.15.H06", "1999-08-01"},
	{"000.15.01.H06", "Văn phòng HĐND và UBND huyện Tiên Du", "office", "000.00.15.H06", "1999-08-01"},
	{"000.31.21.H06", "Xã Tiên Du", "commune", "000.00.00.H06", "2025-07-01"},
	{"000.31.01.H06", "Văn phòng HĐND và UBND xã Tiên Du", "office", "000.31.21.H06", "2025-07-01"},
	{"000.31.02.H06", "Phòng Kinh tế xã Tiên Du", "office", "000.31.21.H06", "2025-07-01"},
	{"000.31.03.H06", "Phòng Văn hóa - Xã hội xã Tiên Du", "office", "000.31.21.H06", "2025-07-01"},
	{"000.32.21.H06", "Phường Kinh Bắc", "commune", "000.00.00.H06", "2025-07-01"},
	{"000.32.01.H06", "Văn phòng HĐND và UBND phường Kinh Bắc", "office", "000.32.21.H06", "2025-07-01"},
}

type userSeed struct {
	username, fullName, unit string
	roles                    []string
}

var users = []userSeed{
	{"quantri", "Nguyễn Văn Quản", "000.00.00.H06", []string{"administrator"}},
	{"kiemsoat", "Trần Thị Kiểm", "000.00.00.H06", []string{"controller"}},
	{"thanhtra", "Lê Minh Thanh", "000.00.00.H06", []string{"inspector"}},
	{"tiepnhan", "Phạm Thị Hồng Nhung", "000.31.01.H06", []string{"reception"}},
	{"chuyenvien", "Đỗ Văn Chiến", "000.31.03.H06", []string{"specialist"}},
	{"truongphong", "Vũ Thị Phương", "000.31.03.H06", []string{"head"}},
	{"lanhdao", "Ngô Quang Lãnh", "000.31.21.H06", []string{"leader"}},
	{"vanthu", "Bùi Thị Vân", "000.31.01.H06", []string{"clerk"}},
	{"quantrixa", "Hoàng Văn Trị", "000.31.21.H06", []string{"administrator"}},
	{"kinhbac", "Đặng Thị Bắc", "000.32.01.H06", []string{"reception"}},
}

// Load writes the demo data if the database has no unit yet. It returns whether it loaded anything
// and the demo logins (also when the data was already there, so they can be printed again).
func Load(ctx context.Context, s Services, now time.Time) (bool, []Login, error) {
	existing, err := s.Store.Units(ctx)
	if err != nil {
		return false, nil, err
	}
	logins := make([]Login, 0, len(users))
	for _, u := range users {
		logins = append(logins, Login{Username: u.username, Role: u.roles[0], Unit: unitName(u.unit)})
	}
	if len(existing) > 0 {
		return false, logins, nil
	}
	p := account.System("demo")
	for _, u := range units {
		if _, err := s.Accounts.CreateUnit(ctx, p, account.UnitInput{Code: u.code, Name: u.name, Kind: u.kind,
			ParentCode: u.parent, ValidFrom: u.from}, now); err != nil {
			return false, nil, fmt.Errorf("unit %s: %w", u.code, err)
		}
	}
	// The 2025 reform: the district is abolished and its two communes merge into Xã Tiên Du.
	for _, code := range []string{"000.15.21.H06", "000.15.22.H06"} {
		if err := s.Accounts.CloseUnit(ctx, p, code, "2025-07-01", "000.31.21.H06", now); err != nil {
			return false, nil, fmt.Errorf("merge %s: %w", code, err)
		}
	}
	if err := s.Accounts.CloseUnit(ctx, p, "000.00.15.H06", "2025-07-01", "", now); err != nil {
		return false, nil, fmt.Errorf("close district: %w", err)
	}
	for _, u := range users {
		if _, err := s.Accounts.CreateUser(ctx, p, account.UserInput{Username: u.username, FullName: u.fullName,
			UnitCode: u.unit, Roles: u.roles, Password: Password}); err != nil {
			return false, nil, fmt.Errorf("user %s: %w", u.username, err)
		}
	}
	// Calendar: a typhoon closure decided by the commune, a working Saturday for the province's
	// year-end push, and a ward that opens half an hour later.
	for _, o := range []workcal.OverrideInput{
		{UnitCode: "000.31.21.H06", Date: "2026-07-22", Kind: "CLOSURE", NameVI: "Nghỉ phòng, chống bão số 3", NameEN: "Typhoon No. 3 closure"},
		{UnitCode: "000.00.00.H06", Date: "2026-12-19", Kind: "WORKING_SATURDAY", NameVI: "Làm việc thứ Bảy giải quyết hồ sơ tồn đọng cuối năm", NameEN: "Saturday to clear the year-end backlog"},
	} {
		if _, err := s.Calendar.AddOverride(ctx, p, o); err != nil {
			return false, nil, fmt.Errorf("calendar %s: %w", o.Date, err)
		}
	}
	if err := s.Calendar.SetHours(ctx, p, "000.32.21.H06", "07:30-11:30,13:30-17:00"); err != nil {
		return false, nil, fmt.Errorf("hours: %w", err)
	}
	if err := loadCatalog(ctx, s.Catalog, p, now); err != nil {
		return false, nil, err
	}
	if err := loadDossiers(ctx, s.Dossiers, s.Store, now); err != nil {
		return false, nil, err
	}
	if err := loadFollow(ctx, s, now); err != nil {
		return false, nil, err
	}
	if err := loadFeedback(ctx, s, now); err != nil {
		return false, nil, err
	}
	if err := loadReports(ctx, s, now); err != nil {
		return false, nil, err
	}
	if err := loadAnalysisHistory(ctx, s, now); err != nil {
		return false, nil, err
	}
	return true, logins, nil
}

func unitName(code string) string {
	for _, u := range units {
		if u.code == code {
			return u.name
		}
	}
	return code
}
