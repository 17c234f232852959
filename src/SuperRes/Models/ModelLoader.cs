using SuperRes.Tensors;
using SuperRes.Tensors.Serialization;
using SuperRes.Weights.Torch;

namespace SuperRes.Models;

/// <summary>
/// Loads a network from any weights file we read: our model files (safetensors carrying the
/// architecture), published LapSRN weights (MatConvNet <c>.mat</c>), and community weights
/// recognised by <see cref="CommunityModels"/>: PyTorch checkpoints (<c>.pth</c>, <c>.pt</c>,
/// <c>.ckpt</c>) and plain safetensors. Errors are <see cref="TorchCheckpointException"/>,
/// <see cref="SafeTensorsException"/> or <see cref="Weights.MatFileException"/>, each naming the file.
/// </summary>
public static class ModelLoader
{
    public static SuperResolutionModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".mat") return LapSrnWeights.Load(path);
        if (ext is ".pth" or ".pt" or ".ckpt") return FromTorch(path);
        if (ext == ".safetensors" || !IsZip(path)) return FromSafeTensors(path);
        return FromTorch(path);
    }

    private static SuperResolutionModel FromTorch(string path)
    {
        var state = TorchCheckpoint.Load(path);
        try { return CommunityModels.FromStateDict(state); }
        catch (ArgumentException e) { throw new TorchCheckpointException(path, e.Message, e); }
        finally { foreach (var t in state.Values) t.Dispose(); }
    }

    private static SuperResolutionModel FromSafeTensors(string path)
    {
        SafeTensorsFile file;
        using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            file = SafeTensors.Load(probe, path);
            if (file.Metadata.ContainsKey(ModelFile.FormatKey))
            {
                file.Dispose();
                probe.Position = 0;
                return ModelFile.Load(probe, path);
            }
        }
        using (file)
        {
            try { return CommunityModels.FromStateDict(file.Tensors); }
            catch (ArgumentException e) { throw new SafeTensorsException(path, e.Message); }
        }
    }

    private static bool IsZip(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> head = stackalloc byte[4];
        return fs.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head[0] == (byte)'P' && head[1] == (byte)'K';
    }
}
