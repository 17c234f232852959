using System.Text.Json;
using System.Text.Json.Nodes;

namespace SuperRes.Training;

/// <summary>
/// The JSONL training log: one object per line with "type" ("train", "val", "event"), "step" and values.
/// On resume, lines after the checkpoint's step (from the interrupted run) are dropped so the log
/// reads as one uninterrupted run.
/// </summary>
public sealed class TrainingLog : IDisposable
{
    private readonly StreamWriter _writer;

    public TrainingLog(string path, long? resumeStep)
    {
        Path = path;
        var kept = new List<string>();
        if (resumeStep is { } last && File.Exists(path))
            foreach (var line in File.ReadAllLines(path))
                if (StepOf(line) is { } s && s <= last) kept.Add(line);
        File.WriteAllLines(path, kept);
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    public string Path { get; }

    public void Write(string type, long step, IEnumerable<KeyValuePair<string, double>> values, string? message = null)
    {
        var node = new JsonObject { ["type"] = type, ["step"] = step, ["time"] = DateTimeOffset.UtcNow.ToString("O") };
        foreach (var (key, value) in values) node[key] = double.IsFinite(value) ? value : null;
        if (message is not null) node["message"] = message;
        _writer.WriteLine(node.ToJsonString());
    }

    /// <summary>The "step" of a log line, or null if the line is not a log object.</summary>
    public static long? StepOf(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["step"]?.GetValue<long>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    public void Dispose() => _writer.Dispose();
}
