namespace OtMz.VisionTests;

/// <summary>The style-model tests share one build of the default model and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class StyleModelCollection : ICollectionFixture<StyleModelFixture>
{
    public const string Name = "Style models";
}
