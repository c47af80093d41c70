package portal

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"io"
	"strings"
	"sync"
	"time"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/fault"
	"motcua/internal/procedure"
	"motcua/internal/processing"
	"motcua/internal/throttle"
)

// DefaultTTL is how long a draft is kept after its last change.
const DefaultTTL = 30 * 24 * time.Hour

// sweepEvery is how often starting a draft also deletes the expired ones.
const sweepEvery = time.Hour

// Store keeps drafts. Not found is a NotFound error.
type Store interface {
	// InsertDraft stores a new draft.
	InsertDraft(ctx context.Context, d Draft) error
	// Draft returns the draft named by token. Errors: NotFound (portal.draft.not_found).
	Draft(ctx context.Context, token string) (Draft, error)
	// UpdateDraft stores the draft's unit, data and update time, unless it was filed meanwhile.
	// Errors: NotFound, Conflict (portal.draft.submitted) when already filed.
	UpdateDraft(ctx context.Context, d Draft) error
	// DeleteDraftsBefore deletes the drafts last changed before the instant and returns how many.
	DeleteDraftsBefore(ctx context.Context, before time.Time) (int64, error)
	// FileDraft stores a new dossier exactly as processing.Store.InsertDossier does and, in the same
	// transaction, records its code and lookup secret on the draft named by token, which it locks
	// first. Errors: NotFound; Conflict (portal.draft.submitted, with the dossier code) when the draft
	// was already filed, in which case nothing is written.
	FileDraft(ctx context.Context, token string, actor account.Principal, d dossier.Dossier, events []dossier.Event, format string, codeDay time.Time) (dossier.Dossier, error)
}

// Service runs drafts and files them.
type Service struct {
	Store    Store
	Dossiers *processing.Service
	// Rand is the source of draft tokens; nil means crypto/rand.
	Rand io.Reader
	// TTL is how long a draft lives after its last change; 0 means DefaultTTL.
	TTL time.Duration
	// Submissions limits the dossiers filed from one client address; nil means no limit.
	Submissions *throttle.Window

	mu        sync.Mutex
	lastSweep time.Time
}

// Offer is what a procedure offers for online filing: the version in force and the units that
// receive it.
type Offer struct {
	Procedure procedure.Procedure
	Units     []account.Unit
}

// UnitCodes returns the codes of the offer's units.
func (o Offer) UnitCodes() []string {
	out := make([]string, len(o.Units))
	for i, u := range o.Units {
		out[i] = u.Code
	}
	return out
}

// OfferOf returns what a procedure offers for online filing at now: it must be published, in force,
// have an online channel and be applied by at least one unit open that day. Errors: NotFound
// (portal.procedure.not_online).
func (s *Service) OfferOf(ctx context.Context, code string, now time.Time) (Offer, error) {
	notOnline := fault.New(fault.NotFound, "portal.procedure.not_online", code)
	p, err := s.Dossiers.Catalog.InForce(ctx, strings.TrimSpace(code), now)
	if fault.Is(err, fault.NotFound) {
		return Offer{}, notOnline
	}
	if err != nil {
		return Offer{}, err
	}
	if _, ok := p.Channel(procedure.Online); !ok || p.Status != procedure.Published {
		return Offer{}, notOnline
	}
	codes, err := s.Dossiers.Catalog.Units(ctx, p.Code)
	if err != nil {
		return Offer{}, err
	}
	all, err := s.Dossiers.Store.Units(ctx)
	if err != nil {
		return Offer{}, err
	}
	today := account.Today(now)
	o := Offer{Procedure: p}
	for _, u := range all {
		for _, c := range codes {
			if u.Code == c && u.ActiveOn(today) {
				o.Units = append(o.Units, u)
			}
		}
	}
	if len(o.Units) == 0 {
		return Offer{}, notOnline
	}
	return o, nil
}

