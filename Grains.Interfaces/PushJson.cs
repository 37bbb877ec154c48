using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// The argument of one hub event (TasteUpdated, LooksUpdated, AdsUpdated) as UTF-8 JSON, written once by the
/// user grain that made the push. It travels the push stream as bytes and every Api node writes it into its
/// SignalR messages as it is, so a push is serialized once however many nodes and devices receive it, and
/// the stream's pulling agents copy bytes instead of rebuilding a graph of a few hundred objects per push.
/// The JSON is exactly what SignalR's JSON hub protocol writes for the typed payload (web defaults, camelCase).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("otmz.push-json")]
[JsonConverter(typeof(PushJsonConverter))]
public sealed class PushJson
{
    /// <summary>SignalR's JSON hub protocol's defaults (the web defaults), which the REST endpoints share.</summary>
    private static readonly JsonSerializerOptions Plain = new(JsonSerializerDefaults.Web);

    /// <summary>Writes each look's JSON once; see <see cref="LookOnceConverter"/>.</summary>
    private static readonly LookOnceConverter LookOnce = new();

    /// <summary>
    /// The same JSON as <see cref="Plain"/>, with each catalog look written once and its bytes reused: a look is
    /// immutable and the same instance comes back from its shard push after push, and its JSON (the style vector's
    /// 23 numbers, the palette, the garments) is most of a LooksUpdated.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(Plain)
    {
        Converters = { LookOnce, new RecommendedLookConverter(), new RecommendedAdConverter(), new ReasonConverter() },
    };

    [Id(0)]
    private readonly byte[] _utf8;

    private PushJson(byte[] utf8) => _utf8 = utf8;

    public ReadOnlySpan<byte> Utf8 => _utf8;

    public static PushJson Of<T>(T payload) => new(JsonSerializer.SerializeToUtf8Bytes(payload, Options));

    public T Read<T>() => JsonSerializer.Deserialize<T>(_utf8, Options) ?? throw new JsonException($"A push carried null for {typeof(T).Name}.");

    /// <summary>
    /// Keeps the JSON of every look instance it has written for as long as that instance lives. Looks that cross
    /// silos arrive as new instances and are written afresh; the table never holds a look alive.
    /// </summary>
    private sealed class LookOnceConverter : JsonConverter<Look>
    {
        private static readonly ConditionalWeakTable<Look, byte[]> Written = new();

        public override Look? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<Look>(ref reader, Plain);

        public override void Write(Utf8JsonWriter writer, Look value, JsonSerializerOptions options) =>
            writer.WriteRawValue(Written.GetValue(value, static look => JsonSerializer.SerializeToUtf8Bytes(look, Plain)), skipInputValidation: true);
    }

    /// <summary>
    /// A list entry written field by field, as the default converter writes it (web defaults: camelCase names in
    /// declaration order), without boxing: the default object converter boxes every struct it writes, which for the
    /// twenty looks of a push and their reasons was about 6 KB of garbage per push (docs/performance.md, "Push JSON written once").
    /// </summary>
    private sealed class RecommendedLookConverter : JsonConverter<RecommendedLook>
    {
        private static readonly JsonEncodedText LookName = JsonEncodedText.Encode("look");

        public override RecommendedLook Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<RecommendedLook>(ref reader, Plain);

        public override void Write(Utf8JsonWriter writer, RecommendedLook value, JsonSerializerOptions options) =>
            ReasonConverter.WriteEntry(writer, LookName, LookOnce, value.Look, value.Score, value.Reasons, options);
    }

    /// <inheritdoc cref="RecommendedLookConverter"/>
    private sealed class RecommendedAdConverter : JsonConverter<RecommendedAd>
    {
        private static readonly JsonEncodedText CampaignName = JsonEncodedText.Encode("campaign");

        public override RecommendedAd Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<RecommendedAd>(ref reader, Plain);

        public override void Write(Utf8JsonWriter writer, RecommendedAd value, JsonSerializerOptions options) =>
            ReasonConverter.WriteEntry(writer, CampaignName, (JsonConverter<AdCreative>)options.GetConverter(typeof(AdCreative)), value.Campaign, value.Score, value.Reasons, options);
    }

    /// <inheritdoc cref="RecommendedLookConverter"/>
    private sealed class ReasonConverter : JsonConverter<Reason>
    {
        private static readonly JsonEncodedText ScoreName = JsonEncodedText.Encode("score");
        private static readonly JsonEncodedText ReasonsName = JsonEncodedText.Encode("reasons");
        private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
        private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("key");
        private static readonly JsonEncodedText ContributionName = JsonEncodedText.Encode("contribution");
        private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");

        /// <summary>
        /// The shape a recommended look and a recommended ad share: the look or campaign (through its converter, or
        /// null as the default converter writes a missing one), then "score" and "reasons".
        /// </summary>
        public static void WriteEntry<THead>(Utf8JsonWriter writer, JsonEncodedText headName, JsonConverter<THead> headConverter, THead? head, float score, ImmutableArray<Reason> reasons, JsonSerializerOptions options)
            where THead : class
        {
            writer.WriteStartObject();
            writer.WritePropertyName(headName);
            if (head is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                headConverter.Write(writer, head, options);
            }

            writer.WriteNumber(ScoreName, score);
            writer.WriteStartArray(ReasonsName);
            foreach (var reason in reasons)
            {
                WriteReason(writer, reason);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public override Reason Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<Reason>(ref reader, Plain);

        public override void Write(Utf8JsonWriter writer, Reason value, JsonSerializerOptions options) => WriteReason(writer, value);

        private static void WriteReason(Utf8JsonWriter writer, Reason reason)
        {
            writer.WriteStartObject();
            writer.WriteString(KindName, reason.Kind);
            writer.WriteString(KeyName, reason.Key);
            writer.WriteNumber(ContributionName, reason.Contribution);
            writer.WriteString(TextName, reason.Text);
            writer.WriteEndObject();
        }
    }

    /// <summary>Writes the stored JSON in place; reading one back is not supported (pushes only go out).</summary>
    private sealed class PushJsonConverter : JsonConverter<PushJson>
    {
        public override PushJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Push JSON is written, never read.");

        public override void Write(Utf8JsonWriter writer, PushJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}
