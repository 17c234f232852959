using System.CommandLine;
using System.Globalization;
using SuperRes.Evaluation;
using SuperRes.Imaging;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres loss-balance [--model M] --data FOLDER... [--scale S] [--limit N]</c>: the MSE and
/// HFENN terms of a model's real errors, their ratio, and the alpha that gives the HFENN term 0.1x,
/// 0.3x and 1x the MSE term in the composite loss <c>mse-hfenn</c>.
/// </summary>
public static class LossBalanceCommand
{
    public static readonly double[] Shares = [0.1, 0.3, 1.0];

    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model: a model file, bicubic, or omitted for the built-in model." };
        var data = new Option<string[]>("--data", "-d")
        {
            Description = "Folders of ground-truth images (e.g. the training set).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var scale = new Option<int>("--scale", "-s") { Description = "Upscaling factor.", DefaultValueFactory = _ => 4 };
        var limit = new Option<int?>("--limit") { Description = "Use the first N images of each folder (sorted by name)." };
        var command = new Command("loss-balance", "Measure HFENN / MSE on a model's real SR errors and the alpha for a chosen HFENN share of the composite loss.")
        {
            model, data, scale, limit,
        };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, error) =>
        {
            var resolver = ModelCatalog.Create(parseResult.GetValue(model));
            int s = parseResult.GetValue(scale);
            if (s < 2) throw new CliException(ExitCodes.Usage, $"--scale {s}: must be at least 2");
            int? n = parseResult.GetValue(limit);
            if (n is < 1) throw new CliException(ExitCodes.Usage, $"--limit {n}: must be positive");
            var files = new List<string>();
            foreach (var folder in parseResult.GetRequiredValue(data))
            {
                if (!Directory.Exists(folder)) throw new CliException(ExitCodes.BadInput, $"{folder}: no such folder");
                var inFolder = Evaluator.ImageFiles(folder);
                files.AddRange(n is { } k ? inFolder.Take(k) : inFolder);
            }
            if (files.Count == 0) throw new CliException(ExitCodes.BadInput, "no images in the --data folders");
            LossBalance balance;
            try
            {
                balance = LossBalanceMeasurement.Measure(resolver, files.Select(f => ImageCodecs.Read(f)), s,
                    new SynchronousProgress(done => error.WriteLine($"[loss-balance x{s}] {done}/{files.Count}")));
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message, e);
            }
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Format(c, "{0} x{1}: {2} images, {3:N0} pixels (Y, [0, 1])", resolver.Name, s, balance.Images, balance.Pixels));
            output.WriteLine(string.Format(c, "MSE    {0:E4}", balance.Mse));
            output.WriteLine(string.Format(c, "HFENN  {0:E4}", balance.Hfenn));
            output.WriteLine(string.Format(c, "HFENN / MSE  {0:G4}", balance.Ratio));
            foreach (var share in Shares)
                output.WriteLine(string.Format(c, "alpha for HFENN term = {0:G2}x MSE term: {1:G3}", share, balance.AlphaFor(share)));
            return ExitCodes.Success;
        }));
        return command;
    }
}
