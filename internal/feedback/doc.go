// Package feedback is the life of a piece of feedback or a complaint (phản ánh, kiến nghị, PAKN) of
// domain.md §9: anyone sends it to a unit about a procedure, a dossier or an officer's conduct; the
// unit's staff reject it, ask for more information, answer it and publish the answer, each within a
// number of working days counted on the unit's calendar from receipt. Deadlines and the on-time class
// of each step are computed here from a calendar passed in, and stored as columns so that the store
// only compares and groups. The public copies of texts are masked here too (mask.go).
package feedback
