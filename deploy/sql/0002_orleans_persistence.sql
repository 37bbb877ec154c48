-- OtMz schema, migration 0002: Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.x, "Npgsql").
--
-- Every storage provider of the service ("users", "regions", "PubSubStore") shares this table. The provider passes
-- the grain's identity as @ServiceId, @GrainTypeString (the state's name), @GrainIdN0/@GrainIdN1 (the integer or
-- Guid key, zero for string keys) and @GrainIdExtensionString (the string key or key extension, NULL when there is
-- none), with @GrainIdHash/@GrainTypeHash, @GrainStateVersion (the ETag, NULL before the first write) and
-- @PayloadBinary. It reads PayloadBinary and Version back, and NewGrainStateVersion after a write or clear: NULL
-- there is a version conflict (InconsistentStateException).
--
-- Unlike a hash-indexed table without a key, the full identity is the primary key here, and the first write is an
-- INSERT ... ON CONFLICT DO NOTHING that relies on it: when two activations race to write a grain's first state,
-- one row is created and the other write reports a version conflict. There is never a second row.

CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id             text        NOT NULL,
    grain_type             text        NOT NULL,
    grain_id_n0            bigint      NOT NULL,
    grain_id_n1            bigint      NOT NULL,
    -- NULL and '' are different keys (a string key "" versus an integer key 0 without extension), and a primary
    -- key cannot hold NULL: the flag keeps them apart, the text holds '' when there is no extension.
    grain_id_has_extension boolean     NOT NULL,
    grain_id_extension     text        NOT NULL DEFAULT '',
    grain_id_hash          integer     NOT NULL,
    grain_type_hash        integer     NOT NULL,
    payload_binary         bytea,
    version                integer     NOT NULL,
    modified_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_pkey PRIMARY KEY
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_has_extension, grain_id_extension),
    CONSTRAINT orleans_storage_no_extension_is_empty CHECK (grain_id_has_extension OR grain_id_extension = ''),
    CONSTRAINT orleans_storage_version_positive CHECK (version > 0)
);

COMMENT ON TABLE orleans_storage IS
    'Orleans grain state of every ADO.NET storage provider; one row per (service, state name, grain key).';

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $q$
SELECT payload_binary AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_has_extension = (@GrainIdExtensionString IS NOT NULL)
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, '');
$q$),

-- Without a version: create the row at version 1, or nothing when it already exists (the primary key arbitrates).
-- With a version: replace the payload only while the stored version is still @GrainStateVersion.
('WriteToStorageKey', $q$
WITH created AS (
    INSERT INTO orleans_storage
        (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_has_extension, grain_id_extension,
         grain_id_hash, grain_type_hash, payload_binary, version, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString IS NOT NULL, COALESCE(@GrainIdExtensionString, ''),
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_pkey DO NOTHING
    RETURNING version
), replaced AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary,
        version = version + 1,
        grain_id_hash = @GrainIdHash,
        grain_type_hash = @GrainTypeHash,
        modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_has_extension = (@GrainIdExtensionString IS NOT NULL)
      AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM created UNION ALL SELECT version FROM replaced LIMIT 1) AS NewGrainStateVersion;
$q$),

-- ClearStateAsync (DeleteStateOnClear = false): keep the row, drop the payload, bump the version.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_storage
    SET payload_binary = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_has_extension = (@GrainIdExtensionString IS NOT NULL)
      AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM cleared) AS NewGrainStateVersion;
$q$),

-- ClearStateAsync (DeleteStateOnClear = true): remove the row while its version is still @GrainStateVersion; the
-- value returned only has to differ from the old version (the provider forgets the ETag afterwards).
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage
    WHERE service_id = @ServiceId
      AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_id_has_extension = (@GrainIdExtensionString IS NOT NULL)
      AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version + 1 FROM deleted) AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
