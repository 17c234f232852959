namespace SuperRes.Fuzz;

/// <summary>The file formats the fuzzer exercises, each with its one documented exception type.</summary>
public enum FuzzFormat
{
    Png,
    Jpeg,
    Bmp,
    Pnm,
    SafeTensors,
    Mat,
}
