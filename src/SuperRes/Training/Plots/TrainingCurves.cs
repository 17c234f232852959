using System.Text.Json.Nodes;

namespace SuperRes.Training.Plots;

/// <summary>The loss and validation-PSNR series of a JSONL training log (the last value wins for a repeated step).</summary>
public sealed class TrainingCurves
{
    public required IReadOnlyList<(double Step, double Value)> Loss { get; init; }
    public required IReadOnlyList<(double Step, double Value)> Psnr { get; init; }

    public static TrainingCurves Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such log file.", path);
        var loss = new SortedDictionary<double, double>();
        var psnr = new SortedDictionary<double, double>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new InvalidDataException($"{path}, line {number}: not JSON ({e.Message}).", e);
            }
            var type = node?["type"]?.GetValue<string>();
            var step = node?["step"]?.GetValue<double>();
            if (step is null) continue;
            if (type == "train" && node!["loss"] is JsonValue l) loss[step.Value] = l.GetValue<double>();
            if (type == "val" && node!["psnr"] is JsonValue p) psnr[step.Value] = p.GetValue<double>();
        }
        return new TrainingCurves
        {
            Loss = loss.Select(kv => (kv.Key, kv.Value)).ToList(),
            Psnr = psnr.Select(kv => (kv.Key, kv.Value)).ToList(),
        };
    }
}
