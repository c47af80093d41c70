package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/store"
	"motcua/internal/store/storetest"
)

var cheap = account.HashParams{Memory: 1024, Time: 1, Threads: 1}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var ict = time.FixedZone("ICT", 7*3600)

func newClock() *clock { return &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, ict)} }

// eachEngine runs f on SQLite and, when configured, on PostgreSQL.
func eachEngine(t *testing.T, f func(t *testing.T, db *store.DB, svc *account.Service, clk *clock)) {
	clk := newClock()
	for _, e := range storetest.Engines(t, storetest.Options{Now: clk.Now}) {
		t.Run(e.Name, func(t *testing.T) {
			f(t, e.DB, &account.Service{Store: e.DB, Hash: cheap}, clk)
		})
	}
}

func TestBothEnginesHaveTheSameSchema(t *testing.T) {
	sq := storetest.SQLite(t, storetest.Options{})
	pg, ok := storetest.Postgres(t, storetest.Options{})
	if !ok {
		t.Skip("MOTCUA_TEST_POSTGRES not set")
	}
	a, err := sq.DB.Columns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := pg.DB.Columns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("schemas differ:\nsqlite:   %v\npostgres: %v", a, b)
	}
	if len(a) < 20 {
		t.Fatalf("suspiciously few columns: %v", a)
	}
}

func TestMigrateIsIdempotentAndRecorded(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, _ *account.Service, _ *clock) {
		applied, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %v", applied)
		}
		all, _ := store.Migrations(db.Engine)
		if len(all) == 0 {
			t.Fatal("no migrations")
		}
	})
}

func TestMigrationsMatchAcrossEngines(t *testing.T) {
	a, _ := store.Migrations(store.SQLite)
	b, _ := store.Migrations(store.Postgres)
	if len(a) != len(b) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Version != b[i].Version || a[i].Name != b[i].Name {
			t.Errorf("migration %d: sqlite %s, postgres %s", i, a[i].Name, b[i].Name)
		}
	}
}

