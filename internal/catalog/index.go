package catalog

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"motcua/internal/fold"
	"motcua/internal/procedure"
)

// The public catalog is read far more often than it changes, and a province has a few thousand
// procedures: searches of the published catalog run over an in-memory index of the list summaries,
// rebuilt after every change made through this Service and refreshed in the background once it is a
// minute old (so that several servers sharing a database agree soon after a change made elsewhere).

// indexTTL is how long the index is used before a background refresh.
const indexTTL = time.Minute

// entry is one published procedure in the index.
type entry struct {
	proc  procedure.Procedure // the list summary
	key   string              // folded code and name
	field string              // folded field name, for ordering
	name  string              // folded name, for ordering
	units map[string]bool
}

type index struct {
	mu         sync.Mutex
	entries    []entry
	loaded     bool
	loadedAt   time.Time
	refreshing bool

	// versions caches every version of the procedures asked for by InForce and Version (each
	// reception asks), dropped with the index and after indexTTL.
	versions   map[string][]procedure.Procedure
	versionsAt time.Time
	// units caches the units applying the procedures asked for by receptions, likewise.
	units   map[string][]string
	unitsAt time.Time
}

// invalidate drops the index after a change, so the next search sees it.
func (s *Service) invalidate() {
	s.idx.mu.Lock()
	s.idx.loaded = false
	s.idx.versions = nil
	s.idx.units = nil
	s.idx.mu.Unlock()
}

// unitsOf returns the units applying a procedure, from the cache when it is fresh (the same life as
// the versions'). Callers must not change the slice.
func (s *Service) unitsOf(ctx context.Context, code string) ([]string, error) {
	s.idx.mu.Lock()
	if s.idx.units == nil || s.now().Sub(s.idx.unitsAt) > indexTTL {
		s.idx.units, s.idx.unitsAt = map[string][]string{}, s.now()
	}
	us, ok := s.idx.units[code]
	s.idx.mu.Unlock()
	if ok {
		return us, nil
	}
	us, err := s.Store.ProcedureUnits(ctx, code)
	if err != nil {
		return nil, err
	}
	s.idx.mu.Lock()
	if s.idx.units != nil {
		s.idx.units[code] = us
	}
	s.idx.mu.Unlock()
	return us, nil
}

// versionsOf returns every version of a procedure, from the cache when it is fresh. Callers must
// not change the slice.
func (s *Service) versionsOf(ctx context.Context, code string) ([]procedure.Procedure, error) {
	s.idx.mu.Lock()
	if s.idx.versions == nil || s.now().Sub(s.idx.versionsAt) > indexTTL {
		s.idx.versions, s.idx.versionsAt = map[string][]procedure.Procedure{}, s.now()
	}
	vs, ok := s.idx.versions[code]
	s.idx.mu.Unlock()
	if ok {
		return vs, nil
	}
	vs, err := s.Store.ProcedureVersions(ctx, code)
	if err != nil {
		return nil, err
	}
	s.idx.mu.Lock()
	if s.idx.versions != nil {
		s.idx.versions[code] = vs
	}
	s.idx.mu.Unlock()
	return vs, nil
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// published returns the index entries, loading them when missing and refreshing them in the
// background when old.
func (s *Service) published(ctx context.Context) ([]entry, error) {
	s.idx.mu.Lock()
	if s.idx.loaded {
		entries := s.idx.entries
		if s.now().Sub(s.idx.loadedAt) > indexTTL && !s.idx.refreshing {
			s.idx.refreshing = true
			go s.refresh(context.WithoutCancel(ctx))
		}
		s.idx.mu.Unlock()
		return entries, nil
	}
	s.idx.mu.Unlock()
	return s.refresh(ctx)
}

// refresh reads the published summaries and the units applying them, and installs a new index.
func (s *Service) refresh(ctx context.Context) ([]entry, error) {
	entries, err := s.load(ctx)
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	s.idx.refreshing = false
	if err != nil {
		return nil, err
	}
	s.idx.entries, s.idx.loaded, s.idx.loadedAt = entries, true, s.now()
	return entries, nil
}

func (s *Service) load(ctx context.Context) ([]entry, error) {
	units, err := s.Store.AllProcedureUnits(ctx)
	if err != nil {
		return nil, err
	}
	var out []entry
	for offset := 0; ; offset += 1000 {
		page, total, err := s.Store.SearchProcedures(ctx, Query{Statuses: []procedure.Status{procedure.Published, procedure.Abolished}, Limit: 1000, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, p := range page {
			if p.Status == procedure.Abolished && !s.now().Before(p.AbolishedFrom) {
				continue // abolished already; one abolished from a later day is still listed until then
			}
			out = append(out, entry{proc: p, key: procedure.SearchKey(p), field: fold.String(p.Field.Name), name: fold.String(p.Name), units: units[p.Code]})
		}
		if offset+len(page) >= total || len(page) == 0 {
			break
		}
	}
	slices.SortStableFunc(out, func(a, b entry) int {
		if c := strings.Compare(a.field, b.field); c != 0 {
			return c
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return strings.Compare(a.proc.Code, b.proc.Code)
	})
	return out, nil
}

// searchIndex answers a query on published procedures from the index.
func (s *Service) searchIndex(ctx context.Context, q Query) ([]procedure.Procedure, int, error) {
	entries, err := s.published(ctx)
	if err != nil {
		return nil, 0, err
	}
	limit := q.Limit
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	field := fold.String(q.Field)
	var page []procedure.Procedure
	total := 0
	for i := range entries {
		e := &entries[i]
		if q.Text != "" && !strings.Contains(e.key, q.Text) {
			continue
		}
		if q.UnitCode != "" && !e.units[q.UnitCode] {
			continue
		}
		if q.Field != "" && e.field != field && e.proc.Field.Code != q.Field {
			continue
		}
		if q.Level != "" && !slices.Contains(e.proc.Levels, procedure.Level(q.Level)) {
			continue
		}
		if q.Code != "" && e.proc.Code != q.Code {
			continue
		}
		if total >= q.Offset && len(page) < limit {
			page = append(page, e.proc)
		}
		total++
	}
	return page, total, nil
}
