namespace OtMz.VisionTrainer.Onnx;

/// <summary>The attribute kinds the project writes (values are AttributeProto.AttributeType numbers).</summary>
public enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Floats = 6,
    Ints = 7,
}
