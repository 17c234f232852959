using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Processing;

namespace SuperRes.Training.Data;

/// <summary>
/// Training images held in memory as float planes in [0, 255] scale: the Y plane of each image
/// (<see cref="SuperResolverInput.Luma"/>) or its colour planes (<see cref="SuperResolverInput.Color"/>,
/// gray images repeated to three planes). Loaded once; images smaller than <c>minSize</c> on a side
/// are skipped (they cannot give a patch).
/// </summary>
public sealed class TrainingImageSet
{
    private TrainingImageSet(IReadOnlyList<Plane[]> images, IReadOnlyList<string> names, SuperResolverInput input)
    {
        Images = images;
        Names = names;
        Input = input;
    }

    /// <summary>Each image's planes (1 for Y, 3 for RGB), all of one size per image.</summary>
    public IReadOnlyList<Plane[]> Images { get; }

    /// <summary>The file name of each image, in load order (folders in the order given, files sorted).</summary>
    public IReadOnlyList<string> Names { get; }

    public SuperResolverInput Input { get; }

    public int Channels => Input == SuperResolverInput.Luma ? 1 : 3;

    public int Count => Images.Count;

    /// <summary>Loads every image file of the folders (sorted by name, so the order is reproducible).</summary>
    public static TrainingImageSet Load(IEnumerable<string> folders, SuperResolverInput input, int minSize = 1)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var files = new List<string>();
        foreach (var folder in folders) files.AddRange(Evaluator.ImageFiles(folder));
        if (files.Count == 0) throw new InvalidDataException("No training images found in " + string.Join(", ", folders) + ".");
        var planes = new Plane[files.Count][];
        Parallel.For(0, files.Count, i => planes[i] = ToPlanes(ImageCodecs.Read(files[i]), input));
        var kept = new List<Plane[]>();
        var names = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            if (planes[i][0].Width < minSize || planes[i][0].Height < minSize) continue;
            kept.Add(planes[i]);
            names.Add(Path.GetFileName(files[i]));
        }
        if (kept.Count == 0) throw new InvalidDataException($"No training image is at least {minSize}x{minSize} pixels.");
        return new TrainingImageSet(kept, names, input);
    }

    /// <summary>Wraps planes already in memory (tests, synthetic data).</summary>
    public static TrainingImageSet FromPlanes(IReadOnlyList<Plane[]> images, SuperResolverInput input)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("No images.", nameof(images));
        var channels = input == SuperResolverInput.Luma ? 1 : 3;
        foreach (var image in images)
            if (image.Length != channels) throw new ArgumentException($"Expected {channels} planes per image, got {image.Length}.", nameof(images));
        return new TrainingImageSet(images, images.Select((_, i) => $"image{i}").ToList(), input);
    }

    private static Plane[] ToPlanes(Image image, SuperResolverInput input)
    {
        var planes = ImagePlanes.Split(image).Take(image.ColorChannels).ToArray();
        if (input == SuperResolverInput.Luma) return [ColorConversion.Luma(planes)];
        return planes.Length == 3 ? planes : [planes[0], planes[0].Clone(), planes[0].Clone()];
    }
}
