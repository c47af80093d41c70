// Package analysis computes the control team's analyses of domain.md §8 over a unit (and its
// subtree) and a period: the Decision 766 indicators (scored by package indicator), the average
// processing time per procedure, the on-time ranking of units and the bottlenecks of the workflow
// (time spent per step, office and officer against the steps' budgets).
//
// The store returns one Fact per dossier of column (3) of report II.06a (received before the period
// end and not finished before its start), with the steps and waits of its document; every figure is
// computed here in Go, so that medians and percentiles are the same on SQLite and PostgreSQL.
// Working time is counted with the working calendar of the dossier's receiving unit.
package analysis
