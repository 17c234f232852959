using System.Diagnostics;
using SuperRes.Imaging;

namespace SuperRes.Evaluation;

/// <summary>
/// Evaluates a method on folders of ground-truth images with a <see cref="BenchmarkProtocol"/>.
/// A file that cannot be read or evaluated is reported in <see cref="DatasetResult.Failures"/>
/// and the run goes on.
/// </summary>
public sealed class Evaluator
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".bmp", ".jpg", ".jpeg", ".ppm", ".pgm", ".pnm",
    };

    private readonly Func<string, Image> _read;

    /// <param name="resolver">The method to evaluate.</param>
    /// <param name="read">Reads an image file (by default <see cref="ImageCodecs.Read(string, ImageReadOptions?)"/>).</param>
    public Evaluator(ISuperResolver resolver, Func<string, Image>? read = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Resolver = resolver;
        _read = read ?? (path => ImageCodecs.Read(path));
    }

    public ISuperResolver Resolver { get; }

    /// <summary>The image files of a folder (by extension), sorted by name.</summary>
    public static IReadOnlyList<string> ImageFiles(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: no such folder.");
        return Directory.EnumerateFiles(folder)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Evaluates every image of <paramref name="folder"/>. <paramref name="onImage"/> receives each
    /// super-resolved image with its file name (for saving).
    /// </summary>
    public DatasetResult EvaluateFolder(
        string folder,
        BenchmarkProtocol protocol,
        IProgress<EvaluationProgress>? progress = null,
        Action<string, Image>? onImage = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var files = ImageFiles(folder);
        var dataset = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var scores = new List<ImageScore>();
        var failures = new List<ImageFailure>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(files[i]);
            ImageScore? score = null;
            ImageFailure? failure = null;
            try
            {
                var image = _read(files[i]);
                var result = protocol.Evaluate(image, Resolver, name);
                score = result.Score;
                scores.Add(score);
                onImage?.Invoke(name, result.SuperResolved);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = new ImageFailure(name, OneLine(name, e));
                failures.Add(failure);
            }
            progress?.Report(new EvaluationProgress(dataset, protocol.Scale, i + 1, files.Count, name, score, failure));
        }
        return new DatasetResult(dataset, protocol.Scale, Resolver.Name, scores, failures, clock.Elapsed.TotalSeconds);
    }

    private static string OneLine(string name, Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return message.StartsWith(name, StringComparison.Ordinal) ? message : $"{name}: {message}";
    }
}
