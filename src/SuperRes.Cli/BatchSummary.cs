using System.Text;
using System.Text.Json;

namespace SuperRes.Cli;

/// <summary>
/// The <c>--summary FILE.json</c> of a batch: <c>{"ok", "skipped", "failed", "seconds", "shard",
/// "files": [{"input", "output", "status", "width", "height", "bytes", "seconds", "error"}]}</c>
/// (width/height of the output; error null unless failed).
/// </summary>
public static class BatchSummary
{
    public static string ToJson(IReadOnlyList<BatchFileResult> results, double seconds, ShardSpec shard)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("ok", results.Count(r => r.Status == BatchFileResult.Ok));
            json.WriteNumber("skipped", results.Count(r => r.Status == BatchFileResult.Skipped));
            json.WriteNumber("failed", results.Count(r => r.Status == BatchFileResult.Failed));
            json.WriteNumber("seconds", Math.Round(seconds, 3));
            json.WriteString("shard", $"{shard.Index}/{shard.Count}");
            json.WriteStartArray("files");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("input", r.Input);
                json.WriteString("output", r.Output);
                json.WriteString("status", r.Status);
                json.WriteNumber("width", r.Width);
                json.WriteNumber("height", r.Height);
                json.WriteNumber("bytes", r.Bytes);
                json.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                if (r.Error is null) json.WriteNull("error");
                else json.WriteString("error", r.Error);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
