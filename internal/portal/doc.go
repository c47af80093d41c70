// Package portal is the citizen's side of filing a dossier online on the public portal (hồ sơ trực
// tuyến, status 1 "Mới đăng ký"): a Draft kept on the server while the applicant fills it in, so that a
// reload or a later visit shows everything entered, including the files already uploaded (their content
// is kept in the attachment blobs under its hash), and its submission, which files exactly one dossier
// through processing.Service.SubmitOnline however often it is pressed or replayed: the dossier and the
// draft's record of its code are written in one transaction (Store.FileDraft).
//
// Drafts not touched for TTL (30 days by default) expire: they are no longer shown and Expire deletes
// them. The blobs they named are left to the sweep that checks every record, since content-addressed
// blobs may be shared.
package portal
