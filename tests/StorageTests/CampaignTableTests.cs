using Npgsql;
using OtMz.Grains.Ads;
using OtMz.Grains.Interfaces;
using OtMz.Hosting.Storage;

namespace OtMz.StorageTests;

/// <summary>
/// The ad_campaigns table's own checks: they refuse what the campaign rules refuse, they take whatever the rules
/// take, and a row that slipped past them (written under other checks, or by hand) costs only itself at load.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CampaignTableTests(PostgresServer server)
{
    /// <summary>Each change breaks one rule of <see cref="CampaignRules"/>; the constraint that refuses it is named.</summary>
    private static readonly (string Change, string Constraint)[] RuleBreakers =
    [
        ("total_budget = 0, daily_budget = NULL", "ad_campaigns_total_budget_positive"),
        ("daily_budget = 0", "ad_campaigns_daily_budget_in_total"),
        ("daily_budget = total_budget + 1", "ad_campaigns_daily_budget_in_total"),
        ("daily_cap = 0", "ad_campaigns_daily_cap_positive"),
        ("ends_at = starts_at", "ad_campaigns_window_order"),
        ("ends_at = starts_at - interval '1 second'", "ad_campaigns_window_order"),
        ("link = 'http://shop.example.com/coats'", "ad_campaigns_link_https"),
        ("link = 'https:///coats'", "ad_campaigns_link_https"),
        ("image_url = 'javascript:alert(1)'", "ad_campaigns_image_url_https"),
        ("target_style = '{1,0,0}'", "ad_campaigns_target_style_23"),
        ("target_style[5] = 'NaN'", "ad_campaigns_target_style_23"),
        ("target_style = array_fill(0::real, ARRAY[23])", "ad_campaigns_target_style_weights"),
        ("target_style[5] = -0.5", "ad_campaigns_target_style_weights"),
        ("target_gender = 'other'", "ad_campaigns_target_gender_known"),
        ("min_age = 40", "ad_campaigns_age_order"),
        ("min_age = NULL, max_age = -1", "ad_campaigns_max_age_range"),
        ("regions = ARRAY['Seoul', NULL]", "ad_campaigns_regions_no_null"),
        ("bid = 0", "ad_campaigns_bid_positive"),
        ("bid = 'NaN'", "ad_campaigns_bid_positive"),
        ("bid = 'Infinity'", "ad_campaigns_bid_positive"),
        ("item_slot = 'cape'", "ad_campaigns_item_slot_known"),
        ("look_id = NULL", "ad_campaigns_item_slot_needs_look"),
        ("time_zone = ''", "ad_campaigns_time_zone_shape"),
        ("revision = 0", "ad_campaigns_revision_positive"),
    ];

    [Fact]
    public async Task A_row_breaking_a_campaign_rule_is_refused_by_the_check_for_that_rule()
    {
        var database = await MigratedWithFullCampaignAsync("campaigns_checks");

        foreach (var (change, constraint) in RuleBreakers)
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(
                () => Db.ExecuteAsync(database, $"UPDATE ad_campaigns SET {change} WHERE id = 'full'"));
            Assert.True(
                refused.SqlState == PostgresErrorCodes.CheckViolation && refused.ConstraintName == constraint,
                $"{change}: expected {constraint}, got {refused.SqlState} {refused.ConstraintName}");
        }

        Campaigns.AssertSame(Campaigns.Full("full"), Assert.Single(await new PostgresCampaignStore(database).LoadAsync(CancellationToken.None)).Campaign);
    }

    [Fact]
    public async Task Whatever_the_campaign_rules_accept_the_table_stores()
    {
        var database = await server.CreateUniqueDatabaseAsync("campaigns_rules");
        await Db.MigrateAsync(database);
        var store = new PostgresCampaignStore(database);
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var drafts = new List<CampaignDraft>
        {
            // The smallest campaign the rules allow: one impression, a cap of one, one style at the least weight.
            new("least", "L", Link: "https://a.b", TargetStyle: [.. Campaigns.Style(22).Select(v => v == 0 ? 0 : float.Epsilon)],
                TotalBudget: 1, DailyBudget: 1, DailyCap: 1, MinAge: 0, MaxAge: 0, Bid: double.Epsilon,
                StartsAt: now, EndsAt: now.AddTicks(10)),
            new("most", new string('T', CampaignRules.MaxTitle), Link: "HTTPS://SHOP.EXAMPLE.COM/" + new string('x', 1_000),
                ImageUrl: "https://cdn.example.com:8443/a.png?x=1#y", TargetStyle: [.. Enumerable.Repeat(1e30f, StyleTaxonomy.Count)],
                TotalBudget: CampaignRules.MaxBudget, DailyBudget: CampaignRules.MaxBudget, DailyCap: CampaignRules.MaxDailyCap,
                MinAge: CampaignRules.MaxAge, MaxAge: CampaignRules.MaxAge, Bid: CampaignRules.MaxBid, TargetGender: Gender.Unisex,
                Regions: [.. Enumerable.Range(0, CampaignRules.MaxRegions).Select(i => $"Region {i} 서울")],
                TimeZone: "America/Argentina/Buenos_Aires", LookId: "look.0-_x", ItemSlot: GarmentSlot.Shoes),
            new("userinfo", "Link with a user", Link: "https://user:pw@example.com", TargetStyle: [.. Campaigns.Style(1)], TotalBudget: 5),
            new("idn", "An international domain", Link: "https://모자.한국/새 상품", TargetStyle: [.. Campaigns.Style(2)], TotalBudget: 5),
        };

        // Links that may or may not pass the rules' URL parsing: whichever it takes, the table must store.
        string[] oddLinks =
        [
            " https://lead.example.com", "https://trail.example.com ", "\thttps://tab.example.com", "\u0001https://ctl.example.com",
            "https://ctl.example.com/\u0001", "https:\\\\back.example.com", "https://[::1]/x", "https://example.com/a b",
        ];
        var accepted = new List<string>();
        for (var i = 0; i < oddLinks.Length; i++)
        {
            var odd = new CampaignDraft($"odd-{i}", "Odd link", Link: oddLinks[i], TargetStyle: [.. Campaigns.Style(4)], TotalBudget: 5);
            if (CampaignRules.Apply(odd, current: null, now).Campaign is not null)
            {
                drafts.Add(odd);
                accepted.Add(oddLinks[i]);
            }
        }

        // The rules refuse what Uri forgives but the text does not say (spaces around it, control characters, "https:\\").
        Assert.Equal(["https://[::1]/x", "https://example.com/a b"], accepted);

        foreach (var draft in drafts)
        {
            var (campaign, errors) = CampaignRules.Apply(draft, current: null, now);
            Assert.True(campaign is not null, $"{draft.Id}: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"))}");

            await store.SaveAsync(new StoredCampaign(campaign), CancellationToken.None);
            Campaigns.AssertSame(campaign, (await store.LoadAsync(CancellationToken.None)).Single(c => c.Campaign.Id == draft.Id).Campaign);
        }
    }

    [Fact]
    public async Task Rows_no_build_can_read_are_skipped_and_logged_while_the_rest_load()
    {
        var database = await MigratedWithFullCampaignAsync("campaigns_badrows");
        var store = new PostgresCampaignStore(database);
        await store.SaveAsync(new StoredCampaign(Campaigns.Bare("bare"), DateTimeOffset.UnixEpoch), CancellationToken.None);

        // As a build with other checks (a new slot or gender, looser vectors) might have written them.
        (string Id, string Change)[] bad =
        [
            ("bad-slot", "item_slot = 'cape'"),
            ("bad-gender", "target_gender = 'other'"),
            ("bad-style-length", "target_style = '{1,0,0}'"),
            ("bad-style-zero", "target_style = array_fill(0::real, ARRAY[23])"),
            ("bad-style-negative", "target_style[2] = -1"),
        ];
        await Db.ExecuteAsync(database,
            """
            ALTER TABLE ad_campaigns DROP CONSTRAINT ad_campaigns_item_slot_known, DROP CONSTRAINT ad_campaigns_target_gender_known,
                DROP CONSTRAINT ad_campaigns_target_style_23, DROP CONSTRAINT ad_campaigns_target_style_weights
            """);
        foreach (var (id, change) in bad)
        {
            await store.SaveAsync(new StoredCampaign(Campaigns.Full(id)), CancellationToken.None);
            await Db.ExecuteAsync(database, $"UPDATE ad_campaigns SET {change} WHERE id = '{id}'");
        }

        var logger = new ListLogger<PostgresCampaignStore>();
        var loaded = await new PostgresCampaignStore(database, logger).LoadAsync(CancellationToken.None);

        Assert.Equal(["bare", "full"], loaded.Select(c => c.Campaign.Id));
        Campaigns.AssertSame(Campaigns.Full("full"), loaded[1].Campaign);
        Assert.Equal(DateTimeOffset.UnixEpoch, loaded[0].DeletedAt);
        foreach (var (id, _) in bad)
        {
            Assert.Contains(logger.Messages, m => m.StartsWith($"Warning: Campaign row {id} skipped", StringComparison.Ordinal));
        }

        Assert.Contains($"Warning: {bad.Length} ad_campaigns rows could not be read and were skipped", logger.Messages);
    }

    private async Task<string> MigratedWithFullCampaignAsync(string prefix)
    {
        var database = await server.CreateUniqueDatabaseAsync(prefix);
        await Db.MigrateAsync(database);
        await new PostgresCampaignStore(database).SaveAsync(new StoredCampaign(Campaigns.Full("full")), CancellationToken.None);
        return database;
    }
}