// Start opens a new draft for a procedure offered online (the unit chosen when only one receives it).
// It also deletes the expired drafts, at most once an hour. Errors: those of OfferOf.
func (s *Service) Start(ctx context.Context, code string, now time.Time) (Draft, error) {
	o, err := s.OfferOf(ctx, code, now)
	if err != nil {
		return Draft{}, err
	}
	s.sweep(ctx, now)
	token, err := s.newToken()
	if err != nil {
		return Draft{}, err
	}
	d := Draft{Token: token, ProcedureCode: o.Procedure.Code, CreatedAt: now, UpdatedAt: now,
		Data: Data{Kind: dossier.ApplicantCitizen.String(), ReturnMethod: string(dossier.ReturnAtDesk)}}
	if len(o.Units) == 1 {
		d.UnitCode = o.Units[0].Code
	}
	return d, s.Store.InsertDraft(ctx, d)
}

// Get returns a draft that has not expired at now. Errors: NotFound (portal.draft.not_found).
func (s *Service) Get(ctx context.Context, token string, now time.Time) (Draft, error) {
	notFound := fault.New(fault.NotFound, "portal.draft.not_found")
	if !ValidToken(token) {
		return Draft{}, notFound
	}
	d, err := s.Store.Draft(ctx, token)
	if fault.Is(err, fault.NotFound) || (err == nil && d.UpdatedAt.Before(now.Add(-s.ttl()))) {
		return Draft{}, notFound
	}
	return d, err
}

// NewUpload is a file just uploaded for component j of the checklist, staged but not stored yet.
type NewUpload struct {
	Component int
	Staged    *attachment.Staged
}

// Save stores what the applicant entered (unit and data; data's uploads are ignored) and the new
// uploads, which replace the earlier file of their component; the content of each is stored in the
// blobs first. The draft is saved even when something entered is not valid, so nothing is lost; the
// returned error then names every problem (see Check, not complete). Errors: NotFound, Conflict
// (portal.draft.submitted), Invalid.
func (s *Service) Save(ctx context.Context, token, unit string, in Data, uploads []NewUpload, now time.Time) (Draft, error) {
	d, err := s.Get(ctx, token, now)
	if err != nil {
		return d, err
	}
	if d.Submitted() {
		return d, fault.New(fault.Conflict, "portal.draft.submitted", d.DossierCode)
	}
	offer, err := s.OfferOf(ctx, d.ProcedureCode, now)
	if err != nil {
		return d, err
	}
	o := offer.Procedure
	in.Uploads = d.Data.Uploads
	for _, u := range uploads {
		if u.Component < 0 || u.Component >= len(o.Components) {
			continue
		}
		if s.Dossiers.Files == nil {
			return d, fault.New(fault.Invalid, "attachment.storage_missing")
		}
		if err := u.Staged.Commit(ctx, s.Dossiers.Files); err != nil {
			return d, err
		}
		in.setUpload(Upload{Component: u.Component, Name: o.Components[u.Component].Name, File: u.Staged.File()})
	}
	d.UnitCode, d.Data, d.UpdatedAt = strings.ToUpper(strings.TrimSpace(unit)), in, now
	if err := s.Store.UpdateDraft(ctx, d); err != nil {
		return d, err
	}
	return d, d.Check(o, offer.UnitCodes(), false)
}

// Review returns the draft and its procedure, with an Invalid error naming everything still missing
// or wrong before it can be filed (Check, complete). Errors: NotFound, Invalid.
func (s *Service) Review(ctx context.Context, token string, now time.Time) (Draft, Offer, error) {
	d, err := s.Get(ctx, token, now)
	if err != nil {
		return d, Offer{}, err
	}
	o, err := s.OfferOf(ctx, d.ProcedureCode, now)
	if err != nil {
		return d, o, err
	}
	if d.Submitted() {
		return d, o, nil
	}
	return d, o, d.Check(o.Procedure, o.UnitCodes(), true)
}