// seed creates a province with two communes, each with an office.
func seed(t *testing.T, svc *account.Service, now time.Time) {
	t.Helper()
	sys := account.System("test")
	for _, in := range []account.UnitInput{
		{Code: "000.00.00.H06", Name: "Tỉnh Bắc Ninh", Kind: "province", ValidFrom: "2000-01-01"},
		{Code: "000.31.21.H06", Name: "Xã Tiên Du", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.31.01.H06", Name: "Văn phòng UBND xã Tiên Du", Kind: "office", ParentCode: "000.31.21.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.21.H06", Name: "Phường Kinh Bắc", Kind: "commune", ParentCode: "000.00.00.H06", ValidFrom: "2025-07-01"},
		{Code: "000.32.01.H06", Name: "Văn phòng UBND phường Kinh Bắc", Kind: "office", ParentCode: "000.32.21.H06", ValidFrom: "2025-07-01"},
	} {
		if _, err := svc.CreateUnit(context.Background(), sys, in, now); err != nil {
			t.Fatalf("create %s: %v", in.Code, err)
		}
	}
}

func TestUnitsCreateConflictMoveCloseAndTreeAsOf(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx, sys := context.Background(), account.System("test")
		seed(t, svc, clk.Now())

		_, err := svc.CreateUnit(ctx, sys, account.UnitInput{Code: "000.31.21.H06", Name: "Trùng", Kind: "commune", ParentCode: "000.00.00.H06"}, clk.Now())
		if fault.KindOf(err) != fault.Conflict {
			t.Fatalf("duplicate code: got %v, want conflict", err)
		}
		_, err = svc.CreateUnit(ctx, sys, account.UnitInput{Code: "000.99.21.H06", Name: "X", Kind: "commune", ParentCode: "000.77.77.H06"}, clk.Now())
		if fe := fault.As(err); fe.Kind != fault.Invalid || fe.Fields["parent"].Key != "unit.not_found" {
			t.Fatalf("unknown parent: got %v", err)
		}

		// Rename from 2026-01-01: the tree of 2025-12-31 shows the old name.
		if err := svc.RenameUnit(ctx, sys, "000.31.21.H06", "Xã Tiên Du mới", "2026-01-01", clk.Now()); err != nil {
			t.Fatal(err)
		}
		// Move the office of Tiên Du under Kinh Bắc from 2026-06-01; its path follows.
		if err := svc.MoveUnit(ctx, sys, "000.31.01.H06", "000.32.21.H06", "2026-06-01", clk.Now()); err != nil {
			t.Fatal(err)
		}
		moved, _ := db.UnitByCode(ctx, "000.31.01.H06")
		kb, _ := db.UnitByCode(ctx, "000.32.21.H06")
		if moved.ParentCode != "000.32.21.H06" || moved.Path[:len(kb.Path)] != kb.Path {
			t.Fatalf("moved unit: parent %s path %s (Kinh Bắc path %s)", moved.ParentCode, moved.Path, kb.Path)
		}
		// A unit cannot move under its own subtree.
		err = svc.MoveUnit(ctx, sys, "000.32.21.H06", "000.31.01.H06", "", clk.Now())
		if fe := fault.As(err); fe.Kind != fault.Invalid || fe.Fields["parent"].Key == "" {
			t.Fatalf("move into own subtree: got %v", err)
		}

		// Merge Kinh Bắc into Tiên Du on 2026-09-01: Kinh Bắc and its offices close.
		if err := svc.CloseUnit(ctx, sys, "000.32.21.H06", "2026-09-01", "000.31.21.H06", clk.Now()); err != nil {
			t.Fatal(err)
		}
		kb, _ = db.UnitByCode(ctx, "000.32.21.H06")
		office, _ := db.UnitByCode(ctx, "000.32.01.H06")
		if kb.ValidTo != "2026-09-01" || kb.SuccessorCode != "000.31.21.H06" || office.ValidTo != "2026-09-01" {
			t.Fatalf("merge: %+v / office %+v", kb, office)
		}

		names := func(day string) map[string]string {
			roots, err := svc.Tree(ctx, sys, day, clk.Now())
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]string{}
			var walk func([]*account.TreeNode)
			walk = func(ns []*account.TreeNode) {
				for _, n := range ns {
					m[n.Unit.Code] = n.Unit.Name + "<" + n.Unit.ParentCode
					walk(n.Children)
				}
			}
			walk(roots)
			return m
		}
		cases := []struct {
			day, code, want string
		}{
			{"2025-12-31", "000.31.21.H06", "Xã Tiên Du<000.00.00.H06"},
			{"2026-01-01", "000.31.21.H06", "Xã Tiên Du mới<000.00.00.H06"},
			{"2026-05-31", "000.31.01.H06", "Văn phòng UBND xã Tiên Du<000.31.21.H06"},
			{"2026-06-01", "000.31.01.H06", "Văn phòng UBND xã Tiên Du<000.32.21.H06"},
			{"2026-08-31", "000.32.21.H06", "Phường Kinh Bắc<000.00.00.H06"},
			{"2026-09-01", "000.32.21.H06", ""},
			{"2020-01-01", "000.31.21.H06", ""},
		}
		for _, c := range cases {
			if got := names(c.day)[c.code]; got != c.want {
				t.Errorf("tree of %s, unit %s = %q, want %q", c.day, c.code, got, c.want)
			}
		}
		// A closed unit cannot be renamed.
		err = svc.RenameUnit(ctx, sys, "000.32.21.H06", "Y", "", clk.Now())
		if fault.KindOf(err) != fault.Invalid {
			t.Fatalf("rename closed unit: %v", err)
		}
	})
}

