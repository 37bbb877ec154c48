namespace OtMz.VisionTrainer.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size, or a named free size such as "N".</summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long value, string? param)
    {
        Value = value;
        Param = param;
    }

    /// <summary>The fixed size; 0 when the dimension is free.</summary>
    public long Value { get; }

    /// <summary>The free dimension's name; null when the size is fixed.</summary>
    public string? Param { get; }

    public static OnnxDim Fixed(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return new OnnxDim(value, null);
    }

    public static OnnxDim Free(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnnxDim(0, name);
    }

    public static implicit operator OnnxDim(long value) => Fixed(value);

    public static implicit operator OnnxDim(string name) => Free(name);

    public override string ToString() => Param ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
