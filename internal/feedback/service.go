package feedback

import (
	"context"
	"io"
	"sort"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/calendar"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/fold"
)

// Store is what feedback needs from storage.
type Store interface {
	// UnitByCode returns the unit with the identifier, or NotFound.
	UnitByCode(ctx context.Context, code string) (account.Unit, error)
	// Units returns every unit.
	Units(ctx context.Context) ([]account.Unit, error)
	// LookupDossier returns the public view of a dossier with its lookup secret, or NotFound.
	LookupDossier(ctx context.Context, code string) (dossier.Dossier, []dossier.Event, error)
	// InsertFeedback stores a new item with its first event; a Conflict when the reference is taken.
	InsertFeedback(ctx context.Context, f Feedback, e Event) (Feedback, error)
	// FeedbackByRef returns an item, or NotFound.
	FeedbackByRef(ctx context.Context, ref string) (Feedback, error)
	// FeedbackEvents returns the events of an item, oldest first.
	FeedbackEvents(ctx context.Context, ref string) ([]Event, error)
	// UpdateFeedback stores after in place of before if before.Version is still current (a Conflict
	// otherwise) with the event, and an audit entry for an officer's action.
	UpdateFeedback(ctx context.Context, actor account.Principal, before, after Feedback, e Event) (Feedback, error)
	// OpenFeedback returns the open items (received, waiting for more information, answered) of the units.
	OpenFeedback(ctx context.Context, units []string) ([]Feedback, error)
	// PublishedFeedback returns published items whose search key contains the folded search text,
	// newest first, a page of them and the number of matches.
	PublishedFeedback(ctx context.Context, search string, limit, offset int) ([]Feedback, int, error)
	// FeedbackCounts returns the on-time figures of the items of the units over [from, before).
	FeedbackCounts(ctx context.Context, units []string, from, before time.Time) (Counts, error)
}

// Calendars gives each unit its working calendar (workcal.Service).
type Calendars interface {
	For(ctx context.Context, unitCode string) (*calendar.Calendar, error)
}

// Service receives, handles and publishes feedback.
type Service struct {
	Store     Store
	Calendars Calendars
	// Rand draws references and keys: crypto/rand.Reader in production.
	Rand io.Reader
}

// SearchKey is the folded text the public list of answers is searched by: the reference and the
// masked content and answer.
func (f Feedback) SearchKey() string {
	if f.Status != Published {
		return ""
	}
	return fold.String(f.Ref + " " + f.PublicContent + " " + f.PublicAnswer)
}

// Submit receives a piece of feedback sent by anyone at now. A dossier's lookup secret, when given,
// must match the dossier, which links it; the secret is never stored. Errors: Invalid naming each bad
// field (unit, subject, dossier_code, dossier_secret, name, contact, content); Internal.
func (s *Service) Submit(ctx context.Context, in Input, now time.Time) (Feedback, error) {
	f, verr := in.validate()
	fs := fault.Fields{}
	if fe := fault.As(verr); verr != nil {
		fs = fe.Fields
	}
	if f.UnitCode != "" {
		u, err := s.Store.UnitByCode(ctx, f.UnitCode)
		switch {
		case fault.Is(err, fault.NotFound) || (err == nil && u.ValidTo != ""):
			fs.Add("unit", "feedback.unit.not_found", f.UnitCode)
		case err != nil:
			return Feedback{}, err
		}
	}
	secret := dossier.NormalizeSecret(in.DossierSecret)
	if secret != "" && f.DossierCode != "" {
		d, _, err := s.Store.LookupDossier(ctx, f.DossierCode)
		switch {
		case err == nil && dossier.SecretMatches(d, secret):
			f.DossierLinked = true
		case err == nil || fault.Is(err, fault.NotFound):
			fs.Add("dossier_secret", "feedback.dossier_secret.mismatch")
		default:
			return Feedback{}, err
		}
	}
	if err := fs.Err(); err != nil {
		return Feedback{}, err
	}
	f.Content = maskSecret(f.Content, secret)
	cal, err := s.Calendars.For(ctx, f.UnitCode)
	if err != nil {
		return Feedback{}, err
	}
	SetDeadlines(&f, cal, now)
	f.UpdatedAt = now
	for attempt := 0; ; attempt++ {
		if f.Key, err = dossier.NewSecret(s.Rand); err != nil {
			return Feedback{}, err
		}
		tail, err := dossier.NewSecret(s.Rand)
		if err != nil {
			return Feedback{}, err
		}
		f.Ref = "PA-" + now.In(calendar.Location).Format("060102") + "-" + tail
		out, err := s.Store.InsertFeedback(ctx, f, Event{At: now, Action: ActSubmit, To: Received})
		if fault.Is(err, fault.Conflict) && attempt < 3 {
			continue
		}
		return out, err
	}
}

// NormalizeRef returns a reference as typed: trimmed, upper case.
func NormalizeRef(ref string) string { return strings.ToUpper(strings.TrimSpace(ref)) }

