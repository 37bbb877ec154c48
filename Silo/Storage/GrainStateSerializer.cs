using Orleans.Storage;

namespace OtMz.Silo.Storage;

/// <summary>
/// How user and region state is stored: Orleans' own binary serializer, which the state types already support
/// (<c>[GenerateSerializer]</c> with field ids, so fields can be added later without a migration). Orleans'
/// storage default is Newtonsoft JSON, which cost a large share of every signal's CPU (docs/performance.md, "Binary grain state").
/// Rows written before the switch hold that JSON: they are still read, and are stored as binary from their
/// next write on, so no migration step is needed.
/// </summary>
public sealed class GrainStateSerializer(OrleansGrainStorageSerializer binary, IGrainStorageSerializer legacyJson) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => binary.Serialize(input);

    public T? Deserialize<T>(BinaryData input) => IsJson(input) ? legacyJson.Deserialize<T>(input) : binary.Deserialize<T>(input);

    /// <summary>
    /// A JSON state is an object, so it starts with '{'. Orleans' binary form of a class never does: its first
    /// byte is a field tag whose wire type is then "tag-delimited" or "extended" (null, reference), while '{'
    /// (0x7B) would read as a 32-bit fixed-width field.
    /// </summary>
    public static bool IsJson(BinaryData input)
    {
        var bytes = input.ToMemory().Span;
        return bytes.Length > 0 && bytes[0] == (byte)'{';
    }
}
