package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"motcua/internal/account"
	"motcua/internal/store"
	"motcua/internal/store/storetest"
)

// raw opens a second, plain connection to a test database, to tamper with it as an intruder would.
func raw(t *testing.T, e storetest.Engine) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if e.DB.Engine == store.Postgres {
		driver = "pgx"
	}
	db, err := sql.Open(driver, e.DSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestAuditVerifyCatchesTampering(t *testing.T) {
	cases := []struct {
		name    string
		tamper  string
		wantSeq int64
		reason  string
	}{
		{"an entry's content altered", `UPDATE audit_log SET after = '{"name":"Giả mạo"}' WHERE seq = 3`, 3, "altered"},
		{"an actor rewritten", `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`, 2, "altered"},
		{"an entry deleted in the middle", `DELETE FROM audit_log WHERE seq = 4`, 4, "missing"},
		{"the last entries deleted", `DELETE FROM audit_log WHERE seq >= 5`, 5, "missing"},
		{"an entry rehashed alone", `UPDATE audit_log SET hash = 'abc' WHERE seq = 2`, 2, "altered"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, e := range storetest.Engines(t, storetest.Options{}) {
				t.Run(e.Name, func(t *testing.T) {
					ctx := context.Background()
					svc := &account.Service{Store: e.DB, Hash: cheap}
					seed(t, svc, newClock().Now()) // five units: five entries
					if p, n, err := e.DB.VerifyAudit(ctx); p != nil || err != nil || n != 5 {
						t.Fatalf("before tampering: %v %d %v", p, n, err)
					}
					if _, err := raw(t, e).Exec(c.tamper); err != nil {
						t.Fatal(err)
					}
					p, _, err := e.DB.VerifyAudit(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if p == nil {
						t.Fatal("tampering not detected")
					}
					if p.Seq != c.wantSeq || !strings.Contains(p.Reason, c.reason) {
						t.Fatalf("first bad entry = %d (%s), want %d (%s)", p.Seq, p.Reason, c.wantSeq, c.reason)
					}
				})
			}
		})
	}
}
