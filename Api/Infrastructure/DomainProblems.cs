using Microsoft.AspNetCore.Http.HttpResults;

namespace OtMz.Api.Infrastructure;

/// <summary>
/// Where a grain's domain answer becomes HTTP. Grains say what went wrong in their own terms (an unknown look,
/// a full closet, an older observation, a look that breaks the rules) and never pick a status code; the
/// endpoints hand the failed results here and get the Problem Details (RFC 9457) the API documents.
/// </summary>
public static class DomainProblems
{
    /// <summary>A rejected command: 404 when it names something that does not exist, else 400, with the fields.</summary>
    public static ProblemHttpResult Command(CommandResult result) =>
        Problems.Validation(result.Errors, result.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);

    /// <summary>A look the catalog refused: the fields it breaks, as 400 for a look the client wrote, 422 for one the platform analysed.</summary>
    public static ProblemHttpResult LookWrite(LookWriteResult result, bool analysed = false) =>
        Problems.Validation(result.Errors, analysed ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NoSuchLook(string id) => Problems.NotFound($"There is no look '{id}'.");

    /// <summary>A closet command that found no item, or no room.</summary>
    public static ProblemHttpResult Closet(ClosetFailure failure, string itemId) => failure switch
    {
        ClosetFailure.Full => TypedResults.Problem(title: "The closet is full.",
            detail: $"A closet holds at most {IClosetGrain.MaxItems} items; remove one first.",
            statusCode: StatusCodes.Status409Conflict),
        ClosetFailure.DuplicateId => TypedResults.Problem(title: "The closet already holds this item.",
            detail: $"There is already an item '{itemId}' in your closet.", statusCode: StatusCodes.Status409Conflict),
        _ => Problems.NotFound($"There is no item '{itemId}' in your closet."),
    };

    /// <summary>
    /// A region keeps its newest observation; one that arrives after a newer one (a retried or delayed feed)
    /// changed nothing, and the client learns which observation is stored.
    /// </summary>
    public static ProblemHttpResult OlderObservation(RegionWeather current) =>
        Problems.Validation([new FieldError("observedAt",
            $"An observation from {current.Weather?.ObservedAt:O} is already stored; this one is older and was not applied.")],
            StatusCodes.Status409Conflict, "The region has a newer observation.");

    /// <summary>
    /// An experiment command that failed: 404 for an experiment or variant that does not exist, 409 for a clash with
    /// the experiments already defined (a name in use, an option another running experiment overrides), else 400.
    /// </summary>
    public static ProblemHttpResult Experiment(ExperimentFailure failure, IEnumerable<FieldError> errors) => failure switch
    {
        ExperimentFailure.NotFound => Problems.Validation(errors, StatusCodes.Status404NotFound),
        ExperimentFailure.Conflict => Problems.Validation(errors, StatusCodes.Status409Conflict, "The experiment clashes with one already defined."),
        _ => Problems.Validation(errors),
    };

    public static ProblemHttpResult NoSuchExperiment(string name) =>
        Problems.Validation([new FieldError("name", $"There is no experiment '{name}'.")], StatusCodes.Status404NotFound);

    /// <summary>
    /// A campaign command that failed: 404 for a campaign that does not exist (or was deleted), 409 for a clash with
    /// the campaigns already defined (an id in use, deleted ones included; the campaign limit), else 400.
    /// </summary>
    public static ProblemHttpResult Campaign(CampaignFailure failure, IEnumerable<FieldError> errors) => failure switch
    {
        CampaignFailure.NotFound => Problems.Validation(errors, StatusCodes.Status404NotFound),
        CampaignFailure.Conflict => Problems.Validation(errors, StatusCodes.Status409Conflict, "The campaign clashes with the campaigns already defined."),
        _ => Problems.Validation(errors),
    };

    public static ProblemHttpResult NoSuchCampaign(string id) =>
        Problems.Validation([new FieldError("id", $"There is no campaign '{id}'.")], StatusCodes.Status404NotFound);

    /// <summary>A click the user grain did not count: on an ad it never delivered to this user (409), or on no campaign (404).</summary>
    public static ProblemHttpResult AdClick(AdClickOutcome outcome, string campaignId) => outcome switch
    {
        AdClickOutcome.NotDelivered => TypedResults.Problem(title: "This ad was never delivered to you.",
            detail: $"Campaign '{campaignId}' was not among the ads delivered to you recently, so a click on it is not counted.",
            statusCode: StatusCodes.Status409Conflict),
        _ => NoSuchCampaign(campaignId),
    };
}
