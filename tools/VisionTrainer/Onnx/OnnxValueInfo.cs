namespace OtMz.VisionTrainer.Onnx;

/// <summary>A graph input or output: its name, element type and shape.</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType DataType, OnnxDim[] Shape);
