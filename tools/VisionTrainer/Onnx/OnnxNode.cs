namespace OtMz.VisionTrainer.Onnx;

/// <summary>One operator application of a graph, in the default (ai.onnx) domain.</summary>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes);
