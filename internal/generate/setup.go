// Package generate makes a realistic synthetic dataset for demos and benchmarks: a province with
// its districts and communes, the sample catalog applied by the communes, and any number of
// dossiers across the years, received in working hours, due by the calendar, mostly on time or
// early, with a few percent late (more in some fields and some communes), online filing growing
// over the years, supplements, withdrawals, stops and refusals, and a small share still pending at
// the end. The dossiers are deterministic for a seed and a day (math/rand/v2's ChaCha8), and are
// made in receipt order, ready for store.BulkInsertDossiers, without the per-dossier rules engine:
// the point is volume, the values are what the engine would record.
//
// Generated lookup secrets come from the seeded generator too: they are predictable, which is what
// a reproducible demo wants and what real data must never have.
package generate

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"motcua/internal/account"
	"motcua/internal/catalog"
	"motcua/internal/fault"
	"motcua/internal/procedure"
)

// ProvinceCode is the electronic identifier of the generated province.
const ProvinceCode = "000.00.00.H35"

// ValidFrom is the first day of every generated unit: before any year generated.
const ValidFrom = "2000-01-01"

// MaxCommunes bounds the communes of a generated province.
const MaxCommunes = 400

// UnitSeed is one unit of the generated province, parents before children.
type UnitSeed struct {
	Code, Name, Parent string
	Kind               account.UnitKind
}

var districtNames = []string{"Thành phố Phủ Lý", "Huyện Kim Bảng", "Huyện Thanh Liêm", "Huyện Bình Lục", "Huyện Lý Nhân", "Huyện Duy Tiên"}

var communeNames = []string{"Xã Tượng Lĩnh", "Xã Nhật Tân", "Xã Lê Hồ", "Xã Thụy Lôi", "Xã Liên Sơn", "Xã Thanh Hà",
	"Xã Thanh Phong", "Xã Liêm Cần", "Xã Bối Cầu", "Xã An Ninh", "Xã Bồ Đề", "Xã Nhân Thịnh", "Xã Chân Lý", "Xã Đạo Lý",
	"Xã Mộc Bắc", "Xã Châu Giang", "Xã Yên Bắc", "Phường Lam Hạ", "Phường Quang Trung", "Phường Minh Khai",
	"Xã Đinh Xá", "Xã Trịnh Xá", "Xã Tràng An", "Xã Đồng Du", "Xã Hưng Công", "Xã Ngọc Lũ", "Xã Tiên Hiệp",
	"Xã Kim Bình", "Xã Thi Sơn", "Xã Ba Sao"}

// Province returns the units of a province with k communes (1–MaxCommunes, clamped) spread over up
// to six districts: the province "000.00.00.H35", districts "000.00.DD.H35" and communes
// "000.DD.CC.H35" (CC from 21), as Decision 20/2020/QĐ-TTg shapes identifiers.
func Province(k int) []UnitSeed {
	k = max(1, min(k, MaxCommunes))
	nd := min(len(districtNames), (k+3)/4)
	out := []UnitSeed{{Code: ProvinceCode, Name: "Tỉnh Hà Nam", Kind: account.Province}}
	for d := range nd {
		out = append(out, UnitSeed{Code: fmt.Sprintf("000.00.%02d.H35", d+1), Name: districtNames[d], Parent: ProvinceCode, Kind: account.District})
	}
	for i := range k {
		d := i % nd
		name := communeNames[i%len(communeNames)]
		if i >= len(communeNames) {
			name += " " + strconv.Itoa(i/len(communeNames)+1)
		}
		out = append(out, UnitSeed{Code: fmt.Sprintf("000.%02d.%02d.H35", d+1, 21+i/nd), Name: name,
			Parent: fmt.Sprintf("000.00.%02d.H35", d+1), Kind: account.Commune})
	}
	return out
}

// Services are what Setup writes through, so that the generated units and catalog pass the same
// rules as real ones.
type Services struct {
	Accounts *account.Service
	Catalog  *catalog.Service
}

// Setup creates the province's units that are missing (Province(communes), valid from ValidFrom)
// and imports procedure.SampleCatalog, published from since and applied by the communes. It returns
// the communes (the desks dossiers are generated for) and the current published version of every
// sample procedure. Errors: those of the services, and NotFound if no sample procedure is published.
func Setup(ctx context.Context, s Services, communes int, since, now time.Time) ([]string, []procedure.Procedure, error) {
	p := account.System("generate")
	existing, err := s.Accounts.Store.Units(ctx)
	if err != nil {
		return nil, nil, err
	}
	have := map[string]bool{}
	for _, u := range existing {
		have[u.Code] = true
	}
	var desks []string
	for _, u := range Province(communes) {
		if u.Kind == account.Commune {
			desks = append(desks, u.Code)
		}
		if have[u.Code] {
			continue
		}
		if _, err := s.Accounts.CreateUnit(ctx, p, account.UnitInput{Code: u.Code, Name: u.Name, Kind: string(u.Kind),
			ParentCode: u.Parent, ValidFrom: ValidFrom}, now); err != nil {
			return nil, nil, fmt.Errorf("unit %s: %w", u.Code, err)
		}
	}
	rows, err := procedure.ParseSampleJSON(procedure.SampleCatalog)
	if err != nil {
		return nil, nil, fault.Wrap(err, "sample catalog")
	}
	if !applied(ctx, s.Catalog, rows, desks) {
		if _, _, err := s.Catalog.Import(ctx, p, "catalog-sample.json", procedure.SampleCatalog, append([]string(nil), desks...), since); err != nil {
			return nil, nil, fmt.Errorf("sample catalog: %w", err)
		}
	}
	var procs []procedure.Procedure
	for _, r := range rows {
		// A row rejected because the procedure exists with an open draft still has its published version.
		if pr, err := s.Catalog.Published(ctx, r.Code); err == nil {
			procs = append(procs, pr)
		}
	}
	if len(procs) == 0 {
		return nil, nil, fault.New(fault.NotFound, "catalog.not_found", "catalog-sample.json")
	}
	return desks, procs, nil
}

// applied reports whether every sample procedure is published already and applied by every desk,
// so that a second run need not import the catalog again (an import writes its audit entries).
func applied(ctx context.Context, cat *catalog.Service, rows []procedure.ImportRow, desks []string) bool {
	for _, r := range rows {
		if _, err := cat.Published(ctx, r.Code); err != nil {
			return false
		}
		units, err := cat.Units(ctx, r.Code)
		if err != nil {
			return false
		}
		for _, d := range desks {
			if !slices.Contains(units, d) {
				return false
			}
		}
	}
	return true
}
