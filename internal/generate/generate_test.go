package generate_test

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/generate"
	"motcua/internal/procedure"
)

// sample returns the published sample catalog.
func sample(t testing.TB) []procedure.Procedure {
	t.Helper()
	rows, err := procedure.ParseSampleJSON(procedure.SampleCatalog)
	if err != nil {
		t.Fatal(err)
	}
	var out []procedure.Procedure
	for _, r := range rows {
		if r.Procedure == nil {
			t.Fatalf("sample row %d: %v", r.Row, r.Errors)
		}
		p := *r.Procedure
		p.ApplyDefaults()
		p.Version = 1
		out = append(out, p)
	}
	return out
}

var now = time.Date(2026, 11, 26, 0, 0, 0, 0, calendar.Location)

func generateAll(t testing.TB, cfg generate.Config, last map[string]int) ([]dossier.Dossier, [][]dossier.Event) {
	t.Helper()
	var desks []string
	for _, u := range generate.Province(12) {
		if u.Kind == "commune" {
			desks = append(desks, u.Code)
		}
	}
	g, err := generate.New(cfg, desks, sample(t), calendar.Default(), last)
	if err != nil {
		t.Fatal(err)
	}
	var ds []dossier.Dossier
	var evs [][]dossier.Event
	for {
		d, e := g.Next(777)
		if len(d) == 0 {
			break
		}
		ds, evs = append(ds, d...), append(evs, e...)
	}
	if len(ds) != cfg.Dossiers || g.Len() != cfg.Dossiers {
		t.Fatalf("%d dossiers, Len %d, want %d", len(ds), g.Len(), cfg.Dossiers)
	}
	return ds, evs
}

func TestGenerate(t *testing.T) {
	cfg := generate.Config{Dossiers: 8000, FromYear: 2015, ToYear: 2026, Seed: 42, Now: now}
	first, _ := generateAll(t, cfg, nil)
	prefix := strings.TrimSuffix(first[0].Code, "-0001")
	last := map[string]int{prefix: 41}
	ds, evs := generateAll(t, cfg, last)
	cal := calendar.Default()
	codes := map[string]bool{}
	byClass := map[dossier.Timeliness]int{}
	online := map[int][2]int{}
	lateByField := map[string][2]int{}
	pending, waits := 0, 0
	for i, d := range ds {
		if codes[d.Code] {
			t.Fatalf("code %s twice", d.Code)
		}
		codes[d.Code] = true
		if i > 0 && d.ReceivedAt.Before(ds[i-1].ReceivedAt) {
			t.Fatalf("dossier %d received before the previous one", i)
		}
		if !cal.IsWorkingTime(d.ReceivedAt) && !cal.IsWorkingTime(d.ReceivedAt.Add(-time.Minute)) {
			t.Fatalf("%s received out of working hours: %s", d.Code, d.ReceivedAt)
		}
		if y := d.ReceivedAt.Year(); y < 2015 || d.ReceivedAt.After(now) {
			t.Fatalf("%s received %s", d.Code, d.ReceivedAt)
		}
		if !dossier.ValidSecret(d.LookupSecret) || !utf8.ValidString(d.Applicant.Name) || len(strings.Fields(d.Applicant.Name)) != 3 {
			t.Fatalf("%s: secret %q, name %q", d.Code, d.LookupSecret, d.Applicant.Name)
		}
		if d.DueAt.Before(d.ReceivedAt) || (!d.FinishedAt.IsZero() && d.FinishedAt.Before(d.ReceivedAt)) ||
			(!d.ReturnedAt.IsZero() && d.ReturnedAt.Before(d.FinishedAt)) || d.ReturnedAt.After(now) || d.FinishedAt.After(now) {
			t.Fatalf("%s times: received %s due %s finished %s returned %s", d.Code, d.ReceivedAt, d.DueAt, d.FinishedAt, d.ReturnedAt)
		}
		if d.Timeliness != dossier.Classify(d.OriginalDueAt, d.FinishedAt) {
			t.Fatalf("%s classified %q", d.Code, d.Timeliness)
		}
		if last := evs[i][len(evs[i])-1]; last.To != d.Status || evs[i][0].Action != dossier.ActReceive {
			t.Fatalf("%s: events %+v for status %v", d.Code, evs[i], d.Status)
		}
		if d.FinishedAt.IsZero() {
			pending++
		}
		if len(d.Waits) > 0 {
			waits++
		}
		byClass[d.Timeliness]++
		o := online[d.ReceivedAt.Year()]
		o[0]++
		if d.Channel == dossier.ChannelOnline {
			o[1]++
		}
		online[d.ReceivedAt.Year()] = o
		if d.Timeliness != "" {
			l := lateByField[d.FieldName]
			l[0]++
			if d.Timeliness == dossier.Late {
				l[1]++
			}
			lateByField[d.FieldName] = l
		}
	}
	if ds[0].Code != prefix+"-0042" || codes[first[0].Code] {
		t.Error("codes do not continue after the sequence given")
	}
	finished := len(ds) - pending
	late := float64(byClass[dossier.Late]) / float64(finished)
	if late < 0.005 || late > 0.05 || byClass[dossier.Early] == 0 {
		t.Errorf("classes %v: late share %.3f", byClass, late)
	}
	if pending == 0 || pending > len(ds)/20 || waits == 0 {
		t.Errorf("%d pending, %d with waits", pending, waits)
	}
	share := func(y int) float64 { return float64(online[y][1]) / float64(online[y][0]) }
	if share(2025) <= share(2015)+0.05 {
		t.Errorf("online share 2015 %.3f, 2025 %.3f", share(2015), share(2025))
	}
	rate := func(f string) float64 { return float64(lateByField[f][1]) / float64(lateByField[f][0]) }
	if rate("Hoạt động xây dựng") <= rate("Chứng thực") {
		t.Errorf("late shares do not vary by field: %v", lateByField)
	}

	again, _ := generateAll(t, cfg, last)
	if !reflect.DeepEqual(ds[:500], again[:500]) || !reflect.DeepEqual(ds[len(ds)-1], again[len(again)-1]) {
		t.Error("the same seed gave different dossiers")
	}
	cfg.Seed = 43
	other, _ := generateAll(t, cfg, last)
	if reflect.DeepEqual(ds[0], other[0]) {
		t.Error("another seed gave the same dossiers")
	}
}

func TestProvinceAndConfig(t *testing.T) {
	units := generate.Province(30)
	seen := map[string]bool{}
	communes := 0
	for _, u := range units {
		if seen[u.Code] || (u.Parent != "" && !seen[u.Parent]) {
			t.Fatalf("unit %+v repeated or before its parent", u)
		}
		seen[u.Code] = true
		if u.Kind == "commune" {
			communes++
		}
	}
	if communes != 30 || units[0].Code != generate.ProvinceCode || len(generate.Province(0)) != 3 {
		t.Fatalf("%d communes in %v", communes, units)
	}
	for _, c := range []generate.Config{
		{Dossiers: -1, FromYear: 2015, ToYear: 2026, Now: now},
		{Dossiers: 1, FromYear: 2027, ToYear: 2028, Now: now},
		{Dossiers: 1, FromYear: 2020, ToYear: 2019, Now: now},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if _, err := generate.New(generate.Config{Dossiers: 1, FromYear: 2015, ToYear: 2026, Now: now}, nil, sample(t), calendar.Default(), nil); err == nil {
		t.Error("no desk accepted")
	}
}
