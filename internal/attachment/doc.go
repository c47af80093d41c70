// Package attachment stores the scanned papers attached to a dossier (hồ sơ): the components
// handed in at reception, the supplements asked for later and the results returned.
//
// It is pure storage: it knows nothing of dossiers, users or the database. A handler
//
//  1. stages every uploaded file with [Stage], which copies it to a temporary file while counting
//     and hashing it, detects its type from its content (never from its name or the browser's
//     claim) and checks it against [Limits];
//  2. does its own validation and prepares its database records from [Staged.File];
//  3. commits the staged files to a [Blobs] store (a [Batch] commits several), then commits its
//     database transaction;
//  4. always discards the staged files (defer), so that nothing is left behind when a step fails.
//
// Blobs are content-addressed: a file's ID is the lowercase hex SHA-256 of its bytes, so the same
// scan uploaded twice is stored once, and a blob may be shared by several records. For that
// reason nothing in this package deletes a blob on a failed operation; unreferenced blobs are
// for a separate sweep that checks the database first.
//
// [Blobs] is an interface so that an S3-compatible store can be added beside [Local], which keeps
// blobs on the local file system. [Serve] sends a stored file back as a download.
//
// Validation failures are *fault.Error values of kind Invalid naming the caller's field, with the
// message keys listed by [MessageKeys]; other failures are internal.
package attachment
