-- OtMz schema, migration 0004: the platform's own tables (catalog, closet, images, ad campaigns).
--
-- Vocabularies follow Grains.Interfaces' JSON names (Gender, Season, Occasion, GarmentSlot); style vectors are the
-- 23 K-Fashion style weights (StyleTaxonomy.Count) and may hold neither NULL, NaN nor an infinity.

-- A style vector fit to store: one dimension, 23 finite entries. NULL (no vector) is left to the column's NOT NULL.
CREATE OR REPLACE FUNCTION otmz_is_style_vector(v real[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $f$
    SELECT array_ndims(v) = 1
       AND cardinality(v) = 23
       AND array_position(v, NULL) IS NULL
       AND NOT (v && ARRAY['NaN', 'Infinity', '-Infinity']::real[])
$f$;

-- The catalog. id_hash is ShardRouter.Fnv1a(id) (unsigned, as bigint): the catalog store loads shard s of n as
-- "id_hash % n = s", so the shard count can change without rewriting rows. shard records a fixed shard when one
-- is assigned (NULL: routed by id_hash).
CREATE TABLE IF NOT EXISTS looks
(
    id           text        NOT NULL,
    id_hash      bigint      NOT NULL,
    title        text        NOT NULL,
    image_url    text,
    gender       text        NOT NULL,
    seasons      text[]      NOT NULL DEFAULT '{}',
    occasions    text[]      NOT NULL DEFAULT '{}',
    min_temp_c   integer     NOT NULL,
    max_temp_c   integer     NOT NULL,
    palette      jsonb       NOT NULL DEFAULT '[]',
    garments     jsonb       NOT NULL DEFAULT '[]',
    style_vector real[]      NOT NULL,
    shard        integer,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT looks_pkey PRIMARY KEY (id),
    CONSTRAINT looks_id_shape CHECK (length(id) BETWEEN 1 AND 128),
    CONSTRAINT looks_id_hash_unsigned CHECK (id_hash BETWEEN 0 AND 4294967295),
    CONSTRAINT looks_title_shape CHECK (length(title) BETWEEN 1 AND 300),
    CONSTRAINT looks_gender_known CHECK (gender IN ('women', 'men', 'unisex')),
    CONSTRAINT looks_seasons_known CHECK (
        array_position(seasons, NULL) IS NULL
        AND seasons <@ ARRAY['spring', 'summer', 'autumn', 'winter']::text[]),
    CONSTRAINT looks_occasions_known CHECK (
        array_position(occasions, NULL) IS NULL
        AND occasions <@ ARRAY['daily', 'date', 'work', 'travel', 'party', 'workout']::text[]),
    CONSTRAINT looks_temperature_range CHECK (min_temp_c <= max_temp_c AND min_temp_c >= -60 AND max_temp_c <= 60),
    CONSTRAINT looks_palette_is_array CHECK (jsonb_typeof(palette) = 'array'),
    CONSTRAINT looks_garments_is_array CHECK (jsonb_typeof(garments) = 'array'),
    CONSTRAINT looks_style_vector_23 CHECK (otmz_is_style_vector(style_vector)),
    CONSTRAINT looks_shard_not_negative CHECK (shard >= 0)
);

CREATE INDEX IF NOT EXISTS looks_by_shard ON looks (shard);

-- Uploaded pictures (closet photos, their cut-outs), bytes in the row.
CREATE TABLE IF NOT EXISTS images
(
    id           text        NOT NULL,
    content_type text        NOT NULL,
    bytes        bytea       NOT NULL,
    width        integer     NOT NULL,
    height       integer     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT images_pkey PRIMARY KEY (id),
    CONSTRAINT images_id_shape CHECK (length(id) BETWEEN 1 AND 128),
    CONSTRAINT images_content_type_is_image CHECK (content_type ~ '^image/[a-z0-9.+-]+$'),
    CONSTRAINT images_bytes_size CHECK (octet_length(bytes) BETWEEN 1 AND 33554432),
    CONSTRAINT images_width_range CHECK (width BETWEEN 1 AND 20000),
    CONSTRAINT images_height_range CHECK (height BETWEEN 1 AND 20000)
);

-- A user's own garments.
CREATE TABLE IF NOT EXISTS closet_items
(
    id              text        NOT NULL,
    user_id         text        NOT NULL,
    slot            text        NOT NULL,
    category        text        NOT NULL,
    colours         jsonb       NOT NULL DEFAULT '[]',
    print           text,
    material        text,
    style_vector    real[],
    image_id        text,
    cutout_image_id text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT closet_items_pkey PRIMARY KEY (id),
    CONSTRAINT closet_items_id_shape CHECK (length(id) BETWEEN 1 AND 128),
    CONSTRAINT closet_items_user_id_shape CHECK (length(user_id) BETWEEN 1 AND 128),
    CONSTRAINT closet_items_slot_known CHECK (
        slot IN ('outer', 'top', 'bottom', 'one-piece', 'shoes', 'bag', 'accessory')),
    CONSTRAINT closet_items_category_shape CHECK (length(category) BETWEEN 1 AND 100),
    CONSTRAINT closet_items_colours_is_array CHECK (jsonb_typeof(colours) = 'array'),
    CONSTRAINT closet_items_style_vector_23 CHECK (otmz_is_style_vector(style_vector)),
    CONSTRAINT closet_items_image_fk FOREIGN KEY (image_id) REFERENCES images (id) ON DELETE SET NULL,
    CONSTRAINT closet_items_cutout_image_fk FOREIGN KEY (cutout_image_id) REFERENCES images (id) ON DELETE SET NULL
);

CREATE INDEX IF NOT EXISTS closet_items_by_user ON closet_items (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS closet_items_by_image ON closet_items (image_id) WHERE image_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS closet_items_by_cutout_image ON closet_items (cutout_image_id)
    WHERE cutout_image_id IS NOT NULL;

-- Ad campaigns: the creative, its target style and audience, budget and schedule.
CREATE TABLE IF NOT EXISTS campaigns
(
    id                 text        NOT NULL,
    title              text        NOT NULL,
    image_url          text,
    link               text,
    target_style       real[]      NOT NULL,
    target_gender      text,
    min_age            integer,
    max_age            integer,
    budget_impressions bigint,
    daily_cap          integer,
    starts_at          timestamptz,
    ends_at            timestamptz,
    active             boolean     NOT NULL DEFAULT true,
    CONSTRAINT campaigns_pkey PRIMARY KEY (id),
    CONSTRAINT campaigns_id_shape CHECK (length(id) BETWEEN 1 AND 128),
    CONSTRAINT campaigns_title_shape CHECK (length(title) BETWEEN 1 AND 300),
    CONSTRAINT campaigns_target_style_23 CHECK (otmz_is_style_vector(target_style)),
    CONSTRAINT campaigns_target_gender_known CHECK (target_gender IN ('women', 'men', 'unisex')),
    CONSTRAINT campaigns_min_age_range CHECK (min_age BETWEEN 0 AND 150),
    CONSTRAINT campaigns_max_age_range CHECK (max_age BETWEEN 0 AND 150),
    CONSTRAINT campaigns_age_order CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
    CONSTRAINT campaigns_budget_not_negative CHECK (budget_impressions >= 0),
    CONSTRAINT campaigns_daily_cap_not_negative CHECK (daily_cap >= 0),
    CONSTRAINT campaigns_window_order CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);

-- The ad ranker reads the campaigns running now.
CREATE INDEX IF NOT EXISTS campaigns_running ON campaigns (starts_at, ends_at) WHERE active;
