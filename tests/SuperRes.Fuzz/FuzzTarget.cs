using SuperRes.Imaging;
using SuperRes.Tensors.Serialization;
using SuperRes.Weights;

namespace SuperRes.Fuzz;

/// <summary>Runs a format's public reader on bytes; what it may throw is its contract.</summary>
public static class FuzzTarget
{
    /// <summary>
    /// Decodes <paramref name="data"/> with the default limits and returns the output size (pixels
    /// for images, values for safetensors and MAT files).
    /// </summary>
    public static long Decode(FuzzFormat format, byte[] data, string name = "input")
    {
        switch (format)
        {
            case FuzzFormat.SafeTensors:
                using (var file = SafeTensors.Load(new MemoryStream(data, writable: false), name))
                    return file.Tensors.Values.Sum(t => (long)t.Length);
            case FuzzFormat.Mat:
                return MatFile.Read(data, name).Variables.Count;
            default:
                var image = ImageCodecs.Read(new MemoryStream(data, writable: false), name);
                return (long)image.Width * image.Height;
        }
    }

    /// <summary>Whether <paramref name="e"/> is the documented exception of <paramref name="format"/>.</summary>
    public static bool IsContractException(FuzzFormat format, Exception e) => format switch
    {
        FuzzFormat.SafeTensors => e is SafeTensorsException,
        FuzzFormat.Mat => e is MatFileException,
        _ => e is ImageFormatException,
    };

    /// <summary>The format a file name's extension stands for.</summary>
    public static FuzzFormat? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => FuzzFormat.Png,
        ".jpg" or ".jpeg" => FuzzFormat.Jpeg,
        ".bmp" => FuzzFormat.Bmp,
        ".ppm" or ".pgm" or ".pnm" => FuzzFormat.Pnm,
        ".safetensors" => FuzzFormat.SafeTensors,
        ".mat" => FuzzFormat.Mat,
        _ => null,
    };

    public static string Extension(FuzzFormat format) => format switch
    {
        FuzzFormat.Png => ".png",
        FuzzFormat.Jpeg => ".jpg",
        FuzzFormat.Bmp => ".bmp",
        FuzzFormat.Pnm => ".ppm",
        FuzzFormat.SafeTensors => ".safetensors",
        _ => ".mat",
    };
}
