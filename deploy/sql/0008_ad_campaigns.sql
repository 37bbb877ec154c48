-- OtMz schema, migration 0008: ad_campaigns, the campaign definitions the registry grain keeps
-- (Grains/Ads/AdCampaignRegistryGrain.cs through Hosting/Storage/PostgresCampaignStore.cs). One row per campaign id,
-- deleted ones included (deleted_at set), so a deleted campaign's report and ledger stay readable and its id is
-- never reused. What each campaign delivered is not here: its ledger is grain state in orleans_storage ("ads").
--
-- The checks repeat the rules the registry applies before it writes (Grains/Ads/CampaignRules.cs) where breaking
-- them would make a campaign nonsensical; limits that are policy (title length, the largest budget or bid) stay in
-- the code alone. Vocabularies are Grains.Interfaces' JSON names (Gender, GarmentSlot); target_style is the 23
-- K-Fashion style weights, finite, none negative and not all zero.
CREATE TABLE IF NOT EXISTS ad_campaigns
(
    id            text             NOT NULL,
    title         text             NOT NULL,
    image_url     text,
    link          text             NOT NULL,
    target_style  real[]           NOT NULL,
    target_gender text,
    min_age       integer,
    max_age       integer,
    regions       text[]           NOT NULL DEFAULT '{}',
    bid           double precision NOT NULL,
    total_budget  bigint           NOT NULL,
    daily_budget  bigint,
    daily_cap     integer          NOT NULL,
    starts_at     timestamptz      NOT NULL,
    ends_at       timestamptz,
    paused        boolean          NOT NULL DEFAULT false,
    time_zone     text             NOT NULL,
    look_id       text,
    item_slot     text,
    revision      bigint           NOT NULL,
    created_at    timestamptz      NOT NULL,
    updated_at    timestamptz      NOT NULL,
    deleted_at    timestamptz,
    CONSTRAINT ad_campaigns_pkey PRIMARY KEY (id),
    CONSTRAINT ad_campaigns_id_shape CHECK (length(id) BETWEEN 1 AND 128),
    CONSTRAINT ad_campaigns_title_shape CHECK (length(title) BETWEEN 1 AND 300),
    CONSTRAINT ad_campaigns_link_https CHECK (link ~* '^https://[^/?#[:space:]]'),
    CONSTRAINT ad_campaigns_image_url_https CHECK (image_url ~* '^https://[^/?#[:space:]]'),
    CONSTRAINT ad_campaigns_target_style_23 CHECK (otmz_is_style_vector(target_style)),
    CONSTRAINT ad_campaigns_target_style_weights CHECK (0 <= ALL (target_style) AND 0 < ANY (target_style)),
    CONSTRAINT ad_campaigns_target_gender_known CHECK (target_gender IN ('women', 'men', 'unisex')),
    CONSTRAINT ad_campaigns_min_age_range CHECK (min_age BETWEEN 0 AND 150),
    CONSTRAINT ad_campaigns_max_age_range CHECK (max_age BETWEEN 0 AND 150),
    CONSTRAINT ad_campaigns_age_order CHECK (min_age <= max_age),
    CONSTRAINT ad_campaigns_regions_no_null CHECK (array_position(regions, NULL) IS NULL),
    -- NaN is above every number in PostgreSQL, so this also refuses NaN and both infinities.
    CONSTRAINT ad_campaigns_bid_positive CHECK (bid > 0 AND bid < 'Infinity'),
    CONSTRAINT ad_campaigns_total_budget_positive CHECK (total_budget >= 1),
    CONSTRAINT ad_campaigns_daily_budget_in_total CHECK (daily_budget BETWEEN 1 AND total_budget),
    CONSTRAINT ad_campaigns_daily_cap_positive CHECK (daily_cap >= 1),
    CONSTRAINT ad_campaigns_window_order CHECK (starts_at < ends_at),
    CONSTRAINT ad_campaigns_time_zone_shape CHECK (length(time_zone) BETWEEN 1 AND 64),
    CONSTRAINT ad_campaigns_look_id_shape CHECK (length(look_id) BETWEEN 1 AND 128),
    CONSTRAINT ad_campaigns_item_slot_known CHECK (
        item_slot IN ('outer', 'top', 'bottom', 'one-piece', 'shoes', 'bag', 'accessory')),
    CONSTRAINT ad_campaigns_item_slot_needs_look CHECK (item_slot IS NULL OR look_id IS NOT NULL),
    CONSTRAINT ad_campaigns_revision_positive CHECK (revision >= 1)
);
