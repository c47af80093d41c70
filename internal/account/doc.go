// Package account holds the organisation side of motcua: the tree of units (đơn vị), the officers who
// work in them with their roles, sessions, and the single place where access is decided (Authorize).
//
// Scope rule: every role a user holds applies to the user's unit and the units below it. A unit's
// Path lists the ids of its ancestors and itself ("/1/4/9/"), so "is this unit inside my scope" is a
// prefix test on paths, the same in Go and in SQL.
package account
