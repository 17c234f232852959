using System.Diagnostics;
using SuperRes.Imaging;
using SuperRes.Imaging.Png;

/// <summary>
/// `--png-levels FILE`: our PNG encoder on one image with zlib's run-length strategy and at zlib
/// levels 1-9 (the library's default marked), file size and the best of 3 encodes after a warm-up round, so the default's
/// trade can be checked.
/// </summary>
internal static class PngLevels
{
    public static int Run(string[] args)
    {
        int at = Array.IndexOf(args, "--png-levels");
        if (at + 1 >= args.Length) { Console.Error.WriteLine("--png-levels needs an image file."); return 2; }
        var image = ImageCodecs.Read(args[at + 1]);
        Console.WriteLine($"{args[at + 1]}: {image.Width}x{image.Height}, {image.Channels} channels; PNG run-length and at each zlib level, best of 3");
        Console.WriteLine($"  {"level",-12} {"bytes",12} {"ms",8}");
        var all = new[] { PngCompression.RunLength }.Concat(Enumerable.Range(1, 9).Select(PngCompression.FromLevel)).ToArray();
        foreach (var compression in all) PngEncoder.Encode(image, new MemoryStream(), compression); // warm-up: JIT, thread pool
        foreach (var compression in all)
        {
            double best = double.MaxValue;
            long size = 0;
            for (int r = 0; r < 3; r++)
            {
                var output = new MemoryStream();
                long start = Stopwatch.GetTimestamp();
                PngEncoder.Encode(image, output, compression);
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                size = output.Length;
            }
            string mark = compression == PngCompression.Default ? " (default)" : "";
            Console.WriteLine($"  {compression + mark,-12} {size,12:N0} {best,8:F0}");
        }
        return 0;
    }
}