// Follow returns an item and its events for its sender, who holds the reference and the key.
// Errors: NotFound (feedback.not_found) for an unknown reference or a wrong key alike.
func (s *Service) Follow(ctx context.Context, ref, key string) (Feedback, []Event, error) {
	f, err := s.Store.FeedbackByRef(ctx, NormalizeRef(ref))
	if err == nil && !keyMatches(f.Key, key) {
		err = fault.New(fault.NotFound, "feedback.not_found")
	}
	if fault.Is(err, fault.NotFound) {
		return Feedback{}, nil, fault.New(fault.NotFound, "feedback.not_found")
	}
	if err != nil {
		return Feedback{}, nil, err
	}
	events, err := s.Store.FeedbackEvents(ctx, f.Ref)
	return f, events, err
}

// keyMatches compares a typed key with the stored one.
func keyMatches(stored, typed string) bool {
	return stored != "" && dossier.SecretMatches(dossier.Dossier{LookupSecret: stored}, typed)
}

// Supplement adds the information the unit asked for, sent by the holder of the reference and the
// key at now: the item is received again and the answer deadline moves later by the working time spent
// waiting. Errors: NotFound; Conflict when no information is awaited or the item changed meanwhile;
// Invalid on the field "info".
func (s *Service) Supplement(ctx context.Context, ref, key, text string, now time.Time) (Feedback, error) {
	f, _, err := s.Follow(ctx, ref, key)
	if err != nil {
		return Feedback{}, err
	}
	return s.apply(ctx, account.Principal{}, f, ActSupplement, text, now)
}

func (s *Service) apply(ctx context.Context, p account.Principal, f Feedback, a Action, text string, now time.Time) (Feedback, error) {
	cal, err := s.Calendars.For(ctx, f.UnitCode)
	if err != nil {
		return Feedback{}, err
	}
	after, ev, err := Apply(f, a, text, p.Username, cal, now)
	if err != nil {
		return Feedback{}, err
	}
	after.UpdatedAt = now
	return s.Store.UpdateFeedback(ctx, p, f, after, ev)
}

// handledUnits returns the codes of the units whose feedback p handles: the subtree of p's unit, or
// of its parent when p's unit is an office of a commune or province (the one-stop desk serves it).
func (s *Service) handledUnits(ctx context.Context, p account.Principal) ([]string, map[string]account.Unit, error) {
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, nil, err
	}
	byCode := map[string]account.Unit{}
	scope := p.UnitPath
	for _, u := range units {
		byCode[u.Code] = u
	}
	if own, ok := byCode[p.UnitCode]; ok && own.Kind == account.Office {
		if parent, ok := byCode[own.ParentCode]; ok {
			scope = parent.Path
		}
	}
	var codes []string
	for _, u := range units {
		if scope != "" && strings.HasPrefix(u.Path, scope) {
			codes = append(codes, u.Code)
		}
	}
	sort.Strings(codes)
	return codes, byCode, nil
}

// mayHandle checks that p may handle the feedback of the unit. Errors: Unauthorized, Forbidden.
func (s *Service) mayHandle(ctx context.Context, p account.Principal, unitCode string) error {
	if p.UnitPath == "" {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Can(account.HandleFeedback) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	codes, _, err := s.handledUnits(ctx, p)
	if err != nil {
		return err
	}
	if _, ok := slicesIndex(codes, unitCode); !ok {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	return nil
}

func slicesIndex(sorted []string, s string) (int, bool) {
	i := sort.SearchStrings(sorted, s)
	return i, i < len(sorted) && sorted[i] == s
}

// Item returns an item and its events for an officer who handles its unit. Errors: NotFound,
// Unauthorized, Forbidden.
func (s *Service) Item(ctx context.Context, p account.Principal, ref string) (Feedback, []Event, error) {
	f, err := s.Store.FeedbackByRef(ctx, NormalizeRef(ref))
	if fault.Is(err, fault.NotFound) {
		return Feedback{}, nil, fault.New(fault.NotFound, "feedback.not_found")
	}
	if err != nil {
		return Feedback{}, nil, err
	}
	if err := s.mayHandle(ctx, p, f.UnitCode); err != nil {
		return Feedback{}, nil, err
	}
	events, err := s.Store.FeedbackEvents(ctx, f.Ref)
	return f, events, err
}

// Act takes an officer's action on the item as it was at version (the version the officer saw), at
// now. Errors: NotFound, Unauthorized, Forbidden; Conflict (feedback.changed) when someone acted in
// between, or (feedback.transition.invalid) when the action is not allowed; Invalid on the text field.
func (s *Service) Act(ctx context.Context, p account.Principal, ref string, version int, a Action, text string, now time.Time) (Feedback, error) {
	if a == ActSubmit || a == ActSupplement {
		return Feedback{}, fault.New(fault.Invalid, "feedback.action.unknown")
	}
	f, _, err := s.Item(ctx, p, ref)
	if err != nil {
		return Feedback{}, err
	}
	if f.Version != version {
		return Feedback{}, fault.New(fault.Conflict, "feedback.changed")
	}
	return s.apply(ctx, p, f, a, text, now)
}

// Answers returns a page of published answers matching the search text (accents ignored), newest
// first, and the number of matches.
func (s *Service) Answers(ctx context.Context, search string, limit, offset int) ([]Feedback, int, error) {
	return s.Store.PublishedFeedback(ctx, fold.String(search), limit, offset)
}
