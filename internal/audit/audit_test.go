package audit_test

import (
	"testing"
	"time"

	"motcua/internal/audit"
)

func chain(n int) []audit.Entry {
	var out []audit.Entry
	prevSeq, prevHash := int64(0), ""
	for i := 0; i < n; i++ {
		e := audit.Entry{At: time.UnixMilli(int64(1_700_000_000_000 + i)), Actor: "cli", UnitCode: "000.17.22.H56",
			Action: "unit.create", Object: "unit:X", After: `{"name":"Xã Phật Tích"}`}
		e.Seal(prevSeq, prevHash)
		prevSeq, prevHash = e.Seq, e.Hash
		out = append(out, e)
	}
	return out
}

func verify(es []audit.Entry, headSeq int64, headHash string) *audit.Problem {
	var v audit.Verifier
	for _, e := range es {
		if p := v.Next(e); p != nil {
			return p
		}
	}
	return v.Finish(headSeq, headHash)
}

func TestVerifier(t *testing.T) {
	good := chain(5)
	head := good[4]
	cases := []struct {
		name    string
		mutate  func([]audit.Entry) []audit.Entry
		wantSeq int64 // 0 = intact
	}{
		{"intact", func(es []audit.Entry) []audit.Entry { return es }, 0},
		{"content changed", func(es []audit.Entry) []audit.Entry { es[2].After = `{"name":"khác"}`; return es }, 3},
		{"time changed", func(es []audit.Entry) []audit.Entry { es[1].At = es[1].At.Add(time.Second); return es }, 2},
		{"entry removed", func(es []audit.Entry) []audit.Entry { return append(es[:1], es[2:]...) }, 2},
		{"tail removed", func(es []audit.Entry) []audit.Entry { return es[:3] }, 4},
		{"entry replaced by a resealed forgery", func(es []audit.Entry) []audit.Entry {
			es[2].After = "forged"
			es[2].Hash = es[2].ComputeHash()
			return es
		}, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			es := append([]audit.Entry(nil), good...)
			p := verify(c.mutate(es), head.Seq, head.Hash)
			switch {
			case c.wantSeq == 0 && p != nil:
				t.Fatalf("intact chain reported %v", p)
			case c.wantSeq != 0 && (p == nil || p.Seq != c.wantSeq):
				t.Fatalf("got %v, want a break at %d", p, c.wantSeq)
			}
		})
	}
}

func TestHashCoversEveryField(t *testing.T) {
	base := chain(1)[0]
	mutations := map[string]func(*audit.Entry){
		"seq": func(e *audit.Entry) { e.Seq++ }, "actor_id": func(e *audit.Entry) { e.ActorID++ },
		"actor": func(e *audit.Entry) { e.Actor += "x" }, "unit": func(e *audit.Entry) { e.UnitCode += "x" },
		"action": func(e *audit.Entry) { e.Action += "x" }, "object": func(e *audit.Entry) { e.Object += "x" },
		"before": func(e *audit.Entry) { e.Before += "x" }, "after": func(e *audit.Entry) { e.After += "x" },
		"prev": func(e *audit.Entry) { e.PrevHash = "1" + e.PrevHash[1:] },
		// Moving a character from one field to the next must change the hash too.
		"boundary": func(e *audit.Entry) { e.Actor, e.UnitCode = e.Actor+"0", e.UnitCode[1:] },
	}
	for name, m := range mutations {
		e := base
		m(&e)
		if e.ComputeHash() == base.Hash {
			t.Errorf("changing %s keeps the hash", name)
		}
	}
}
