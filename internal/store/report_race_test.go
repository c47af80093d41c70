//go:build race

package store_test

// The race detector makes building the 275,380 dossiers of TestSettlementSeedFigures take minutes.
func init() { raceDetector = true }
