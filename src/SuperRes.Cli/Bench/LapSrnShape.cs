namespace SuperRes.Cli.Bench;

/// <summary>A LapSRN x4 of <paramref name="Width"/> channels and <paramref name="Depth"/> convs per level, run on an <paramref name="ImageWidth"/> x <paramref name="ImageHeight"/> Y plane.</summary>
public sealed record LapSrnShape(int Width, int Depth, int ImageWidth, int ImageHeight)
{
    public string Key => $"lapsrn_w{Width}d{Depth}_x4_{ImageWidth}x{ImageHeight}_seconds";

    public string Label => $"LapSRN x4 w{Width} d{Depth} {ImageWidth}x{ImageHeight}";
}
