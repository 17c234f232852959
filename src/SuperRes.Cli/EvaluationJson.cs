using System.Text.Json;
using SuperRes.Evaluation;

namespace SuperRes.Cli;

/// <summary>Reads back the results that <c>evaluate --json</c> wrote (<see cref="EvaluationReport.ToJson"/>), for paired and seed comparisons.</summary>
public static class EvaluationJson
{
    /// <summary>The per-dataset results of a file; a null metric (not finite when written) reads as NaN.</summary>
    public static IReadOnlyList<DatasetResult> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: cannot read ({e.Message})", e);
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                throw new FormatException("no \"results\" array: not written by superres evaluate --json");
            var list = new List<DatasetResult>();
            foreach (var r in results.EnumerateArray())
            {
                var images = new List<ImageScore>();
                foreach (var i in Required(r, "images").EnumerateArray())
                    images.Add(new ImageScore(Required(i, "name").GetString() ?? "", Metric(i, "psnr"), Metric(i, "ssim"), Metric(i, "hfen")));
                list.Add(new DatasetResult(Required(r, "dataset").GetString() ?? "", Required(r, "scale").GetInt32(),
                    Required(r, "model").GetString() ?? "", images, [], Metric(r, "seconds")));
            }
            return list;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new CliException(ExitCodes.BadInput, $"{path}: not an evaluation result file ({e.Message})", e);
        }
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"missing \"{name}\"");

    private static double Metric(JsonElement element, string name)
    {
        var value = Required(element, name);
        return value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();
    }
}
