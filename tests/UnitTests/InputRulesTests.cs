using System.Collections.Immutable;
using System.Text.Json;
using OtMz.Grains;
using OtMz.Grains.Demo;

namespace OtMz.UnitTests;

/// <summary>The shared input rules: ids, free text, enum names on the wire, and what a look must be to be stored and ranked.</summary>
public class InputRulesTests
{
    private static readonly StyleVector Classic = StyleVector.Create([.. Enumerable.Range(0, 23).Select(i => i == 0 ? 1f : 0f)]);

    private static Look GoodLook() => new("look-1", "Navy coat", "https://cdn.example.com/look-1.jpg", Gender.Women,
        [Season.Autumn], [Occasion.Work], -2, 12, [new PaletteEntry(Colour.Navy, 0.7f)], [new Garment(GarmentSlot.Outer, "coat", Colour.Navy)], Classic);

    [Theory]
    [InlineData("mina")]
    [InlineData("look-0000007")]
    [InlineData("kakao:12345")]
    [InlineData("a.b_c@d")]
    public void IdsOfTheDocumentedShapeAreValid(string id) => Assert.True(IdRules.IsValid(id));

    [Theory]
    [InlineData("mina\n")]
    [InlineData("mina\r\n")]
    [InlineData("seoul\n")]
    [InlineData("-mina")]
    [InlineData("mi na")]
    [InlineData("")]
    [InlineData("look/1")]
    public void IdsEndWhereTheyEndAndATrailingNewlineIsNotIgnored(string id) => Assert.False(IdRules.IsValid(id));

    [Fact]
    public void AnIdLongerThanTheLimitIsRefused() => Assert.False(IdRules.IsValid(new string('a', IdRules.MaxLength + 1)));

    [Theory]
    [InlineData("look-0000007", true)]
    [InlineData("my-look_2", true)]
    [InlineData("look-1\n", false)]
    [InlineData("look/1", false)]
    [InlineData(null, false)]
    public void ALookIdIsCheckedByTheLookRuleAndALookWithABadIdSaysSo(string? id, bool valid)
    {
        Assert.Equal(valid, LookRules.IsValidId(id));
        if (id is not null)
        {
            var errors = LookRules.Validate(GoodLook() with { Id = id });
            FieldError[] expected = valid ? [] : [new FieldError("id", LookRules.IdRule)];
            Assert.Equal(expected, errors);
        }
    }

