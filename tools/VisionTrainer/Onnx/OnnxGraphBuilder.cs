namespace OtMz.VisionTrainer.Onnx;

/// <summary>
/// Builds an ONNX model (one graph, default operator domain) and writes it as ModelProto bytes through
/// <see cref="OnnxProtoWriter"/>. The project's own models (the default style model's front end and head, test
/// models) are written with it, so every model the project ships can be rebuilt from code. Insertion order is
/// kept everywhere, so the same calls give the same bytes.
/// </summary>
public sealed class OnnxGraphBuilder
{
    public const string ProducerName = "OtMz";

    /// <summary>IR version 8 (ONNX 1.10+) is read by every ONNX Runtime release the project may meet.</summary>
    public const long IrVersion = 8;

    /// <summary>Opset 17: the operators used here (Conv, Softmax with any axis, Gemm, ReduceMean with an axes attribute...).</summary>
    public const long OpsetVersion = 17;

    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _generated;

    public OnnxGraphBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        GraphName = graphName;
    }

    public string GraphName { get; }

    /// <summary>ModelProto.doc_string; ONNX Runtime shows it as the model's description.</summary>
    public string? DocString { get; set; }

    public int NodeCount => _nodes.Count;

    public OnnxGraphBuilder AddInput(string name, params OnnxDim[] shape) => AddInput(name, OnnxDataType.Float, shape);

    public OnnxGraphBuilder AddInput(string name, OnnxDataType dataType, params OnnxDim[] shape)
    {
        Claim(name);
        _inputs.Add(new OnnxValueInfo(name, dataType, [.. shape]));
        return this;
    }

    public OnnxGraphBuilder AddOutput(string name, params OnnxDim[] shape) => AddOutput(name, OnnxDataType.Float, shape);

    /// <summary>Declares a graph output; <paramref name="name"/> must be produced by some node.</summary>
    public OnnxGraphBuilder AddOutput(string name, OnnxDataType dataType, params OnnxDim[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _outputs.Add(new OnnxValueInfo(name, dataType, [.. shape]));
        return this;
    }

    /// <summary>Adds a constant tensor to the graph and returns its name, for use as a node input.</summary>
    public string AddInitializer(OnnxTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Claim(tensor.Name);
        _initializers.Add(tensor);
        return tensor.Name;
    }

    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims) =>
        AddInitializer(OnnxTensor.Float(name, values, dims));

    public string AddInt64Initializer(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddInitializer(OnnxTensor.Int64(name, values, dims));

    public OnnxGraphBuilder AddNode(
        string opType,
        IReadOnlyList<string> inputs,
        IReadOnlyList<string> outputs,
        params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
        {
            throw new ArgumentException($"A {opType} node needs at least one output.", nameof(outputs));
        }

        foreach (var output in outputs)
        {
            Claim(output);
        }

        _nodes.Add(new OnnxNode($"{opType}_{_nodes.Count}", opType, [.. inputs], [.. outputs], [.. attributes]));
        return this;
    }

    /// <summary>Adds a node with one output, named <paramref name="output"/> or generated, and returns that name.</summary>
    public string Apply(string opType, IReadOnlyList<string> inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        output ??= $"{opType.ToLowerInvariant()}_{_generated++}";
        AddNode(opType, inputs, [output], attributes);
        return output;
    }

    /// <summary>A ModelProto.metadata_props entry; ONNX Runtime exposes these as custom metadata.</summary>
    public OnnxGraphBuilder SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata.RemoveAll(e => e.Key == key);
        _metadata.Add(new(key, value));
        return this;
    }

    public byte[] ToBytes(string producerVersion = "1")
    {
        if (_inputs.Count == 0 || _outputs.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{GraphName}' needs at least one input and one output.");
        }

        return OnnxProtoWriter.Model(
            IrVersion, OpsetVersion, ProducerName, producerVersion, DocString, GraphName, _nodes, _initializers, _inputs, _outputs, _metadata);
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"Graph '{GraphName}' already has a value named '{name}'.", nameof(name));
        }
    }
}
