using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OtMz.VisionTrainer.Onnx;

/// <summary>
/// A named constant tensor (an initializer or a tensor attribute), held as the little-endian bytes that go into
/// TensorProto.raw_data.
/// </summary>
public sealed class OnnxTensor
{
    private OnnxTensor(string name, OnnxDataType dataType, long[] dims, byte[] rawData)
    {
        Name = name;
        DataType = dataType;
        Dims = dims;
        RawData = rawData;
    }

    public string Name { get; }

    public OnnxDataType DataType { get; }

    public IReadOnlyList<long> Dims { get; }

    internal byte[] RawData { get; }

    public static OnnxTensor Float(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        CheckCount(name, values.Length, dims);
        var raw = new byte[values.Length * sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(raw);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
            }
        }

        return new OnnxTensor(name, OnnxDataType.Float, [.. dims], raw);
    }

    public static OnnxTensor Int64(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        CheckCount(name, values.Length, dims);
        var raw = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return new OnnxTensor(name, OnnxDataType.Int64, [.. dims], raw);
    }

    private static void CheckCount(string name, int count, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(name);
        long expected = 1;
        foreach (var d in dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dims));
            expected *= d;
        }

        if (expected != count)
        {
            throw new ArgumentException(
                $"Tensor '{name}' of shape [{string.Join(',', dims)}] holds {expected} values; got {count}.", nameof(dims));
        }
    }
}