// Submit files the draft as an online dossier (status 1) and returns the draft with the dossier's
// code and lookup secret. Submitting a draft already filed (a second press, a replayed request, a
// concurrent one) files nothing and returns it as it is, with fresh false. client names the
// applicant's address for the limit of Submissions. Errors: NotFound, Invalid (Check, complete; or
// the filing's own problems; or portal.submit.throttled when the address filed too many dossiers
// lately).
func (s *Service) Submit(ctx context.Context, token, client string, now time.Time) (Draft, bool, error) {
	d, o, err := s.Review(ctx, token, now)
	if err != nil || d.Submitted() {
		return d, false, err
	}
	if s.Submissions != nil && s.Submissions.Blocked(client, now) {
		return d, false, fault.New(fault.Invalid, "portal.submit.throttled")
	}
	in := processing.ReceiveInput{ProcedureCode: d.ProcedureCode, UnitCode: d.UnitCode, Applicant: d.applicant(),
		ReturnMethod: d.Data.ReturnMethod, ReturnAddress: strings.TrimSpace(d.Data.ReturnAddress), Sets: 1}
	var lost fault.Fields
	for j, c := range o.Procedure.Components {
		u, ok := d.Data.UploadFor(j, c.Name)
		if !ok {
			continue
		}
		if s.Dossiers.Files == nil {
			return d, false, fault.New(fault.Invalid, "attachment.storage_missing")
		}
		if has, err := s.Dossiers.Files.Exists(ctx, u.File.ID); err != nil {
			return d, false, fault.Wrap(err, "portal: upload")
		} else if !has {
			lost.Add(ComponentField(j), "portal.upload.lost", u.File.Name)
			continue
		}
		in.Components = append(in.Components, dossier.Paper{Name: c.Name, Originals: c.Originals, CertifiedCopies: c.CertifiedCopies, Copies: c.Copies})
		in.Scans = append(in.Scans, processing.Scan{Staged: attachment.Stored(u.File), Component: c.Name})
	}
	if err := lost.Err(); err != nil {
		return d, false, err
	}
	filer := *s.Dossiers
	filer.Store = draftFiler{Store: s.Dossiers.Store, drafts: s.Store, token: token}
	_, err = filer.SubmitOnline(ctx, in, now)
	if fault.Is(err, fault.Conflict) && fault.As(err).Message.Key == "portal.draft.submitted" {
		d, err = s.Store.Draft(ctx, token)
		return d, false, err
	}
	if err != nil {
		return d, false, err
	}
	if s.Submissions != nil {
		s.Submissions.Fail(client, now)
	}
	d, err = s.Store.Draft(ctx, token)
	return d, err == nil, err
}

// draftFiler is the dossiers' store with InsertDossier replaced by Store.FileDraft of one draft.
type draftFiler struct {
	processing.Store
	drafts Store
	token  string
}

// InsertDossier stores the dossier and records it on the draft, in one transaction.
func (f draftFiler) InsertDossier(ctx context.Context, actor account.Principal, d dossier.Dossier, events []dossier.Event, format string, codeDay time.Time) (dossier.Dossier, error) {
	return f.drafts.FileDraft(ctx, f.token, actor, d, events, format, codeDay)
}

// Expire deletes the drafts not changed for TTL before now and returns how many it deleted.
func (s *Service) Expire(ctx context.Context, now time.Time) (int64, error) {
	return s.Store.DeleteDraftsBefore(ctx, now.Add(-s.ttl()))
}

// sweep runs Expire when the last sweep is older than sweepEvery; its failure only delays it.
func (s *Service) sweep(ctx context.Context, now time.Time) {
	s.mu.Lock()
	due := now.Sub(s.lastSweep) >= sweepEvery
	if due {
		s.lastSweep = now
	}
	s.mu.Unlock()
	if due {
		_, _ = s.Expire(ctx, now)
	}
}

func (s *Service) ttl() time.Duration {
	if s.TTL > 0 {
		return s.TTL
	}
	return DefaultTTL
}

// tokenBytes is the entropy of a draft token: 128 bits, 22 characters.
const tokenBytes = 16

func (s *Service) newToken() (string, error) {
	r := s.Rand
	if r == nil {
		r = rand.Reader
	}
	b := make([]byte, tokenBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fault.Wrap(err, "portal: token")
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ValidToken reports whether s has the shape of a draft token (22 URL-safe base64 characters).
func ValidToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}

// Filed returns the dossier filed from a submitted draft, as stored (with the time by which the desk
// must answer it). Errors: NotFound.
func (s *Service) Filed(ctx context.Context, d Draft) (dossier.Dossier, error) {
	if !d.Submitted() {
		return dossier.Dossier{}, fault.New(fault.NotFound, "portal.draft.not_found")
	}
	return s.Dossiers.Store.DossierByCode(ctx, d.DossierCode)
}
