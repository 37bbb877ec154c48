using Microsoft.ML.OnnxRuntime;

namespace OtMz.Vision.Model;

/// <summary>Opens ONNX Runtime sessions with errors that name the file and what it was meant to be.</summary>
internal static class OnnxSessions
{
    public static InferenceSession Open(string path, string role, SessionOptions? sessionOptions)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{role} '{path}' does not exist.", path);
        }

        var owned = sessionOptions is null ? new SessionOptions() : null;
        try
        {
            return new InferenceSession(path, sessionOptions ?? owned!);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{role} '{path}' cannot be loaded by ONNX Runtime (is it an ONNX model?): {e.Message}", e);
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
