using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Inference;
using SuperRes.Processing;
using SuperRes.Tensors;

namespace SuperRes.Server;

/// <summary>
/// Runs jobs one at a time (the engine already spreads one job over every core), through the same
/// library path as <c>superres upscale</c>: a network runs tile by tile in an <see cref="Upscaler"/>
/// and its PNG is written in bands; bicubic runs on whole planes; alpha is upscaled bicubically and
/// the bit depth is kept. One <see cref="Upscaler"/> is kept per model, scale and ensemble, so a
/// model's receptive field is probed once, not per request.
/// </summary>
internal sealed class JobRunner(ServerOptions options, TempFolder temp)
{
    private readonly Dictionary<(ServeModel, int, bool), Upscaler> _upscalers = [];
    private UpscaleJob? _current;

    public void Run(UpscaleJob job)
    {
        var input = job.Input ?? throw new InvalidOperationException($"Job {job.Id} has no input.");
        string path = temp.FileFor(job.Id + ".png");
        job.MarkRunning();
        if (job.Model.Model is null)
        {
            job.ReportTiles(0, 1);
            var result = UpscaleBicubic(input, job.Scale);
            job.CancellationToken.ThrowIfCancellationRequested();
            ImageCodecs.Write(result, path);
            job.ReportTiles(1, 1);
        }
        else
        {
            var upscaler = GetUpscaler(job);
            _current = job;
            try
            {
                ImageCodecs.WritePngInBands(path, input.Width * job.Scale, input.Height * job.Scale, input.Channels, input.BitDepth,
                    writeBand => upscaler.Upscale(input, writeBand));
            }
            finally
            {
                _current = null;
                // Between jobs the server idles: give the tile buffers back rather than keep them pooled.
                TensorPool.Trim();
            }
        }
        job.Complete(path);
    }

    /// <summary>What <c>superres upscale --model bicubic</c> does: colour through <see cref="ColorUpscaler"/>, alpha by <see cref="Imresize"/>.</summary>
    internal static Image UpscaleBicubic(Image image, int scale)
    {
        var planes = ImagePlanes.Split(image);
        var color = ColorUpscaler.Upscale(new BicubicSuperResolver(), planes.Take(image.ColorChannels).ToArray(), scale);
        var all = image.HasAlpha ? [.. color, Imresize.Resize(planes[^1], scale)] : color;
        return ImagePlanes.Merge(all, image.BitDepth);
    }

    private Upscaler GetUpscaler(UpscaleJob job)
    {
        var key = (job.Model, job.Scale, job.Ensemble);
        if (!_upscalers.TryGetValue(key, out var upscaler))
        {
            upscaler = new Upscaler(job.Model.Model!, job.Scale, new UpscalerOptions
            {
                TileSize = options.TileSize,
                Ensemble = job.Ensemble,
                Progress = OnProgress,
            });
            _upscalers[key] = upscaler;
        }
        return upscaler;
    }

    /// <summary>Called by the upscaler after each tile: reports to the running job, and stops it when cancelled.</summary>
    private void OnProgress(UpscaleProgress progress)
    {
        if (_current is not { } job) return;
        job.CancellationToken.ThrowIfCancellationRequested();
        job.ReportTiles(progress.TilesDone, progress.TilesTotal);
        options.AfterTile?.Invoke(progress.TilesDone, progress.TilesTotal);
    }
}
