package dossier

import (
	"bytes"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"motcua/internal/fault"
)

func TestCode(t *testing.T) {
	day := at(2021, time.May, 31, 9, 0)
	tests := []struct {
		format string
		day    time.Time
		seq    int
		want   string
	}{
		{"", day, 1, "000.17.22.H56-210531-0001"},
		{DefaultCodeFormat, day, 42, "000.17.22.H56-210531-0042"},
		{DefaultCodeFormat, day, 9999, "000.17.22.H56-210531-9999"},
		{DefaultCodeFormat, day, 10000, "000.17.22.H56-210531-10000"},
		// 20:00 UTC on 30 May is 03:00 on 31 May in Vietnam.
		{DefaultCodeFormat, time.Date(2021, time.May, 30, 20, 0, 0, 0, time.UTC), 1, "000.17.22.H56-210531-0001"},
		{"{unit}/{yyyymmdd}/{seq}", day, 7, "000.17.22.H56/20210531/7"},
	}
	for _, tt := range tests {
		if got := Code(tt.format, "000.17.22.H56", tt.day, tt.seq); got != tt.want {
			t.Errorf("Code(%q, %d) = %q, want %q", tt.format, tt.seq, got, tt.want)
		}
	}
}

func TestValidateCodeFormat(t *testing.T) {
	for _, f := range []string{DefaultCodeFormat, "HS-{yyyymmdd}-{seq}", "{unit}.{seq4}"} {
		if err := ValidateCodeFormat(f); err != nil {
			t.Errorf("%q: %v", f, err)
		}
	}
	for _, f := range []string{"{unit}-{yymmdd}", "{unit}-{seq4}-{seq}", "{unit}-{date}-{seq4}", "{unit-{seq4}"} {
		wantField(t, ValidateCodeFormat(f), "code_format", "dossier.code_format.invalid")
	}
}

func TestSecretAlphabet(t *testing.T) {
	if len(SecretAlphabet) != 31 || strings.ContainsAny(SecretAlphabet, "0O1IL") {
		t.Errorf("alphabet %q", SecretAlphabet)
	}
}

func TestNewSecret(t *testing.T) {
	// Bytes 248–255 are rejected so that each symbol is equally likely;
	// byte b gives symbol b mod 31.
	in := []byte{248, 255, 0, 1, 30, 31, 62, 247, 9, 9, 9, 9, 9, 9}
	got, err := NewSecret(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got != "23Z22Z" {
		t.Errorf("NewSecret = %q", got)
	}
	if !ValidSecret(got) || !ValidSecret(" 23z 22z ") || ValidSecret("23Z2") || ValidSecret("23Z22O") {
		t.Error("ValidSecret")
	}

	_, err = NewSecret(iotest.ErrReader(errors.New("no entropy")))
	if fault.KindOf(err) != fault.Internal {
		t.Errorf("reader failure: %v", err)
	}

	seen := map[rune]bool{}
	for range 300 {
		s, err := NewSecret(rand.Reader)
		if err != nil || !ValidSecret(s) {
			t.Fatalf("%q %v", s, err)
		}
		for _, r := range s {
			seen[r] = true
		}
	}
	if len(seen) != len(SecretAlphabet) {
		t.Errorf("only %d symbols drawn in 1800", len(seen))
	}
}

func TestSecretMatches(t *testing.T) {
	d := Dossier{LookupSecret: "K7M2QX"}
	if !SecretMatches(d, "k7m 2qx") || SecretMatches(d, "K7M2QY") || SecretMatches(d, "") || SecretMatches(Dossier{}, "") {
		t.Error("SecretMatches")
	}
}
