package procedure

import (
	"fmt"
	"slices"
	"strings"
)

// Message keys. Each is a key of the translation catalogs; the arguments a key
// takes are listed beside it. Field paths are those of the sample JSON shape.
const (
	keyRequired          = "procedure.required"                        // the field must not be empty
	keyCodeInvalid       = "procedure.code.invalid"                    // (code)
	keyChannelsRequired  = "procedure.channels.required"               // at least one channel
	keyChannelInvalid    = "procedure.channel.invalid"                 // (value)
	keyChannelDuplicate  = "procedure.channel.duplicate"               // (channel)
	keyTimeNegative      = "procedure.time.negative"                   // (time)
	keyTimeInvalid       = "procedure.time.invalid"                    // (value) not a whole number
	keyUnitInvalid       = "procedure.unit.invalid"                    // (value)
	keyFeeNegative       = "procedure.fee.negative"                    // (amount)
	keyAmountInvalid     = "procedure.fee.amount.invalid"              // (value) not a sum of money
	keyCountNegative     = "procedure.component.count.negative"        // (count)
	keyNumberInvalid     = "procedure.number.invalid"                  // (value) not a whole number
	keyBoolInvalid       = "procedure.bool.invalid"                    // (value) not yes/no
	keyDateInvalid       = "procedure.date.invalid"                    // (value)
	keyCutoffInvalid     = "procedure.cutoff.invalid"                  // (value) not HH:MM
	keyPolicyInvalid     = "procedure.supplement_policy.invalid"       // (value)
	keyDaysNegative      = "procedure.supplement_days.negative"        // (days)
	keyLevelInvalid      = "procedure.level.invalid"                   // (value)
	keySubjectInvalid    = "procedure.subject.invalid"                 // (value)
	keyOnlineInvalid     = "procedure.online_level.invalid"            // (value)
	keyStatusInvalid     = "procedure.status.invalid"                  // (value)
	keyStatusMove        = "procedure.status.transition"               // (from, to)
	keyVersionInvalid    = "procedure.version.invalid"                 // (version)
	keyAbolishedBefore   = "procedure.abolished_from.before_effective" // (abolished, effective)
	keyHoursNegative     = "procedure.workflow.hours.negative"         // (hours)
	keyWorkflowOver      = "procedure.workflow.over_legal_time"        // (sum hours, limit hours, channel)
	keyImportDuplicate   = "import.code.duplicate"                     // (code, first row)
	keyImportUnknownCode = "import.code.unknown"                       // (code) child row without a procedure row
	keyImportMalformed   = "import.row.malformed"                      // (detail) the row is not the expected shape
	keyImportConflict    = "import.channel.conflict"                   // (channel) two rows disagree on its time
	keyUnitAssumed       = "import.unit.assumed"                       // (unit) no unit given; this one assumed
	keyTimeExtra         = "import.time.extra"                         // (channel) more than one time; the first is used
	keyTimeRounded       = "import.time.rounded"                       // (value, rounded) a fractional time rounded up
	keyColumnMissing     = "import.column.missing"                     // (sheet, header) a required column is absent
	keySheetMissing      = "import.sheet.missing"                      // (sheet) the main sheet is absent
	keyReviewProposal    = "review.proposal.invalid"                   // (value)
	keyReviewStatus      = "review.status.invalid"                     // (value)
	keyReviewMove        = "review.status.transition"                  // (from, to)
	keyReviewSavings     = "review.savings.negative"                   // (amount)
	keyReviewLegalEmpty  = "review.new_legal_docs.empty"               // a legal document number is empty
)

// MessageKeys returns every message key the package can put in a
// [FieldError], sorted, so that a test of the translation catalogs can check
// none is missing.
func MessageKeys() []string {
	keys := []string{
		keyRequired, keyCodeInvalid, keyChannelsRequired, keyChannelInvalid, keyChannelDuplicate,
		keyTimeNegative, keyTimeInvalid, keyUnitInvalid, keyFeeNegative, keyAmountInvalid,
		keyCountNegative, keyNumberInvalid, keyBoolInvalid, keyDateInvalid, keyCutoffInvalid,
		keyPolicyInvalid, keyDaysNegative, keyLevelInvalid, keySubjectInvalid, keyOnlineInvalid,
		keyStatusInvalid, keyStatusMove, keyVersionInvalid, keyAbolishedBefore, keyHoursNegative,
		keyWorkflowOver, keyImportDuplicate, keyImportUnknownCode, keyImportMalformed,
		keyImportConflict, keyUnitAssumed, keyTimeExtra, keyTimeRounded, keyColumnMissing,
		keySheetMissing, keyReviewProposal, keyReviewStatus, keyReviewMove, keyReviewSavings,
		keyReviewLegalEmpty,
	}
	slices.Sort(keys)
	return keys
}

// FieldError is one problem with one field: the field's path in the sample
// JSON shape (e.g. "channels[0].fees[1].amount_vnd"), a message key and the
// key's arguments.
type FieldError struct {
	Field string `json:"field"`
	Key   string `json:"key"`
	Args  []any  `json:"args,omitempty"`
}

// Error returns the problem for logs, untranslated: "field: key (args)".
func (e FieldError) Error() string {
	var b strings.Builder
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Key)
	if len(e.Args) > 0 {
		b.WriteString(" ")
		b.WriteString(fmt.Sprint(e.Args))
	}
	return b.String()
}

// FieldErrors is the error returned by validation: every problem found, in
// field order. A nil or empty FieldErrors is never returned as an error.
type FieldErrors []FieldError

// Error joins the problems with "; ".
func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Has reports whether some problem is about field with the given key.
func (es FieldErrors) Has(field, key string) bool {
	return slices.ContainsFunc(es, func(e FieldError) bool { return e.Field == field && e.Key == key })
}

// add appends a problem.
func (es *FieldErrors) add(field, key string, args ...any) {
	*es = append(*es, FieldError{Field: field, Key: key, Args: args})
}

// err returns es as an error, or nil when there is no problem.
func (es FieldErrors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
