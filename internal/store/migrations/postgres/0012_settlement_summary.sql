-- Pre-aggregated counts for report II.06a (store/summary.go): every dossier received and finished
-- (finished_at >= received_at > 0) never changes again in what the report reads, so it is counted
-- once here instead of being scanned by every report. A row holds, for one receiving desk, field and
-- procedure, the dossiers whose day falls in one bucket: span 0 is a day (days since 1970-01-01 in
-- business time, UTC+7), span 1 a month (year × 12 + month − 1), span 2 a year. The day is, per
-- counter: received and received_online, the day received; finished, early, on_time and late, the
-- day finished; due_received, the later of the days received and originally due; due_finished, the
-- later of the days originally due and finished. The report sums them before
-- its two bounds (prefix sums); the dossiers still open, and the few finished before they were
-- received, are counted live over the partial index dossiers_open.
CREATE TABLE settlement_summary (
    receiving_unit  TEXT    NOT NULL,
    span            INTEGER NOT NULL,
    bucket          INTEGER NOT NULL,
    field_name      TEXT    NOT NULL,
    procedure_code  TEXT    NOT NULL,
    received        BIGINT  NOT NULL,
    received_online BIGINT  NOT NULL,
    finished        BIGINT  NOT NULL,
    early           BIGINT  NOT NULL,
    on_time         BIGINT  NOT NULL,
    late            BIGINT  NOT NULL,
    due_received    BIGINT  NOT NULL,
    due_finished    BIGINT  NOT NULL,
    PRIMARY KEY (receiving_unit, span, bucket, field_name, procedure_code)
);

-- The dossiers the summary leaves to the live count: unfinished, or finished before received.
CREATE INDEX dossiers_open ON dossiers(receiving_unit, finished_at, field_name, procedure_code, received_at, original_due_at, channel, timeliness)
    WHERE finished_at = 0 OR finished_at < received_at;

-- Backfill from the dossiers already stored: the days first, then the months from the days and the
-- years from the months.
INSERT INTO settlement_summary (receiving_unit, span, bucket, field_name, procedure_code, received, received_online,
    finished, early, on_time, late, due_received, due_finished)
SELECT receiving_unit, 0, day, field_name, procedure_code, SUM(r), SUM(ro), SUM(f), SUM(fe), SUM(fo), SUM(fl), SUM(dr), SUM(df)
FROM (
    SELECT receiving_unit, field_name, procedure_code, (received_at + 25200000) / 86400000 AS day,
        1 AS r, CASE WHEN channel = 2 THEN 1 ELSE 0 END AS ro, 0 AS f, 0 AS fe, 0 AS fo, 0 AS fl, 0 AS dr, 0 AS df
    FROM dossiers WHERE received_at > 0 AND finished_at >= received_at
    UNION ALL
    SELECT receiving_unit, field_name, procedure_code, (finished_at + 25200000) / 86400000,
        0, 0, 1, CASE WHEN timeliness = 'early' THEN 1 ELSE 0 END, CASE WHEN timeliness = 'on_time' THEN 1 ELSE 0 END,
        CASE WHEN timeliness = 'late' THEN 1 ELSE 0 END, 0, 0
    FROM dossiers WHERE received_at > 0 AND finished_at >= received_at
    UNION ALL
    SELECT receiving_unit, field_name, procedure_code,
        (CASE WHEN original_due_at > received_at THEN original_due_at ELSE received_at END + 25200000) / 86400000,
        0, 0, 0, 0, 0, 0, 1, 0
    FROM dossiers WHERE received_at > 0 AND finished_at >= received_at
    UNION ALL
    SELECT receiving_unit, field_name, procedure_code,
        (CASE WHEN original_due_at > finished_at THEN original_due_at ELSE finished_at END + 25200000) / 86400000,
        0, 0, 0, 0, 0, 0, 0, 1
    FROM dossiers WHERE received_at > 0 AND finished_at >= received_at
) x
GROUP BY receiving_unit, field_name, procedure_code, day;

INSERT INTO settlement_summary (receiving_unit, span, bucket, field_name, procedure_code, received, received_online,
    finished, early, on_time, late, due_received, due_finished)
SELECT receiving_unit, 1, month, field_name, procedure_code, SUM(received), SUM(received_online), SUM(finished),
    SUM(early), SUM(on_time), SUM(late), SUM(due_received), SUM(due_finished)
FROM (SELECT s.*, CAST(EXTRACT(YEAR FROM to_timestamp(bucket * 86400) AT TIME ZONE 'UTC') AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM to_timestamp(bucket * 86400) AT TIME ZONE 'UTC') AS BIGINT) - 1 AS month FROM settlement_summary s WHERE span = 0) x
GROUP BY receiving_unit, field_name, procedure_code, month;

INSERT INTO settlement_summary (receiving_unit, span, bucket, field_name, procedure_code, received, received_online,
    finished, early, on_time, late, due_received, due_finished)
SELECT receiving_unit, 2, bucket / 12, field_name, procedure_code, SUM(received), SUM(received_online), SUM(finished),
    SUM(early), SUM(on_time), SUM(late), SUM(due_received), SUM(due_finished)
FROM settlement_summary WHERE span = 1
GROUP BY receiving_unit, field_name, procedure_code, bucket / 12;
