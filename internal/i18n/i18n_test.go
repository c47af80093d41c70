package i18n_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/calendar"
	"motcua/internal/catalog"
	"motcua/internal/dossier"
	"motcua/internal/i18n"
	"motcua/internal/procedure"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	vi, en := i18n.Keys(i18n.VI), i18n.Keys(i18n.EN)
	for _, k := range vi {
		if !i18n.Has(i18n.EN, k) {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for _, k := range en {
		if !i18n.Has(i18n.VI, k) {
			t.Errorf("vi.json lacks %q", k)
		}
	}
	if len(vi) < 50 {
		t.Fatalf("only %d keys", len(vi))
	}
}

var (
	// Keys named in templates: {{.P.T "key"}} and {{$.P.T "key" ...}}.
	templateKey = regexp.MustCompile(`\.P\.T "([a-z0-9_.]+)"`)
	// Keys named in Go: fault.New(kind, "key"), fields.Add("field", "key"), .T("key"), notices and titles.
	goKey = regexp.MustCompile(`(?:fault\.New\([^,()]+,\s*|\.Add\("[^"]+",\s*|\.T\(|redirect\(w, r, [^,]+,\s*|newPage\(r,\s*)"([a-z0-9_]+\.[a-z0-9_.]+)"`)
)

// TestEveryUsedKeyExists scans the templates and the Go sources for message keys and fails on any
// key missing from a catalog, so that no page or error ever shows a raw key.
func TestEveryUsedKeyExists(t *testing.T) {
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		var re *regexp.Regexp
		switch {
		case strings.HasSuffix(path, ".html"):
			re = templateKey
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			re = goKey
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix completed at run time: checked below
			}
			found++
			for _, l := range i18n.Langs {
				if !i18n.Has(l, m[1]) {
					t.Errorf("%s uses %q, missing from %s.json", path, m[1], l)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 100 {
		t.Fatalf("found only %d key uses: the scan is broken", found)
	}
	// Keys built at run time from enumerations.
	var dynamic []string
	for _, r := range account.Roles {
		dynamic = append(dynamic, "role."+string(r))
	}
	for _, k := range account.UnitKinds {
		dynamic = append(dynamic, "unit.kind."+string(k))
	}
	for _, k := range []calendar.DayKind{calendar.KindWorkday, calendar.KindWeekend, calendar.KindHoliday, calendar.KindCompensatory,
		calendar.KindSwapped, calendar.KindClosure, calendar.KindWorkingSaturday} {
		dynamic = append(dynamic, "cal.kind."+strings.ToLower(string(k)))
	}
	for _, k := range []calendar.OverrideKind{calendar.Closure, calendar.WorkingSaturday} {
		dynamic = append(dynamic, "cal.override."+string(k))
	}
	for _, u := range []calendar.TimeUnit{calendar.WorkingDay, calendar.WorkingHour, calendar.Day, calendar.Month} {
		dynamic = append(dynamic, "due.unit."+string(u))
	}
	dynamic = append(dynamic, procedure.MessageKeys()...)
	dynamic = append(dynamic, dossier.MessageKeys()...)
	dynamic = append(dynamic, attachment.MessageKeys()...)
	dynamic = append(dynamic, catalogPageKeys()...)
	dynamic = append(dynamic, dossierPageKeys()...)
	for _, k := range dynamic {
		for _, l := range i18n.Langs {
			if !i18n.Has(l, k) {
				t.Errorf("%s.json lacks %q", l, k)
			}
		}
	}
}

func TestFormats(t *testing.T) {
	vi, en := i18n.For(i18n.VI), i18n.For(i18n.EN)
	ict := time.FixedZone("ICT", 7*3600)
	cases := []struct{ got, want string }{
		{vi.Int(12450), "12.450"},
		{en.Int(12450), "12,450"},
		{vi.Int(262930), "262.930"},
		{vi.Int(-1234567), "-1.234.567"},
		{vi.Int(999), "999"},
		{vi.Int(0), "0"},
		{vi.Percent(12200.0 / 12450 * 100), "97,99%"},
		{en.Percent(12200.0 / 12450 * 100), "97.99%"},
		{vi.Percent(260855.0 / 262930 * 100), "99,21%"},
		{vi.Percent(100), "100,00%"},
		{vi.Decimal(1234.5, 1), "1.234,5"},
		{vi.Money(1250000), "1.250.000 ₫"},
		{en.Money(8000), "8,000 VND"},
		{vi.Date(time.Date(2026, 2, 13, 23, 30, 0, 0, time.UTC)), "14/02/2026"},
		{vi.DateTime(time.Date(2026, 2, 13, 16, 5, 0, 0, ict)), "16:05 13/02/2026"},
		{en.Date(time.Date(2026, 2, 13, 16, 5, 0, 0, ict)), "13 Feb 2026"},
		{vi.Day("2025-07-01"), "01/07/2025"},
		{vi.T("home.greeting", "Nhung"), "Xin chào, Nhung"},
		{en.T("no.such.key"), "no.such.key"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if i18n.ParseLang("en-US") != i18n.EN || i18n.ParseLang("fr") != i18n.VI || i18n.ParseLang("") != i18n.VI {
		t.Error("ParseLang")
	}
}

// dossierSamples gives, for every message key of package dossier, representative arguments of
// the count and types the package passes (see internal/dossier/keys.go).
var dossierSamples = map[string][]any{
	"dossier.transition.invalid":          {"Đã trả kết quả", "Result returned", "Tiếp nhận hồ sơ", "Receive"},
	"dossier.role.forbidden":              {"Trả kết quả", "Return the result"},
	"dossier.step.forbidden":              {"Thẩm định hồ sơ"},
	"dossier.step.none":                   nil,
	"dossier.step.unknown":                {7},
	"dossier.step.done":                   {"Thẩm định hồ sơ"},
	"dossier.steps.pending":               {"Phê duyệt"},
	"dossier.required":                    nil,
	"dossier.too_long":                    {200},
	"dossier.applicant.kind.invalid":      {"9"},
	"dossier.applicant.id_number.invalid": {"12345"},
	"dossier.applicant.phone.invalid":     {"09-abc"},
	"dossier.applicant.email.invalid":     {"a@"},
	"dossier.channel.invalid":             {"online"},
	"dossier.channel.unavailable":         {"postal", "2.000635"},
	"dossier.procedure.not_in_force":      {"2.000635", 3},
	"dossier.procedure.mismatch":          {"2.000635", "1.000948"},
	"dossier.component.missing":           {"Tờ khai đăng ký khai sinh"},
	"dossier.component.count.negative":    {-1},
	"dossier.sets.invalid":                {0},
	"dossier.return_method.invalid":       {"fax"},
	"dossier.return_address.required":     nil,
	"dossier.lookup_secret.invalid":       nil,
	"dossier.code_format.invalid":         {"{unit}-{seq}-{seq4}"},
	"dossier.guidance.items.required":     nil,
	"dossier.reasons.required":            nil,
	"dossier.results.required":            nil,
	"dossier.hours.invalid":               {0},
	"dossier.fee.amount.negative":         {int64(-8000)},
	"dossier.deadline.uncomputable":       {"2.000635"},
	"dossier.consultation.unknown":        {4},
	"dossier.consultation.answered":       {"000.00.01.H38"},
	"dossier.close.too_early":             {"08:00 16/02/2026"},
	"dossier.reschedule.already":          {"17:00 20/02/2026"},
	"dossier.reschedule.too_late":         {"17:00 13/02/2026"},
	"dossier.reschedule.not_later":        {"17:00 13/02/2026"},
}

// TestDossierMessagesFormat formats every message of package dossier, in both languages, with
// arguments of the right count, and fails on any fmt error ("%!verb(MISSING)", "%!(EXTRA ...)", ...),
// so that each text consumes exactly the arguments it is given. The transition and role messages
// pick their language's names with explicit indexes: the Vietnamese must not show the English
// names and vice versa.
func TestDossierMessagesFormat(t *testing.T) {
	keys := dossier.MessageKeys()
	if len(dossierSamples) != len(keys) {
		t.Errorf("%d sample argument lists for %d keys", len(dossierSamples), len(keys))
	}
	for _, k := range keys {
		args, ok := dossierSamples[k]
		if !ok {
			t.Errorf("no sample arguments for %q", k)
			continue
		}
		for _, l := range i18n.Langs {
			got := i18n.For(l).T(k, args...)
			if got == k || strings.Contains(got, "%") {
				t.Errorf("%s %q: %q", l, k, got)
			}
			for i, a := range args {
				// The other language's names (odd indexes in Vietnamese, even in English).
				if s, ok := a.(string); ok && len(args) > 1 && (k == "dossier.transition.invalid" || k == "dossier.role.forbidden") &&
					(i%2 == 1) == (l == i18n.VI) && strings.Contains(got, s) {
					t.Errorf("%s %q shows %q: %q", l, k, s, got)
				}
			}
		}
	}
}

// catalogPageKeys are the keys the catalog's web pages build at run time from enumerations, and
// the notices their actions pass on.
func catalogPageKeys() []string {
	var keys []string
	add := func(prefix string, values ...string) {
		for _, v := range values {
			keys = append(keys, prefix+v)
		}
	}
	for _, s := range procedure.Statuses() {
		add("proc.status.", string(s))
	}
	for _, k := range procedure.ChannelKinds() {
		add("proc.channel.", string(k))
	}
	for _, u := range procedure.TimeUnits() {
		add("proc.unit.", string(u))
		add("proc.time.", string(u))
	}
	for _, l := range procedure.Levels() {
		add("proc.level.", string(l))
	}
	for _, s := range procedure.Subjects() {
		add("proc.subject.", string(s))
	}
	for _, o := range procedure.OnlineLevels() {
		add("proc.online.", string(o))
	}
	for _, p := range procedure.SupplementPolicies() {
		add("proc.policy.", string(p))
	}
	for _, p := range procedure.Proposals() {
		add("proc.proposal.", string(p))
	}
	for _, s := range procedure.ReviewStatuses() {
		add("proc.review_status.", string(s))
		add("proc.review.move.", string(s))
		add("notice.review_", string(s))
	}
	add("proc.import.action.", catalog.Created, catalog.Updated, catalog.Unchanged, catalog.Rejected)
	// The fields a change between versions names (procedure.Diff), labelled on the history page.
	add("proc.f.", "code", "name", "field_code", "field_name", "levels", "competent", "coordinating", "subjects",
		"subject_note", "steps", "requirements", "channels", "components", "legal_basis", "results", "online_level",
		"publish_decision", "publish_effective", "cutoff_hour", "supplement_policy", "supplement_days", "workflow",
		"effective_from", "abolished_from")
	add("notice.", "procedure_created", "procedure_saved", "procedure_draft_opened", "procedure_published",
		"procedure_abolished", "procedure_applied", "procedure_unapplied", "review_saved", "legal_document_saved")
	return keys
}

// dossierPageKeys are the keys the dossier pages build at run time from enumerations.
func dossierPageKeys() []string {
	keys := []string{"dossier.channel.in_person", "dossier.channel.online", "dossier.channel.postal"}
	for _, m := range dossier.ReturnMethods() {
		keys = append(keys, "dossier.return."+string(m))
	}
	for _, k := range []dossier.WaitKind{dossier.WaitSupplement, dossier.WaitFees} {
		keys = append(keys, "dossier.wait_kind."+string(k))
	}
	for _, r := range []dossier.DueReason{dossier.DueReceived, dossier.DueRestarted, dossier.DuePaused, dossier.DueFeesPaid,
		dossier.DueRescheduled, dossier.DueWaitEnded} {
		keys = append(keys, "dossier.due_reason."+string(r))
	}
	for _, t := range []string{"mine", "units", "today", "soon", "overdue", "waiting", "new"} {
		keys = append(keys, "dossiers.tab."+t)
	}
	for _, p := range []dossier.FilePurpose{dossier.FileComponent, dossier.FileSupplement, dossier.FileResult} {
		keys = append(keys, "dossier.file.purpose."+string(p))
	}
	keys = append(keys, "notice.guidance_given", "notice.dossier_refused", "notice.dossier_received", "notice.dossier_updated")
	return keys
}
