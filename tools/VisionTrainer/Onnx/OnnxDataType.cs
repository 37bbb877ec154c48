namespace OtMz.VisionTrainer.Onnx;

/// <summary>The ONNX element types the project writes (values are TensorProto.DataType numbers).</summary>
public enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
}
