// Package audit is the append-only record of who changed what. Entries are hash-chained: each entry
// carries the hash of the previous one and its own hash over its content, so deleting, inserting or
// editing any entry breaks the chain at that point and Verify names the first bad entry.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Entry is one recorded change.
type Entry struct {
	Seq      int64 // 1, 2, 3... without gaps
	At       time.Time
	ActorID  int64 // 0 for the command line or the system
	Actor    string
	UnitCode string // the unit whose data changed
	Action   string // e.g. "unit.create"
	Object   string // e.g. "unit:000.17.22.H56"
	Before   string // summary of the state before (JSON), empty on creation
	After    string // summary of the state after (JSON), empty on deletion
	PrevHash string
	Hash     string
}

// Genesis is the PrevHash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// ComputeHash returns the hex SHA-256 over the entry's content and PrevHash (not over Hash itself).
// Times are hashed as Unix milliseconds, the precision they are stored with.
func (e Entry) ComputeHash() string {
	h := sha256.New()
	for _, s := range []string{strconv.FormatInt(e.Seq, 10), strconv.FormatInt(e.At.UnixMilli(), 10),
		strconv.FormatInt(e.ActorID, 10), e.Actor, e.UnitCode, e.Action, e.Object, e.Before, e.After, e.PrevHash} {
		// Length-prefix every field so that moving bytes between fields changes the hash.
		fmt.Fprintf(h, "%d:%s|", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal sets the entry's sequence number, previous hash and own hash, chaining it after prev (the
// zero Entry for the first one).
func (e *Entry) Seal(prevSeq int64, prevHash string) {
	if prevHash == "" {
		prevHash = Genesis
	}
	e.Seq = prevSeq + 1
	e.PrevHash = prevHash
	e.Hash = e.ComputeHash()
}

// Summary renders v as compact JSON for Before/After; it returns "" for nil and a quoted error
// text if v cannot be encoded.
func Summary(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return strconv.Quote(err.Error())
	}
	return string(b)
}

// Problem describes the first break found in a chain.
type Problem struct {
	Seq    int64 // the entry at which the chain breaks
	Reason string
}

// Error makes a Problem usable as an error.
func (p *Problem) Error() string {
	return fmt.Sprintf("audit entry %d: %s", p.Seq, p.Reason)
}

// Verifier checks entries one at a time, in sequence order, without holding them all in memory.
type Verifier struct {
	lastSeq  int64
	lastHash string
	count    int64
}

// Next checks one entry against the previous ones and returns a Problem at the first break.
func (v *Verifier) Next(e Entry) *Problem {
	prev := v.lastHash
	if prev == "" {
		prev = Genesis
	}
	switch {
	case e.Seq != v.lastSeq+1:
		return &Problem{Seq: v.lastSeq + 1, Reason: fmt.Sprintf("missing: next entry found is %d", e.Seq)}
	case e.PrevHash != prev:
		return &Problem{Seq: e.Seq, Reason: "previous-hash link broken (an entry before it was changed or removed)"}
	case e.ComputeHash() != e.Hash:
		return &Problem{Seq: e.Seq, Reason: "content does not match its hash (the entry was altered)"}
	}
	v.lastSeq, v.lastHash = e.Seq, e.Hash
	v.count++
	return nil
}

// Finish checks the end of the chain against the recorded head (the last sequence number and hash
// written), catching entries removed from the end. It returns nil when they match.
func (v *Verifier) Finish(headSeq int64, headHash string) *Problem {
	if headSeq != v.lastSeq {
		if headSeq > v.lastSeq {
			return &Problem{Seq: v.lastSeq + 1, Reason: fmt.Sprintf("missing: the log ends at %d but %d entries were written", v.lastSeq, headSeq)}
		}
		return &Problem{Seq: headSeq + 1, Reason: "entries beyond the recorded head"}
	}
	if headSeq > 0 && headHash != v.lastHash {
		return &Problem{Seq: headSeq, Reason: "last entry does not match the recorded head"}
	}
	return nil
}

// Count returns how many entries were verified.
func (v *Verifier) Count() int64 { return v.count }
