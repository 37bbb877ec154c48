-- OtMz schema, migration 0006: a catalog photo records the look it was uploaded for, so that deleting or replacing
-- a look removes only the photo that look owns, never another look's photo or a user's closet photo.

-- The look a catalog photo belongs to; NULL for closet photos and for photos stored before this migration, which
-- no look deletion removes.
ALTER TABLE images ADD COLUMN IF NOT EXISTS look_id text;

DO $m$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'images_look_id_shape') THEN
        ALTER TABLE images ADD CONSTRAINT images_look_id_shape CHECK (length(look_id) BETWEEN 1 AND 128);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'images_one_owner') THEN
        ALTER TABLE images ADD CONSTRAINT images_one_owner CHECK (owner_id IS NULL OR look_id IS NULL);
    END IF;
END
$m$;
