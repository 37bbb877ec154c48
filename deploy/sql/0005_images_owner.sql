-- OtMz schema, migration 0005: closet photos and cut-outs are private to their owner; the closet itself moved
-- into the user grain's "closet" state (orleans_storage), so the closet_items table, never written, goes.

-- The user a closet image belongs to; NULL for a catalog look's photo, which anyone may read.
ALTER TABLE images ADD COLUMN IF NOT EXISTS owner_id text;

DO $m$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'images_owner_id_shape') THEN
        ALTER TABLE images ADD CONSTRAINT images_owner_id_shape CHECK (length(owner_id) BETWEEN 1 AND 128);
    END IF;
END
$m$;

CREATE INDEX IF NOT EXISTS images_by_owner ON images (owner_id) WHERE owner_id IS NOT NULL;

DROP TABLE IF EXISTS closet_items;
