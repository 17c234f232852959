using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using SuperRes.Imaging;

namespace SuperRes.Server;

/// <summary>
/// Turns a request into a queued job, refusing early and cheaply: the query (<c>model</c>,
/// <c>scale</c>, <c>ensemble</c>) first, then a full queue (503, before the upload is read), then the
/// upload size (413), the image itself (400) and its pixel counts (413), and the queue once more.
/// </summary>
internal static class JobRequest
{
    public static async Task<UpscaleJob> CreateAsync(HttpContext context, ServerState state, ILogger logger)
    {
        var query = context.Request.Query;
        var model = state.FindModel(query["model"].FirstOrDefault());
        int scale = ParseScale(query["scale"].FirstOrDefault(), model);
        bool ensemble = ParseFlag(query["ensemble"].FirstOrDefault(), "ensemble");
        if (state.Queue.RefuseIfFull()) throw Busy(state.Queue);

        var options = state.Options;
        var upload = await Upload.ReadAsync(context.Request, options.MaxUploadBytes, context.RequestAborted);
        var image = Decode(upload, options.MaxInputPixels, logger);
        long outputPixels = (long)image.Width * image.Height * scale * scale;
        if (outputPixels > options.MaxOutputPixels)
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "image_too_large",
                $"{upload.FileName}: {image.Width}x{image.Height} upscaled x{scale} gives {outputPixels} pixels, over the limit of {options.MaxOutputPixels}; choose a smaller scale or image");

        var job = new UpscaleJob(image, model, scale, ensemble, DownloadName(upload.FileName, scale));
        if (!state.Queue.TryEnqueue(job)) throw Busy(state.Queue);
        return job;
    }

    /// <summary>The 503 answer when the queue is full, with Retry-After.</summary>
    public static ApiException Busy(JobQueue queue) =>
        new(StatusCodes.Status503ServiceUnavailable, "busy",
            $"the server is busy ({queue.Capacity} jobs queued or running); retry later", queue.RetryAfterSeconds);

    private static Image Decode(Upload upload, long maxPixels, ILogger logger)
    {
        try
        {
            return ImageCodecs.Decode(upload.Data, upload.FileName, new ImageReadOptions { MaxPixels = maxPixels });
        }
        catch (ImageFormatException e) when (IsOverPixelLimit(e))
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "image_too_large", e.Message);
        }
        catch (ImageFormatException e)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "bad_image", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A decoder bug on a hostile file must not become a 500 without a word: say what failed.
            logger.LogWarning("Decoding {File} failed unexpectedly: {Type}: {Message}", upload.FileName, e.GetType().Name, e.Message);
            throw new ApiException(StatusCodes.Status400BadRequest, "bad_image", $"{upload.FileName}: cannot decode ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>The decoders' size check (<see cref="ImageReadOptions.MaxPixels"/>) is the one error that is about size, not form.</summary>
    private static bool IsOverPixelLimit(ImageFormatException e) => e.Problem.Contains("exceeds the limit", StringComparison.Ordinal);

    private static int ParseScale(string? text, ServeModel model)
    {
        if (string.IsNullOrEmpty(text)) return model.Scales.Contains(4) ? 4 : model.Scales[0];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int scale) || !model.Scales.Contains(scale))
            throw ApiException.BadRequest($"model '{model.Name}' upscales by {string.Join(", ", model.Scales)}, not by '{text}'");
        return scale;
    }

    private static bool ParseFlag(string? text, string name) => text?.ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "off" => false,
        "1" or "true" or "on" => true,
        _ => throw ApiException.BadRequest($"{name} must be true or false, not '{text}'"),
    };

    /// <summary><c>bird.png</c> at x4 gives <c>bird_x4.png</c>; anything but letters, digits, '-', '_' and '.' becomes '_'.</summary>
    internal static string DownloadName(string fileName, int scale)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        var safe = new StringBuilder();
        foreach (char c in stem.Length > 80 ? stem[..80] : stem)
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        if (safe.Length == 0) safe.Append("image");
        return $"{safe}_x{scale}.png";
    }
}
