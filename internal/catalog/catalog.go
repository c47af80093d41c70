// Package catalog keeps the catalog of procedures (danh mục TTHC) over storage: versions and their
// publication, which units apply which procedures, the public search, imports and exports, and the
// reviews of the TTHC control team. The model and its rules live in package procedure; this package
// decides who may do what and keeps the versions consistent.
//
// Versions: a procedure is created as a draft (or published directly by an import). Publishing a
// draft makes it the current version and marks the previous published version amended; both stay
// readable, and the version in force at an instant is the one with the latest effective date not
// after it (see InForce). Editing a published procedure means opening a new draft version.
package catalog

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"motcua/internal/account"
	"motcua/internal/fault"
	"motcua/internal/fold"
	"motcua/internal/procedure"
)

// Query selects procedures for the public catalog and the staff list.
type Query struct {
	// Text is matched without accents against code and name; Search folds it.
	Text     string
	UnitCode string
	Field    string // field name or code
	Level    string // province, district, commune
	Code     string
	// Statuses to include; empty means every status.
	Statuses []procedure.Status
	Limit    int
	Offset   int
	// Full asks for whole procedures; lists get only what they show (see Store.SearchProcedures).
	Full bool
}

// Store is what the catalog needs from storage; every write records its audit entry.
type Store interface {
	SaveProcedureVersion(ctx context.Context, actor account.Principal, p procedure.Procedure, supersede *procedure.Procedure) error
	UpdateProcedureVersion(ctx context.Context, actor account.Principal, p procedure.Procedure, also *procedure.Procedure) error
	ProcedureVersions(ctx context.Context, code string) ([]procedure.Procedure, error)
	SearchProcedures(ctx context.Context, q Query) ([]procedure.Procedure, int, error)
	AddProcedureUnits(ctx context.Context, actor account.Principal, code string, unitCodes []string) error
	RemoveProcedureUnit(ctx context.Context, actor account.Principal, code, unitCode string) error
	ProcedureUnits(ctx context.Context, code string) ([]string, error)
	AllProcedureUnits(ctx context.Context) (map[string]map[string]bool, error)
	Fields(ctx context.Context) ([]procedure.Field, error)
	LegalDocuments(ctx context.Context) ([]procedure.LegalDocument, error)
	SaveLegalDocument(ctx context.Context, actor account.Principal, d procedure.LegalDocument) error
	SaveReview(ctx context.Context, actor account.Principal, r procedure.Review) (procedure.Review, error)
	Reviews(ctx context.Context, code string) ([]procedure.Review, error)
	Units(ctx context.Context) ([]account.Unit, error)
}

// Service is the catalog.
type Service struct {
	Store Store
	// Now is the clock used only to age the search index; nil means time.Now.
	Now func() time.Time

	idx index
}

// canEdit: only TTHC control officers and administrators change the catalog.
func canEdit(p account.Principal) error {
	if p.UnitPath == "" {
		return fault.New(fault.Unauthorized, "error.unauthorized")
	}
	if !p.Can(account.ManageCatalog) {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	return nil
}

// invalid turns the package procedure's field errors into a translated-ready Invalid error.
func invalid(err error) error {
	var fes procedure.FieldErrors
	if !errors.As(err, &fes) {
		var one procedure.FieldError
		if !errors.As(err, &one) {
			return err
		}
		fes = procedure.FieldErrors{one}
	}
	var f fault.Fields
	for _, e := range fes {
		f.Add(e.Field, e.Key, e.Args...)
	}
	return f.Err()
}

// Search returns a page of procedures and the total matching; anyone may search the published
// catalog. The text is folded so "dang ky khai sinh" finds "Đăng ký khai sinh". Searches of the
// published catalog alone are answered from the in-memory index, ordered by field and name without
// regard to accents; others (staff lists of drafts, whole procedures) go to storage.
func (s *Service) Search(ctx context.Context, q Query) ([]procedure.Procedure, int, error) {
	q.Text = fold.String(q.Text)
	q.UnitCode = strings.ToUpper(strings.TrimSpace(q.UnitCode))
	q.Code = strings.TrimSpace(q.Code)
	if q.Offset < 0 {
		q.Offset = 0
	}
	if !q.Full && len(q.Statuses) == 1 && q.Statuses[0] == procedure.Published {
		return s.searchIndex(ctx, q)
	}
	return s.Store.SearchProcedures(ctx, q)
}

// Published returns the current published (or, if none, the latest abolished) version of a code.
// Errors: NotFound when it was never published.
func (s *Service) Published(ctx context.Context, code string) (procedure.Procedure, error) {
	vs, err := s.Store.ProcedureVersions(ctx, strings.TrimSpace(code))
	if err != nil {
		return procedure.Procedure{}, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].Status == procedure.Published || vs[i].Status == procedure.Abolished {
			return vs[i], nil
		}
	}
	return procedure.Procedure{}, fault.New(fault.NotFound, "catalog.not_found", code)
}

// InForce returns the version of a procedure in force at instant t, the one a dossier received at t
// pins: among published, amended and abolished versions, the latest whose effective date is not
// after t, unless abolished by then. Errors: NotFound.
func (s *Service) InForce(ctx context.Context, code string, t time.Time) (procedure.Procedure, error) {
	vs, err := s.versionsOf(ctx, strings.TrimSpace(code))
	if err != nil {
		return procedure.Procedure{}, err
	}
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		if v.Status == procedure.Draft {
			continue
		}
		if v.EffectiveFrom.IsZero() || !v.EffectiveFrom.After(t) {
			if !v.AbolishedFrom.IsZero() && !t.Before(v.AbolishedFrom) {
				break
			}
			return v, nil
		}
	}
	return procedure.Procedure{}, fault.New(fault.NotFound, "catalog.not_in_force", code)
}

// Versions returns every version of a procedure, oldest first, with what changed from the one
// before. Drafts are shown only to editors.
func (s *Service) Versions(ctx context.Context, p account.Principal, code string) ([]Version, error) {
	vs, err := s.Store.ProcedureVersions(ctx, strings.TrimSpace(code))
	if err != nil {
		return nil, err
	}
	editor := canEdit(p) == nil
	var out []Version
	var prev *procedure.Procedure
	for i := range vs {
		if vs[i].Status == procedure.Draft && !editor {
			continue
		}
		v := Version{Procedure: vs[i]}
		if prev != nil {
			v.Changes = procedure.Diff(*prev, vs[i])
		}
		out = append(out, v)
		prev = &vs[i]
	}
	if len(out) == 0 {
		return nil, fault.New(fault.NotFound, "catalog.not_found", code)
	}
	return out, nil
}

// Version is one version with what changed since the one before it.
type Version struct {
	procedure.Procedure
	Changes []procedure.Change
}

// Units returns the codes of the units that apply a procedure.
func (s *Service) Units(ctx context.Context, code string) ([]string, error) {
	us, err := s.unitsOf(ctx, code)
	return slices.Clone(us), err
}

// Fields lists the fields in use, for filters.
func (s *Service) Fields(ctx context.Context) ([]procedure.Field, error) { return s.Store.Fields(ctx) }

// Version returns one version of a procedure (the one a dossier pinned). Errors: NotFound.
func (s *Service) Version(ctx context.Context, code string, version int) (procedure.Procedure, error) {
	vs, err := s.versionsOf(ctx, strings.TrimSpace(code))
	if err != nil {
		return procedure.Procedure{}, err
	}
	for _, v := range vs {
		if v.Version == version {
			return v, nil
		}
	}
	return procedure.Procedure{}, fault.New(fault.NotFound, "catalog.not_found", code)
}
