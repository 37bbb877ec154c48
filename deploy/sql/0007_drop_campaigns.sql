-- OtMz schema, migration 0007: drops the campaigns table. Ad campaigns come from the seeded demo set in code
-- (Grains/Demo/DemoCampaigns.cs); nothing ever wrote or read this table, and a stored campaign catalogue will
-- bring its own table, shaped by the budgets it has to keep. Its index goes with it.
DROP TABLE IF EXISTS campaigns;
