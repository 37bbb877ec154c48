-- OtMz schema, migration 0001: the OrleansQuery table and Orleans' ADO.NET membership (clustering) tables.
--
-- Written for this project against the provider contract of Microsoft.Orleans.Clustering.AdoNet 10.x with the
-- "Npgsql" invariant: the provider runs "SELECT QueryKey, QueryText FROM OrleansQuery" (unquoted, so the table and
-- its columns are lower case here) and refuses to start unless every key it needs is present. Each query receives
-- named parameters (@DeploymentId, @Address, ...) and the provider reads result columns by name, case-insensitively,
-- so the aliases below carry the provider's names while our own columns are snake_case.
--
-- Applied once, in its own transaction, by OtMz.Silo.Schema.SchemaMigrator; every statement is also safe to re-run.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pkey PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE orleansquery IS
    'The SQL Orleans'' ADO.NET providers run, by the key the provider asks for. Owned by deploy/sql migrations.';

-- One row per cluster (Orleans calls it the deployment id): the membership table's version. Every membership
-- write bumps it, and a write carrying a stale version changes nothing (optimistic concurrency).
CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id text        NOT NULL,
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_membership_version_pkey PRIMARY KEY (deployment_id),
    CONSTRAINT orleans_membership_version_not_negative CHECK (version >= 0)
);

-- One row per silo incarnation (address, port, generation) of a cluster.
CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT orleans_membership_pkey PRIMARY KEY (deployment_id, address, port, generation),
    CONSTRAINT orleans_membership_version_fk FOREIGN KEY (deployment_id)
        REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    CONSTRAINT orleans_membership_port_range CHECK (port BETWEEN 0 AND 65535),
    CONSTRAINT orleans_membership_proxy_port_range CHECK (proxy_port BETWEEN 0 AND 65535),
    CONSTRAINT orleans_membership_status_known CHECK (status >= 0)
);

-- The queries. SiloStatus: 3 = Active, 6 = Dead.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row unless it exists; one row, one column: whether it was created.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version, updated_at)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS created;
$q$),

-- Adds a silo row and bumps the version, both or neither: only when the version is still @Version and the
-- row does not exist yet. The version row's lock orders concurrent writers; a loser's WHERE fails on re-check.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, updated_at = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM orleans_membership
          WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), added AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, suspect_times,
         start_time, i_am_alive_time)
    SELECT bumped.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, NULL,
           @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT ON CONSTRAINT orleans_membership_pkey DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added) AS inserted;
$q$),

-- Changes a silo's status, suspicions and heartbeat and bumps the version, both or neither.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, updated_at = now()
    WHERE deployment_id = @DeploymentId
      AND version = @Version
      AND EXISTS (
          SELECT 1 FROM orleans_membership
          WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), changed AS (
    UPDATE orleans_membership AS m
    SET status = @Status,
        suspect_times = NULLIF(@SuspectTimes, ''),
        i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed) AS updated;
$q$),

-- The heartbeat: no version bump, other silos only read it.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),

-- The version row joined with one silo's row; the version row alone when the silo has no row.
('MembershipReadRowKey', $q$
SELECT v.version           AS Version,
       m.address           AS Address,
       m.port              AS Port,
       m.generation        AS Generation,
       m.silo_name         AS SiloName,
       m.host_name         AS HostName,
       m.status            AS Status,
       m.proxy_port        AS ProxyPort,
       m.suspect_times     AS SuspectTimes,
       m.start_time        AS StartTime,
       m.i_am_alive_time   AS IAmAliveTime
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$),

-- The version row joined with every silo's row of the cluster.
('MembershipReadAllKey', $q$
SELECT v.version           AS Version,
       m.address           AS Address,
       m.port              AS Port,
       m.generation        AS Generation,
       m.silo_name         AS SiloName,
       m.host_name         AS HostName,
       m.status            AS Status,
       m.proxy_port        AS ProxyPort,
       m.suspect_times     AS SuspectTimes,
       m.start_time        AS StartTime,
       m.i_am_alive_time   AS IAmAliveTime
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$),

-- The gateways clients may connect to: silos in @Status (Active) that listen for clients.
('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),

-- Forgets a whole cluster: its version row, and with it (ON DELETE CASCADE) every silo row.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$q$),

-- Removes dead silos whose start and last heartbeat are both older than @IAmAliveTime (the cut-off). Orleans
-- 10.4 prefers CleanupDefunctSiloEntryKey below when present and keeps this one as the required fallback.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime;
$q$),

-- Removes one dead silo row, but only while it still holds the values the provider read and judged defunct.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
