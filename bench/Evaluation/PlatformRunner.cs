using System.Collections.Immutable;
using OtMz.Grains;

namespace OtMz.Evaluation;

/// <summary>
/// Plays one simulated user against the real user grain, as a client of the Api would: profile, the survey answered
/// with the strongest true style, then each round the recommendations (k = 20), the taste the grain reports at the same
/// version, and the round's reactions sent back as one signal batch.
/// </summary>
public sealed class PlatformRunner(IGrainFactory grains, TimeProvider clock)
{
    public const string Name = "platform";

    public async Task<UserRun> RunAsync(UserTruth truth, int rounds, int k)
    {
        var user = truth.User;
        var grain = grains.GetGrain<IUserGrain>(user.Id);
        Check(await grain.UpdateProfile(new UserProfile(user.Gender, BirthYear: 1990 + user.Index % 20)), user, "profile");
        Check(await grain.SubmitSurvey(new SurveyAnswers([], [StyleTaxonomy.KeyOf(user.StrongestStyle)])), user, "survey");

        var observations = new List<ListObservation>(rounds);
        var sent = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var looks = await grain.GetRecommendations(new RecommendationQuery(k));
            var taste = await grain.GetTaste();
            if (taste.Version != looks.Version)
            {
                throw new InvalidOperationException($"{user.Id}: the list (version {looks.Version}) and the taste (version {taste.Version}) differ; nothing else writes this user.");
            }

            var shown = looks.Items.Select(item => truth.Catalog.IndexOf(item.Look.Id)).ToList();
            observations.Add(new ListObservation(round, shown, taste.Vector.ToArray()));

            var signals = ImmutableArray.CreateBuilder<Signal>();
            foreach (var reaction in ReactionModel.React(truth, round, shown))
            {
                signals.Add(ToSignal(reaction, $"{user.Id}-{++sent}", truth.Catalog, clock.GetUtcNow()));
            }

            foreach (var batch in signals.Chunk(SignalRules.MaxBatch))
            {
                var result = await grain.ApplySignals([.. batch]);
                if (result.Ack is null)
                {
                    throw new InvalidOperationException($"{user.Id}: round {round}'s signals were not applied: " +
                        string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")) + (result.QuotaExceeded is null ? "" : " (quota)"));
                }
            }
        }

        return new UserRun(user, observations);
    }

    /// <summary>A reaction as the Api hands it to the grain: a client-chosen id, the look, the time it happened.</summary>
    public static Signal ToSignal(Reaction reaction, string id, CatalogTruth catalog, DateTimeOffset at) => reaction.Type switch
    {
        SignalType.Colour => new Signal(id, SignalType.Colour, Colour: reaction.Colour, OccurredAt: at),
        _ => new Signal(id, reaction.Type, LookId: catalog.Looks[reaction.Look].Id, DwellMs: reaction.DwellMs, OccurredAt: at),
    };

    private static void Check(CommandResult result, SimulatedUser user, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{user.Id}: the {what} was rejected: {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }
    }
}
