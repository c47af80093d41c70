package processing

import (
	"context"
	"strings"

	"motcua/internal/account"
	"motcua/internal/attachment"
	"motcua/internal/dossier"
	"motcua/internal/fault"
)

// Scan is an uploaded file waiting to be attached to a dossier: staged (hashed, typed and checked)
// but not stored yet, so that nothing is kept when the operation fails.
type Scan struct {
	Staged    *attachment.Staged
	Component string // the checklist paper it is a scan of, if any
}

// files returns the dossier's view of the scans.
func files(scans []Scan, purpose dossier.FilePurpose) []dossier.File {
	out := make([]dossier.File, 0, len(scans))
	for _, sc := range scans {
		f := sc.Staged.File()
		out = append(out, dossier.File{ID: f.ID, Name: f.Name, Size: f.Size, Type: f.Type, Purpose: purpose,
			Component: sc.Component, UploadedBy: f.UploadedBy, UploadedAt: f.UploadedAt})
	}
	return out
}

// attach adds the scans to the dossier and names them on the last event.
func attach(d *dossier.Dossier, events []dossier.Event, scans []Scan, purpose dossier.FilePurpose) {
	fs := files(scans, purpose)
	d.Files = append(d.Files, fs...)
	if len(events) > 0 {
		for _, f := range fs {
			events[len(events)-1].Attachments = append(events[len(events)-1].Attachments, f.ID)
		}
	}
}

// withFiles stores the scans' content, runs save, and removes the content it stored when save fails,
// so that a failed operation leaves no file behind. Content already stored (the same paper attached
// elsewhere) is left alone.
func (s *Service) withFiles(ctx context.Context, scans []Scan, save func() (dossier.Dossier, error)) (dossier.Dossier, error) {
	if len(scans) == 0 {
		return save()
	}
	if s.Files == nil {
		return dossier.Dossier{}, fault.New(fault.Invalid, "attachment.storage_missing")
	}
	var fresh []string
	drop := func() {
		for _, id := range fresh {
			_ = s.Files.Delete(context.WithoutCancel(ctx), id)
		}
	}
	for _, sc := range scans {
		id := sc.Staged.File().ID
		had, err := s.Files.Exists(ctx, id)
		if err != nil {
			drop()
			return dossier.Dossier{}, fault.Wrap(err, "attachment")
		}
		if err := sc.Staged.Commit(ctx, s.Files); err != nil {
			drop()
			return dossier.Dossier{}, fault.Wrap(err, "attachment")
		}
		if !had {
			fresh = append(fresh, id)
		}
	}
	d, err := save()
	if err != nil {
		drop()
	}
	return d, err
}

// File returns a file of a dossier for an officer who may see the dossier; its content is in
// s.Files under its ID. Errors: NotFound (no such dossier or file), Forbidden.
func (s *Service) File(ctx context.Context, p account.Principal, code, id string) (dossier.File, error) {
	d, err := s.Store.DossierByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil {
		return dossier.File{}, err
	}
	if err := s.authorize(ctx, p, d, account.ViewDossiers); err != nil {
		return dossier.File{}, err
	}
	f, ok := d.File(id)
	if !ok || s.Files == nil {
		return dossier.File{}, fault.New(fault.NotFound, "attachment.not_found")
	}
	return f, nil
}
