package procedure

import "slices"

// TimeUnit is the unit of a channel's legal processing time.
type TimeUnit string

// Time units of domain.md §6.
const (
	// WorkingDay is a working day of 8 working hours.
	WorkingDay TimeUnit = "WORKING_DAY"
	// WorkingHour is one working hour, counted along desk hours.
	WorkingHour TimeUnit = "WORKING_HOUR"
	// Day is a calendar day.
	Day TimeUnit = "DAY"
	// Month is a calendar month.
	Month TimeUnit = "MONTH"
)

// TimeUnits returns every valid time unit, in display order.
func TimeUnits() []TimeUnit { return []TimeUnit{WorkingDay, WorkingHour, Day, Month} }

// Valid reports whether u is one of [TimeUnits].
func (u TimeUnit) Valid() bool { return slices.Contains(TimeUnits(), u) }

// ChannelKind is how a dossier is filed (cách thức thực hiện).
type ChannelKind string

// Channels of domain.md §3; the national codes are 1, 2 and 3 in this order.
const (
	// InPerson is filing at the desk (trực tiếp), national code 1.
	InPerson ChannelKind = "in_person"
	// Online is filing on the public service portal (trực tuyến), national code 2.
	Online ChannelKind = "online"
	// Postal is filing through the public postal service (bưu chính), national code 3.
	Postal ChannelKind = "postal"
)

// ChannelKinds returns every valid channel, in national code order.
func ChannelKinds() []ChannelKind { return []ChannelKind{InPerson, Online, Postal} }

// Valid reports whether k is one of [ChannelKinds].
func (k ChannelKind) Valid() bool { return slices.Contains(ChannelKinds(), k) }

// NationalCode returns the channel's code in national data exchange (1, 2,
// 3), or 0 for an invalid channel.
func (k ChannelKind) NationalCode() int { return slices.Index(ChannelKinds(), k) + 1 }

// Level is an administrative level that implements a procedure (cấp thực hiện).
type Level string

// Implementing levels. District exists only for data before 1 July 2025.
const (
	// Province is the provincial level (cấp tỉnh).
	Province Level = "province"
	// District is the district level (cấp huyện), abolished on 1 July 2025.
	District Level = "district"
	// Commune is the commune, ward or town level (cấp xã).
	Commune Level = "commune"
)

// Levels returns every valid level, from the top.
func Levels() []Level { return []Level{Province, District, Commune} }

// Valid reports whether l is one of [Levels].
func (l Level) Valid() bool { return slices.Contains(Levels(), l) }

// Subject is a kind of applicant (đối tượng thực hiện).
type Subject string

// Applicant kinds; the national codes are 1 to 4 in this order.
const (
	// Citizen is a person (công dân), national code 1.
	Citizen Subject = "citizen"
	// Business is an enterprise, cooperative or household business (doanh nghiệp), code 2.
	Business Subject = "business"
	// Agency is a state agency (cơ quan nhà nước), code 3.
	Agency Subject = "agency"
	// OtherSubject is any other organisation (tổ chức khác), code 4.
	OtherSubject Subject = "other"
)

// Subjects returns every valid subject, in national code order.
func Subjects() []Subject { return []Subject{Citizen, Business, Agency, OtherSubject} }

// Valid reports whether s is one of [Subjects].
func (s Subject) Valid() bool { return slices.Contains(Subjects(), s) }

// OnlineLevel is how much of a procedure can be done online.
type OnlineLevel string

// Online service levels.
const (
	// OnlineFull is a fully online service (toàn trình).
	OnlineFull OnlineLevel = "full"
	// OnlinePartial is a partly online service (một phần).
	OnlinePartial OnlineLevel = "partial"
	// OnlineNone is not offered online.
	OnlineNone OnlineLevel = "none"
)

// OnlineLevels returns every valid online level, most online first.
func OnlineLevels() []OnlineLevel { return []OnlineLevel{OnlineFull, OnlinePartial, OnlineNone} }

// Valid reports whether l is one of [OnlineLevels].
func (l OnlineLevel) Valid() bool { return slices.Contains(OnlineLevels(), l) }

// SupplementPolicy says what a supplement during processing does to the clock.
type SupplementPolicy string

// Supplement policies of domain.md §4.
const (
	// Restart restarts the legal time when the complete supplement arrives
	// (Decree 118 Art. 19(5)); the default.
	Restart SupplementPolicy = "restart"
	// Pause does not count the waiting time: the appointment moves by it.
	Pause SupplementPolicy = "pause"
)

// SupplementPolicies returns every valid policy, the default first.
func SupplementPolicies() []SupplementPolicy { return []SupplementPolicy{Restart, Pause} }

// Valid reports whether p is one of [SupplementPolicies].
func (p SupplementPolicy) Valid() bool { return slices.Contains(SupplementPolicies(), p) }

// Status is the life-cycle state of one version of a procedure.
type Status string

// Version statuses.
const (
	// Draft is being written and is not public.
	Draft Status = "draft"
	// Published is in force and public.
	Published Status = "published"
	// Amended was published and is superseded by a newer version.
	Amended Status = "amended"
	// Abolished no longer applies from its AbolishedFrom date.
	Abolished Status = "abolished"
)

// Statuses returns every valid status, in life-cycle order.
func Statuses() []Status { return []Status{Draft, Published, Amended, Abolished} }

// Valid reports whether s is one of [Statuses].
func (s Status) Valid() bool { return slices.Contains(Statuses(), s) }

// statusMoves lists the allowed status changes of a version.
var statusMoves = map[Status][]Status{
	Draft:     {Published},
	Published: {Amended, Abolished},
	Amended:   {},
	Abolished: {},
}

// CanBecome reports whether a version in status s may move to status to:
// draft → published; published → amended (a newer version was published) or
// abolished. Amended and abolished are final; a draft is deleted, not abolished.
func (s Status) CanBecome(to Status) bool { return slices.Contains(statusMoves[s], to) }
