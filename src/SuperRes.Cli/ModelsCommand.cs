using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Cli;

/// <summary><c>superres models</c>: every architecture of <see cref="KnownModels"/> with its parameter count and forward cost.</summary>
public static class ModelsCommand
{
    private static readonly int[] Scales = [2, 4, 8];

    public static Command Create()
    {
        var command = new Command("models", "List the model architectures (not weights): parameters and GFLOPs per output megapixel.");
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, _) =>
        {
            var console = PlainConsole.Create(output, 160);
            var table = new Table().AddColumns("model", "input", "params (x4)", "GFLOPs/MP x2", "GFLOPs/MP x4", "GFLOPs/MP x8", "paper");
            foreach (var column in table.Columns.Skip(2).Take(4)) column.RightAligned();
            foreach (var descriptor in KnownModels.All) table.AddRow(Row(descriptor));
            console.Write(table);
            output.WriteLine("GFLOPs: multiply-adds count two, per megapixel of output, default options of each architecture.");
            output.WriteLine(FgdlHeadsNote());
            output.WriteLine("These are architectures, not trained weights: upscale runs the built-in model (lapsrn x2/x4), bicubic, or a model file trained by superres train (--model FILE).");
            output.WriteLine(PhotoLine());
            var ortVersion = Backend.OnnxRuntimeVersion(out var why);
            output.WriteLine($"Backends (--backend): {Backend.EngineName}, {Backend.EngineDescription} (default); " +
                $"{Backend.OnnxRuntimeName}, {Backend.OnnxRuntimeDescription}, {(ortVersion is null ? why : "version " + ortVersion)}.");
            output.WriteLine("superres export MODEL -o FILE.onnx writes any of these as ONNX (opset 17).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string[] Row(ModelDescriptor descriptor)
    {
        var defaults = descriptor.DefaultOptions;
        var cells = new List<string> { descriptor.Name, defaults.Channels == 1 ? "Y" : "RGB" };
        using (var model = Build(descriptor, defaults.Scale))
            cells.Add(model?.ParameterCount().ToString("N0", CultureInfo.InvariantCulture) ?? "-");
        foreach (var scale in Scales)
        {
            using var model = Build(descriptor, scale);
            cells.Add(model?.GflopsPerOutputMegapixel.ToString("F1", CultureInfo.InvariantCulture) ?? "-");
        }
        cells.Add(Markup.Escape(descriptor.Paper));
        return cells.ToArray();
    }

    /// <summary>The second built-in model, if this build embeds it.</summary>
    private static string PhotoLine()
    {
        using var photo = PhotoModel.Load();
        if (photo is null) return $"--model {PhotoModel.DisplayName} (real photos) is not embedded in this build.";
        return string.Create(CultureInfo.InvariantCulture,
            $"--model {PhotoModel.DisplayName}: built-in {photo.Architecture} x{photo.Scale} RGB for real photos (trained on Real-ESRGAN degradations), {photo.ParameterCount():N0} parameters, {photo.GflopsPerOutputMegapixel:F1} GFLOPs/MP.");
    }

    /// <summary>What the FGDL heads (docs/FGDL.md) add at inference to the default LapSRN x4.</summary>
    private static string FgdlHeadsNote()
    {
        var options = new FgdlOptions();
        using var network = FgdlNetwork.Create(KnownModels.LapSrn.Create(KnownModels.LapSrn.DefaultOptions with { Scale = 4 }, new Rng(0)), options, new Rng(0));
        double baseCost = network.Network.GflopsPerOutputMegapixel, extra = network.GflopsPerOutputMegapixel - baseCost;
        return string.Create(CultureInfo.InvariantCulture,
            $"FGDL heads (K = {options.Bins}, {options.HeadKernel}x{options.HeadKernel}) on lapsrn x4: +{extra:F2} GFLOPs/MP at inference ({100 * extra / baseCost:F1}% of {baseCost:F1}), +{network.HeadParameterCount:N0} parameters.");
    }

    /// <summary>The architecture with default options at <paramref name="scale"/>, or null where it does not support that scale.</summary>
    private static SuperResolutionModel? Build(ModelDescriptor descriptor, int scale)
    {
        try
        {
            return descriptor.Create(descriptor.DefaultOptions with { Scale = scale }, new Rng(0));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
