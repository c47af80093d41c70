// Package procedure is the catalog of administrative procedures (thủ tục hành
// chính, TTHC): the model of domain.md §3, its validation, the differences
// between two versions, reviews (rà soát), and the import and export formats
// (the sample JSON shape, the national database's JSON shape and an Excel
// workbook an officer can fill by hand).
//
// The package is pure: no database, no HTTP, no clock. Storage, pages and the
// command line live elsewhere and call into it.
//
// # Errors
//
// Problems with input are reported as [FieldErrors]: each names a field by its
// path in the sample JSON shape ("channels[1].fees[0].amount_vnd") and carries
// a message key ("procedure.fee.negative") with arguments, never an English
// sentence, so that the web layer can translate it. [MessageKeys] lists every
// key the package can produce. Imports wrap them in [ImportError], which adds
// the sheet, row and column the problem came from.
//
// # Dates
//
// Date-only fields (effective dates, legal document dates) are [time.Time]
// values at 00:00 in Vietnam time (UTC+7, see [Location]), so comparing them
// with instants such as a dossier's receipt time is correct. [ParseDate]
// produces such values; zero means unknown.
//
// # Legal time and workflow budgets
//
// The internal workflow's budgets, in working hours, must not add up to more
// than the legal processing time of the quickest channel. [Channel.LegalHours]
// converts a channel's time; see its documentation for how calendar days and
// months are turned into a conservative number of working hours.
package procedure