    [Theory]
    [InlineData("Navy coat over a shirt")]
    [InlineData("트렌치코트와 데님")]
    [InlineData("Snow 🌨 and wind")]
    public void OrdinaryTextIsAccepted(string text) => Assert.Null(TextRules.Problem(text, 200));

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("evil\u202Egnp.exe")]
    [InlineData("isolate\u2066x\u2069")]
    [InlineData("mark\u200F")]
    [InlineData("   ")]
    public void ControlAndDirectionCharactersAndBlankTextAreRefused(string text) => Assert.NotNull(TextRules.Problem(text, 200));

    [Fact]
    public void TextLongerThanItsLimitIsRefused() => Assert.NotNull(TextRules.Problem(new string('x', 65), 64));

    [Theory]
    [InlineData("""{"colour":0,"weight":0.5}""")]
    [InlineData("""{"colour":99,"weight":0.5}""")]
    [InlineData("""{"colour":"3","weight":0.5}""")]
    public void EnumsAreReadOnlyByTheirNames(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PaletteEntry>(json, JsonSerializerOptions.Web));

    [Fact]
    public void EnumsAreStillWrittenAndReadByName()
    {
        var json = JsonSerializer.Serialize(new Garment(GarmentSlot.OnePiece, "dress", Colour.Skyblue), JsonSerializerOptions.Web);
        Assert.Contains("\"one-piece\"", json);
        Assert.Equal(new Garment(GarmentSlot.OnePiece, "dress", Colour.Skyblue), JsonSerializer.Deserialize<Garment>(json, JsonSerializerOptions.Web));
    }

    [Fact]
    public void AWellFormedLookPassesTheLookRules() => Assert.Empty(LookRules.Validate(GoodLook()));

    [Fact]
    public void EveryDemoLookPassesTheLookRules() =>
        Assert.All(DemoCatalog.Generate(2_000, seed: 42), look => Assert.Empty(LookRules.Validate(look)));

    public static TheoryData<string, string> BadLooks => new()
    {
        { "palette[0].colour", "colour99" },
        { "palette[0].weight", "weight7" },
        { "palette[0]", "nullEntry" },
        { "gender", "gender99" },
        { "seasons[0]", "season99" },
        { "occasions[0]", "occasion99" },
        { "garments[0].slot", "slot99" },
        { "garments[0].category", "cape" },
        { "garments[0].colour", "garmentColour99" },
        { "id", "newline" },
        { "title", "bidi" },
        { "imageUrl", "javascript" },
        { "imageUrl", "http" },
        { "minTempC", "upsideDown" },
        { "styleVector", "zero" },
    };

    [Theory]
    [MemberData(nameof(BadLooks))]
    public void ALookThatWouldBreakAReaderNamesItsField(string field, string fault)
    {
        var look = GoodLook();
        look = fault switch
        {
            "colour99" => look with { Palette = [new PaletteEntry((Colour)99, 0.5f)] },
            "weight7" => look with { Palette = [new PaletteEntry(Colour.Navy, 7f)] },
            "nullEntry" => look with { Palette = ImmutableArray.Create(new PaletteEntry[] { null! }) },
            "gender99" => look with { Gender = (Gender)99 },
            "season99" => look with { Seasons = [(Season)99] },
            "occasion99" => look with { Occasions = [(Occasion)99] },
            "slot99" => look with { Garments = [new Garment((GarmentSlot)99, "coat", Colour.Navy)] },
            "cape" => look with { Garments = [new Garment(GarmentSlot.Top, "cape", Colour.Navy)] },
            "garmentColour99" => look with { Garments = [new Garment(GarmentSlot.Outer, "coat", (Colour)99)] },
            "newline" => look with { Id = "look-1\n" },
            "bidi" => look with { Title = "Coat\u202E" },
            "javascript" => look with { ImageUrl = "javascript:alert(1)" },
            "http" => look with { ImageUrl = "http://cdn.example.com/x.jpg" },
            "upsideDown" => look with { MinTempC = 20, MaxTempC = 10 },
            "zero" => look with { StyleVector = StyleVectorOfZeros() },
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };

        Assert.Contains(LookRules.Validate(look), e => e.Field == field);
    }

    [Theory]
    [InlineData("/api/v1/images/img-0192", "img-0192")]
    [InlineData("/api/v1/images/img-0192/../../x", null)]
    [InlineData("/api/v1/images/", null)]
    [InlineData("https://cdn.example.com/api/v1/images/img-1", null)]
    public void OnlyOurOwnPhotoPathsNameACatalogImage(string url, string? id) => Assert.Equal(id, LookRules.CatalogImageId(url));

    [Fact]
    public void AnOccurredAtFarFromTheServersClockIsRefused()
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        Signal At(DateTimeOffset at) => new("s", SignalType.Colour, Colour: Colour.Navy, OccurredAt: at);
        Assert.Equal("occurredAt", Assert.Single(SignalRules.ValidateOne(At(new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)), "", now)).Field);
        Assert.Equal("occurredAt", Assert.Single(SignalRules.ValidateOne(At(now - TimeSpan.FromDays(31)), "", now)).Field);
        Assert.Empty(SignalRules.ValidateOne(At(now - TimeSpan.FromDays(2)), "", now));
        Assert.Empty(SignalRules.ValidateOne(At(now + TimeSpan.FromMinutes(1)), "", now));
    }

    [Theory]
    [InlineData("s\n1")]
    [InlineData("s 1")]
    public void ASignalIdWithSpacesOrControlCharactersIsRefused(string id) =>
        Assert.Equal("id", Assert.Single(SignalRules.ValidateOne(new Signal(id, SignalType.Colour, Colour: Colour.Red))).Field);

    [Theory]
    [InlineData(SignalType.Like, -1)]
    [InlineData(SignalType.Save, 3_600_001)]
    [InlineData(SignalType.Dwell, -5)]
    public void ADwellOutOfRangeIsRefusedWhateverTheType(SignalType type, int dwellMs) =>
        Assert.Equal("dwellMs", Assert.Single(SignalRules.ValidateOne(new Signal("s", type, LookId: "look-1", DwellMs: dwellMs))).Field);

    [Fact]
    public void ALookIdInASignalMustHaveTheIdShape() =>
        Assert.Equal("lookId", Assert.Single(SignalRules.ValidateOne(new Signal("s", SignalType.Like, LookId: "look-1\n"))).Field);

    /// <summary>A vector as a bad row or another build could hand over, without passing <see cref="StyleVector.Create"/>.</summary>
    private static StyleVector StyleVectorOfZeros()
    {
        var vector = StyleVector.Create(Classic.ToArray());
        typeof(StyleVector).GetField("_values", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .SetValue(vector, new float[StyleTaxonomy.Count]);
        return vector;
    }
}