func TestUsersLoginThrottleAndSessions(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx, sys := context.Background(), account.System("test")
		seed(t, svc, clk.Now())
		in := account.UserInput{Username: "tiepnhan", FullName: "Phạm Thị Nhung", UnitCode: "000.31.01.H06",
			Roles: []string{"reception", "specialist"}, Password: "mat-khau-dai"}
		u, err := svc.CreateUser(ctx, sys, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Roles) != 2 || u.UnitCode != "000.31.01.H06" {
			t.Fatalf("created %+v", u)
		}
		if _, err := svc.CreateUser(ctx, sys, in); fault.KindOf(err) != fault.Conflict {
			t.Fatalf("duplicate username: %v", err)
		}

		// Wrong passwords lock the account after MaxFailedLogins; the right one is refused meanwhile.
		for i := 0; i < account.MaxFailedLogins; i++ {
			_, _, _, err := svc.Login(ctx, "tiepnhan", "sai-mat-khau", clk.Now())
			if fault.KindOf(err) != fault.Unauthorized {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		_, _, _, err = svc.Login(ctx, "tiepnhan", "mat-khau-dai", clk.Now())
		if fe := fault.As(err); fe.Message.Key != "login.locked" {
			t.Fatalf("locked account accepted a login: %v", err)
		}
		clk.Add(account.LockDuration + time.Second)
		token, sess, _, err := svc.Login(ctx, "TiepNhan ", "mat-khau-dai", clk.Now())
		if err != nil {
			t.Fatalf("login after lock expiry: %v", err)
		}
		_, got, err := svc.Authenticate(ctx, token, clk.Now())
		if err != nil || got.Username != "tiepnhan" || len(got.Roles) != 2 {
			t.Fatalf("authenticate: %+v %v", got, err)
		}
		// Sessions expire.
		if _, _, err := svc.Authenticate(ctx, token, sess.ExpiresAt.Add(time.Second)); fault.KindOf(err) != fault.Unauthorized {
			t.Fatalf("expired session accepted: %v", err)
		}
		// A password reset ends the sessions.
		if err := svc.ResetPassword(ctx, sys, "tiepnhan", "mat-khau-moi-1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Authenticate(ctx, token, clk.Now()); fault.KindOf(err) != fault.Unauthorized {
			t.Fatalf("session survived a password reset: %v", err)
		}
		// Deactivated users cannot sign in.
		if _, err := svc.UpdateUser(ctx, sys, "tiepnhan", account.UserUpdate{FullName: "Phạm Thị Nhung", Roles: []string{"reception"}, Active: false}); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := svc.Login(ctx, "tiepnhan", "mat-khau-moi-1", clk.Now()); fault.KindOf(err) != fault.Unauthorized {
			t.Fatalf("inactive user signed in: %v", err)
		}
	})
}

func TestNothingHalfWrittenOnFailure(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx, sys := context.Background(), account.System("test")
		seed(t, svc, clk.Now())
		before, _, _ := db.VerifyAudit(ctx)
		_, n0, _ := db.VerifyAudit(ctx)
		if before != nil {
			t.Fatal(before)
		}
		// A duplicate username fails inside the transaction: no audit entry, no roles left behind.
		in := account.UserInput{Username: "a.b", UnitCode: "000.31.01.H06", Roles: []string{"clerk"}, Password: "12345678"}
		if _, err := svc.CreateUser(ctx, sys, in); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CreateUser(ctx, sys, in); fault.KindOf(err) != fault.Conflict {
			t.Fatal(err)
		}
		_, n1, _ := db.VerifyAudit(ctx)
		if n1 != n0+1 {
			t.Fatalf("audit entries: before %d, after %d; want exactly one more", n0, n1)
		}
	})
}

func TestConcurrentWritesKeepTheAuditChain(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB, svc *account.Service, clk *clock) {
		ctx, sys := context.Background(), account.System("test")
		seed(t, svc, clk.Now())
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := 0; i < 40; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, err := svc.CreateUnit(ctx, sys, account.UnitInput{Code: fmt.Sprintf("000.31.%02d.H06", 40+i),
					Name: fmt.Sprintf("Phòng %d", i), Kind: "office", ParentCode: "000.31.21.H06", ValidFrom: "2026-01-01"}, clk.Now())
				errs <- err
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		problem, n, err := db.VerifyAudit(ctx)
		if err != nil || problem != nil {
			t.Fatalf("chain after concurrent writes: %v %v", problem, err)
		}
		if n != 45 {
			t.Fatalf("audit has %d entries, want 45", n)
		}
	})
}
