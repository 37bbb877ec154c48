-- OtMz schema, migration 0003: Orleans' ADO.NET reminders (Microsoft.Orleans.Reminders.AdoNet 10.x, "Npgsql").
--
-- Parameters: @ServiceId, @GrainId (the grain id's string form), @ReminderName, @StartTime, @Period (milliseconds,
-- sent as int or bigint), @GrainHash (the grain's uniform hash as a signed int), @BeginHash/@EndHash (a ring range,
-- also signed) and @Version (the ETag). Result columns read: GrainId, ReminderName, StartTime, Period, Version.

CREATE TABLE IF NOT EXISTS orleans_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    CONSTRAINT orleans_reminders_pkey PRIMARY KEY (service_id, grain_id, reminder_name),
    CONSTRAINT orleans_reminders_period_not_negative CHECK (period >= 0)
);

-- Each silo reads the reminders of its slice of the hash ring.
CREATE INDEX IF NOT EXISTS orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);

COMMENT ON TABLE orleans_reminders IS 'Orleans reminders, one row per (service, grain, reminder name).';

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadReminderRowsKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period,
       version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period,
       version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$q$),

-- The range (@BeginHash, @EndHash] when it does not wrap in signed order (the provider picks this key then).
('ReadRangeRows1Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period,
       version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$q$),

-- The range that wraps: above @BeginHash, or up to and including @EndHash.
('ReadRangeRows2Key', $q$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period,
       version AS Version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$q$),

-- Creates the reminder at version 0 or replaces it and bumps its version; returns the new version.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT orleans_reminders_pkey DO UPDATE
SET start_time = EXCLUDED.start_time,
    period = EXCLUDED.period,
    grain_hash = EXCLUDED.grain_hash,
    version = r.version + 1
RETURNING r.version AS Version;
$q$),

-- Removes the reminder only while its version is still @Version; one row, one column: whether it did.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
