package account_test

import (
	"strings"
	"testing"

	"motcua/internal/account"
	"motcua/internal/fault"
)

func TestValidCode(t *testing.T) {
	cases := []struct {
		code string
		ok   bool
	}{
		{"000.17.22.H56", true},
		{"000.00.00.H06", true},
		{"G01.01", true},
		{"H56", false}, // a single group
		{"ABC", false},
		{"000.17.22.h56", false}, // lower case
		{"000..22.H56", false},   // empty group
		{".000.17", false},
		{"000.17.", false},
		{"000-17-22", false},
		{"Đ00.17", false},
		{"12", false},
		{"000." + strings.Repeat("1", 31), true},
		{"000." + strings.Repeat("1", 32), false},
	}
	for _, c := range cases {
		if got := account.ValidCode(c.code); got != c.ok {
			t.Errorf("ValidCode(%q) = %v, want %v", c.code, got, c.ok)
		}
	}
}

func TestUnitInputNamesEveryBadField(t *testing.T) {
	in := account.UnitInput{Code: "x", Name: "", Kind: "village", ParentCode: "bad code", ValidFrom: "2026-02-30", ValidTo: "2026-13-01"}
	in.Normalize()
	fe := fault.As(in.Validate())
	for _, field := range []string{"code", "name", "kind", "parent", "valid_from", "valid_to"} {
		if _, ok := fe.Fields[field]; !ok {
			t.Errorf("no error on field %s: %v", field, fe)
		}
	}
	ok := account.UnitInput{Code: " 000.17.22.h56 ", Name: "  Xã   Phật Tích ", Kind: "commune", ValidFrom: "2025-07-01"}
	ok.Normalize()
	if err := ok.Validate(); err != nil || ok.Code != "000.17.22.H56" || ok.Name != "Xã Phật Tích" {
		t.Fatalf("normalized input %+v: %v", ok, err)
	}
	order := account.UnitInput{Code: "000.17.22.H56", Name: "X", Kind: "commune", ValidFrom: "2025-07-01", ValidTo: "2025-07-01"}
	if fe := fault.As(order.Validate()); fe.Fields["valid_to"].Key != "unit.valid_to.before_from" {
		t.Errorf("valid_to = valid_from accepted: %v", fe)
	}
}

func TestUserInputValidation(t *testing.T) {
	cases := []struct {
		name  string
		in    account.UserInput
		field string
	}{
		{"accented username", account.UserInput{Username: "nhung.phạm", UnitCode: "000.01.H06", Roles: []string{"clerk"}, Password: "12345678"}, "username"},
		{"no role", account.UserInput{Username: "nhung", UnitCode: "000.01.H06", Password: "12345678"}, "role"},
		{"unknown role", account.UserInput{Username: "nhung", UnitCode: "000.01.H06", Roles: []string{"boss"}, Password: "12345678"}, "role"},
		{"short password", account.UserInput{Username: "nhung", UnitCode: "000.01.H06", Roles: []string{"clerk"}, Password: "1234567"}, "password"},
		{"bad unit", account.UserInput{Username: "nhung", UnitCode: "xã A", Roles: []string{"clerk"}, Password: "12345678"}, "unit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.in.Normalize()
			fe := fault.As(c.in.Validate())
			if fe.Kind != fault.Invalid || fe.Fields[c.field].Key == "" {
				t.Fatalf("want an error on %s, got %v", c.field, fe)
			}
		})
	}
}

func TestPasswordHash(t *testing.T) {
	p := account.HashParams{Memory: 1024, Time: 1, Threads: 1}
	h1, err := account.HashPassword("Mật khẩu 2026", p)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := account.HashPassword("Mật khẩu 2026", p)
	if h1 == h2 || !strings.HasPrefix(h1, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hashes %q %q: want salted argon2id", h1, h2)
	}
	if ok, err := account.VerifyPassword("Mật khẩu 2026", h1); !ok || err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	if ok, _ := account.VerifyPassword("Mat khau 2026", h1); ok {
		t.Fatal("wrong password accepted")
	}
	if _, err := account.VerifyPassword("x", "plain"); err != account.ErrBadHash {
		t.Fatalf("malformed hash: %v", err)
	}
}

func TestAsOfAndBuildTree(t *testing.T) {
	units := []account.Unit{
		{ID: 1, Code: "P", Name: "Tỉnh", ValidFrom: "2000-01-01"},
		{ID: 2, Code: "D", Name: "Huyện", ParentID: 1, ValidFrom: "2000-01-01", ValidTo: "2025-07-01"},
		{ID: 3, Code: "C", Name: "Xã mới", ParentID: 1, ValidFrom: "2000-01-01"},
	}
	hist := []account.UnitVersion{
		{UnitID: 1, ValidFrom: "2000-01-01", Name: "Tỉnh"},
		{UnitID: 2, ValidFrom: "2000-01-01", Name: "Huyện", ParentID: 1},
		{UnitID: 3, ValidFrom: "2000-01-01", Name: "Xã cũ", ParentID: 2},
		{UnitID: 3, ValidFrom: "2025-07-01", Name: "Xã mới", ParentID: 1},
	}
	old := account.BuildTree(account.AsOf(units, hist, "2015-06-30"))
	if len(old) != 1 || len(old[0].Children) != 1 || old[0].Children[0].Unit.Code != "D" ||
		old[0].Children[0].Children[0].Unit.Name != "Xã cũ" {
		t.Fatalf("2015 tree wrong: %+v", old)
	}
	now := account.BuildTree(account.AsOf(units, hist, "2026-01-01"))
	if len(now[0].Children) != 1 || now[0].Children[0].Unit.Name != "Xã mới" {
		t.Fatalf("2026 tree wrong: %+v", now[0].Children)
	}
}
