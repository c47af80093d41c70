-- A covering index for the settlement report II.06a (store/report.go): the report reads the dossiers
-- of a list of desks received before the period end, and every column it compares or groups on is in
-- the index, so it never visits the table.
CREATE INDEX dossiers_report ON dossiers(receiving_unit, received_at, finished_at, original_due_at, channel, timeliness, field_name);
