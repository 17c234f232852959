using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using SuperRes.Evaluation;

namespace SuperRes.Cli;

/// <summary>Renders evaluation results: a table for people, JSON for programs.</summary>
public static class EvaluationReport
{
    public static void WriteTable(IReadOnlyList<DatasetResult> results, TextWriter output)
    {
        var console = PlainConsole.Create(output, 120); // redirected output defaults to 80 columns, which wraps the table
        var table = new Table().AddColumns("dataset", "scale", "model", "images", "PSNR", "SSIM", "HFEN", "seconds");
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        foreach (var r in results)
        {
            var images = r.Failures.Count == 0 ? $"{r.Images.Count}" : $"{r.Images.Count} ({r.Failures.Count} failed)";
            table.AddRow(Markup.Escape(r.Dataset), $"x{r.Scale}", Markup.Escape(r.Model), images,
                PlainConsole.Cell(r.Psnr, "F4"), PlainConsole.Cell(r.Ssim, "F4"), PlainConsole.Cell(r.Hfen, "F4"), PlainConsole.Cell(r.Seconds, "F2"));
        }
        console.Write(table);
    }

    /// <summary>
    /// <c>{"results":[{"dataset","scale","model","psnr","ssim","hfen","seconds","images":[{"name","psnr","ssim","hfen"}]}],"pooled":[...]}</c>;
    /// <c>pooled</c> (same fields) holds the mean over all images of several datasets per scale
    /// (<see cref="PooledResults"/>). A value that is not finite (PSNR of identical images) is written as null.
    /// </summary>
    public static string ToJson(IReadOnlyList<DatasetResult> results, IReadOnlyList<DatasetResult>? pooled = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteResults(json, "results", results);
            if (pooled is { Count: > 0 }) WriteResults(json, "pooled", pooled);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteResults(Utf8JsonWriter json, string name, IReadOnlyList<DatasetResult> results)
    {
        json.WriteStartArray(name);
        foreach (var r in results)
        {
            json.WriteStartObject();
            json.WriteString("dataset", r.Dataset);
            json.WriteNumber("scale", r.Scale);
            json.WriteString("model", r.Model);
            Number(json, "psnr", r.Psnr);
            Number(json, "ssim", r.Ssim);
            Number(json, "hfen", r.Hfen);
            Number(json, "seconds", Math.Round(r.Seconds, 3));
            json.WriteStartArray("images");
            foreach (var image in r.Images)
            {
                json.WriteStartObject();
                json.WriteString("name", image.Name);
                Number(json, "psnr", image.Psnr);
                Number(json, "ssim", image.Ssim);
                Number(json, "hfen", image.Hfen);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

}
