package account

import (
	"time"
)

// Service applies the rules of units and accounts: it validates input, decides access through
// Authorize, and asks the Store to write. Every method takes the acting principal and, where the
// time matters, the current instant (the service never reads a clock).
type Service struct {
	Store Store
	// Hash is the argon2id cost; the zero value means DefaultHashParams.
	Hash HashParams
}

// zone is business time, Asia/Ho_Chi_Minh (UTC+7, no daylight saving since 1975).
var zone = time.FixedZone("ICT", 7*3600)

// Today returns the business day of an instant as YYYY-MM-DD.
func Today(now time.Time) string { return now.In(zone).Format("2006-01-02") }

func (s *Service) hashParams() HashParams {
	if s.Hash.Memory == 0 {
		return DefaultHashParams
	}
	return s.Hash
}
