using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OtMz.Api.Contracts;
using OtMz.Api.Infrastructure;

namespace OtMz.Api.Endpoints;

/// <summary>
/// The caller's codibook: catalog looks and closet outfits they saved, kept by their codibook grain
/// (<see cref="ICodibookGrain"/>). Saving is also a save signal, on the look or on the outfit, sent here to the user
/// grain with an id derived from the entry's (<see cref="CodibookRules.SaveSignalId"/>), so a retried save moves the
/// taste once. The Api sends it rather than the codibook grain so that no grain call goes from the codibook to the
/// user grain, which calls the codibook (its erase, the my page).
/// Like every /users/me route, there is no way to name another user's codibook.
/// </summary>
public static class CodibookApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    public static IEndpointRouteBuilder MapCodibookApi(this IEndpointRouteBuilder app)
    {
        var book = app.MapGroup(CodibookEntryView.Path).WithTags("Codibook").RequireAuthorization();
        book.MapGet("/", ListEntries).WithName("ListCodibook")
            .WithSummary("The caller's saved looks and outfits, newest first, a page at a time (after = the previous page's nextCursor).")
            .ProducesValidationProblem();
        book.MapPost("/", SaveEntry).WithName("SaveToCodibook")
            .WithSummary("Saves a catalog look ({ lookId }) or an outfit of closet items ({ itemIds }) with an optional note; a client-chosen id makes it idempotent.")
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        book.MapGet("/{id}", GetEntry).WithName("GetCodibookEntry").WithSummary("One saved entry.").ProducesProblem(StatusCodes.Status404NotFound);
        book.MapDelete("/{id}", DeleteEntry).WithName("DeleteCodibookEntry").WithSummary("Deletes a saved entry.").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<CodibookList>, ProblemHttpResult>> ListEntries([AsParameters] ApiServices api, ClaimsPrincipal user, string? after, int? limit)
    {
        var errors = new List<FieldError>();
        long? before = null;
        if (after is not null)
        {
            if (TryDecodeCursor(after, out var seq))
            {
                before = seq;
            }
            else
            {
                errors.Add(new FieldError("after", "Not a cursor this API issued; pass nextCursor back unchanged."));
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add(new FieldError("limit", $"limit is between 1 and {MaxLimit}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await Codibook(api, user).List(before, limit ?? DefaultLimit);
        return TypedResults.Ok(new CodibookList([.. page.Items.Select(CodibookEntryView.Of)],
            page.NextBefore is { } next ? EncodeCursor(next) : null, page.Total, ICodibookGrain.MaxEntries));
    }

    public static async Task<Results<Created<CodibookEntryView>, Ok<CodibookEntryView>, ProblemHttpResult>> SaveEntry(
        [AsParameters] ApiServices api, ClaimsPrincipal user, CodibookInput input)
    {
        if (input.LookId is null && input.ItemIds is null)
        {
            return Problems.Validation("lookId", "Give lookId (a catalog look) or itemIds (an outfit of your closet items).");
        }

        var draft = new CodibookDraft(input.Id ?? $"cb-{Guid.CreateVersion7():N}", input.ItemIds is null ? CodibookKind.Look : CodibookKind.Outfit,
            input.LookId, input.ItemIds is null ? [] : [.. input.ItemIds], input.Note);
        var shape = CodibookRules.Validate(draft).ToList();
        if (shape.Count > 0)
        {
            return Problems.Validation(shape);
        }

        var book = Codibook(api, user);
        var result = await book.Save(draft);
        if (result.Entry is not { } entry)
        {
            return result.Failure switch
            {
                CodibookFailure.Full => TypedResults.Problem(title: "The codibook is full.",
                    detail: $"A codibook holds at most {ICodibookGrain.MaxEntries} entries; delete one first.", statusCode: StatusCodes.Status409Conflict),
                CodibookFailure.IdInUse => Problems.Validation(result.Errors, StatusCodes.Status409Conflict, "The entry id is in use."),
                CodibookFailure.NotFound => Problems.Validation(result.Errors, StatusCodes.Status404NotFound),
                _ => Problems.Validation(result.Errors),
            };
        }

        // Sent on every save, a replay included: if an earlier attempt stored the entry but never got this far, the
        // retry counts the signal; if it did, the signal's id makes this a duplicate. A signal the user grain refuses
        // (the look or an item deleted meanwhile, the signal quota spent) leaves the entry saved.
        var signalId = CodibookRules.SaveSignalId(entry.Id);
        _ = entry.Kind == CodibookKind.Look
            ? await api.User(user).ApplySignals([new Signal(signalId, SignalType.Save, entry.LookId)])
            : await api.User(user).ApplyOutfitSignal(new OutfitSignal(signalId, SignalType.Save, entry.ItemIds));

        var view = await book.Get(entry.Id) is { } resolved ? CodibookEntryView.Of(resolved) : CodibookEntryView.Of(new ResolvedCodibookEntry(entry, null, [], []));
        return result.Created ? TypedResults.Created($"{CodibookEntryView.Path}/{entry.Id}", view) : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<CodibookEntryView>, ProblemHttpResult>> GetEntry([AsParameters] ApiServices api, ClaimsPrincipal user, string id) =>
        await Codibook(api, user).Get(id) is { } entry ? TypedResults.Ok(CodibookEntryView.Of(entry)) : NoSuchEntry(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEntry([AsParameters] ApiServices api, ClaimsPrincipal user, string id) =>
        await Codibook(api, user).Delete(id) ? TypedResults.NoContent() : NoSuchEntry(id);

    private static ICodibookGrain Codibook(ApiServices api, ClaimsPrincipal user) => api.Grains.GetGrain<ICodibookGrain>(Auth.AuthExtensions.UserId(user));

    private static ProblemHttpResult NoSuchEntry(string id) => Problems.NotFound($"There is no entry '{id}' in your codibook.");

    /// <summary>The cursor is the entry sequence to continue below, opaque to clients: base64url of its decimal digits.</summary>
    private static string EncodeCursor(long seq) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecodeCursor(string cursor, out long seq)
    {
        seq = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
