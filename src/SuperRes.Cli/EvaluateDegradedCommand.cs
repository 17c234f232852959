using System.CommandLine;
using System.Globalization;
using SuperRes.Evaluation;
using SuperRes.Imaging;
using SuperRes.Metrics;
using SuperRes.Processing;
using SuperRes.Training.Degradation;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres evaluate-degraded --data DIR ... --model M ... [--degradation realesrgan jpeg40] [--seed 1] [--strips DIR]</c>:
/// models on degraded photos (<see cref="DegradedBenchmark"/>): every ground-truth image of each
/// folder is degraded (the same LR for every model), upscaled by each model, and scored as the
/// benchmark protocol scores (PSNR/SSIM on Y, border shaved); prints a Markdown table of the means
/// and optionally writes side-by-side crops of one image per folder and degradation.
/// </summary>
public static class EvaluateDegradedCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data", "-d") { Description = "Ground-truth folders (e.g. ../shared/datasets/Set14).", Required = true, AllowMultipleArgumentsPerToken = true };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Methods: bicubic, default (the built-in model), photo, or model files.",
            DefaultValueFactory = _ => ["bicubic", "default", "photo"],
            AllowMultipleArgumentsPerToken = true,
        };
        var degradations = new Option<string[]>("--degradation")
        {
            Description = "realesrgan (the training pipeline, default ranges, seeded per image) and/or jpegQ (JPEG at quality Q, then bicubic downscaling).",
            DefaultValueFactory = _ => ["realesrgan", "jpeg40"],
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the realesrgan degradation.", DefaultValueFactory = _ => 1 };
        var scale = new Option<int>("--scale", "-s") { Description = "Upscaling factor.", DefaultValueFactory = _ => 4 };
        var strips = new Option<string?>("--strips") { Description = "Write DIR/<folder>-<degradation>.png: a crop of the --strip-image by each model, the degraded input and the ground truth." };
        var stripImage = new Option<string?>("--strip-image") { Description = "File name of the image to crop in each folder (default: the first)." };
        var command = new Command("evaluate-degraded", "PSNR/SSIM of models on degraded photos (Real-ESRGAN pipeline, JPEG), with side-by-side crops.")
            { data, models, degradations, seed, scale, strips, stripImage };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (stdout, error) =>
        {
            int factor = parseResult.GetValue(scale);
            if (factor is < 2 or > 16) throw new CliException(ExitCodes.Usage, "--scale must be between 2 and 16.");
            var kinds = parseResult.GetValue(degradations)!.Select(k =>
            {
                try
                {
                    return new DegradedBenchmark(k, factor, parseResult.GetValue(seed));
                }
                catch (ArgumentException e)
                {
                    throw new CliException(ExitCodes.Usage, e.Message, e);
                }
            }).ToArray();
            var choices = parseResult.GetValue(models)!.Select(m =>
            {
                var choice = ModelCatalog.Resolve(string.Equals(m, "default", StringComparison.OrdinalIgnoreCase) ? null : m);
                choice.RequireScale(factor);
                return (Name: m, Resolver: choice.CreateResolver());
            }).ToArray();
            var protocol = new BenchmarkProtocol(factor);
            var stripFolder = parseResult.GetValue(strips);
            var rows = new List<string>();
            foreach (var folder in parseResult.GetRequiredValue(data))
            {
                if (!Directory.Exists(folder)) throw new CliException(ExitCodes.BadInput, $"{folder}: no such folder");
                var files = Evaluator.ImageFiles(folder);
                if (files.Count == 0) throw new CliException(ExitCodes.BadInput, $"{folder}: no images");
                var dataset = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
                var stripName = parseResult.GetValue(stripImage);
                var stripFile = files.FirstOrDefault(f => Path.GetFileName(f) == stripName) ?? files[0];
                foreach (var kind in kinds)
                {
                    var psnr = new double[choices.Length];
                    var ssim = new double[choices.Length];
                    for (int i = 0; i < files.Count; i++)
                    {
                        var name = Path.GetFileName(files[i]);
                        error.WriteLine($"{dataset} {kind.Kind}: [{i + 1}/{files.Count}] {name}");
                        var image = ImageCodecs.Read(files[i]);
                        var hr = protocol.GroundTruth(image);
                        if (hr.Length == 1) hr = [hr[0], hr[0].Clone(), hr[0].Clone()]; // grey photos as RGB, so RGB models take them too
                        var lr = kind.LowResolution(hr, name);
                        var results = choices.Select(c => ColorUpscaler.Upscale(c.Resolver, lr, factor).Select(p => ImagePlanes.Quantize(p)).ToArray()).ToArray();
                        for (int m = 0; m < choices.Length; m++)
                        {
                            var score = protocol.Measure(results[m], hr, name);
                            psnr[m] += score.Psnr / files.Count;
                            ssim[m] += score.Ssim / files.Count;
                        }
                        if (stripFolder is not null && files[i] == stripFile)
                            WriteStrip(Path.Combine(stripFolder, $"{dataset}-{kind.Kind}.png"), hr, lr, results, choices.Select(c => c.Name).ToArray(), factor, stdout);
                    }
                    for (int m = 0; m < choices.Length; m++)
                        rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {dataset} | {kind.Kind} | {choices[m].Name} | {psnr[m]:F2} | {ssim[m]:F4} |"));
                }
            }
            stdout.WriteLine($"| dataset | degradation | model | PSNR (dB, Y) | SSIM (Y) |");
            stdout.WriteLine("|---|---|---|---:|---:|");
            foreach (var row in rows) stdout.WriteLine(row);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The centre crop (at most 120x120 HR pixels) of each model's result, the nearest-enlarged input and the ground truth, zoomed twice.</summary>
    private static void WriteStrip(string path, Plane[] hr, Plane[] lr, Plane[][] results, string[] names, int scale, TextWriter stdout)
    {
        int w = Math.Min(120, hr[0].Width) / scale * scale, h = Math.Min(120, hr[0].Height) / scale * scale;
        int x = (hr[0].Width - w) / 2 / scale * scale, y = (hr[0].Height - h) / 2 / scale * scale;
        var truth = hr.Select(p => p.Crop(x, y, w, h)).ToArray();
        var truthY = ColorConversion.Luma(truth);
        var input = lr.Select(p => Nearest(p.Crop(x / scale, y / scale, w / scale, h / scale), scale)).ToArray();
        var panels = new List<ComparisonStrip.Panel> { new("degraded input", ImagePlanes.Merge(input, 8), double.NaN, double.NaN) };
        for (int m = 0; m < results.Length; m++)
        {
            var crop = results[m].Select(p => p.Crop(x, y, w, h)).ToArray();
            var cropY = ColorConversion.Luma(crop);
            panels.Add(new(names[m], ImagePlanes.Merge(crop, 8), PsnrMetric.Compute(cropY, truthY), SsimMetric.Compute(cropY, truthY)));
        }
        panels.Add(new("ground truth", ImagePlanes.Merge(truth, 8), double.PositiveInfinity, 1));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp.png";
        ImageCodecs.Write(ComparisonStrip.Compose(panels, 2), temporary);
        File.Move(temporary, path, overwrite: true);
        stdout.WriteLine($"{path}: left to right " + string.Join(", ", panels.Select(p =>
            double.IsFinite(p.Psnr) ? string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Psnr:F2} dB / {p.Ssim:F4}") : p.Name)));
    }

    private static Plane Nearest(Plane p, int scale)
    {
        var result = new Plane(p.Width * scale, p.Height * scale);
        for (int y = 0; y < result.Height; y++)
            for (int x = 0; x < result.Width; x++) result.Data[y * result.Width + x] = p.Data[y / scale * p.Width + x / scale];
        return result;
    }
}
