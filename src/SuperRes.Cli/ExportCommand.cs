using System.CommandLine;
using System.Security.Cryptography;
using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Models;
using SuperRes.Onnx;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres export [MODEL] -o FILE.onnx</c>: writes a model (our .safetensors, the published
/// LapSRN .mat, or the built-in model when MODEL is omitted) as ONNX (opset 17, dynamic height and
/// width, one output per pyramid level, metadata: scales, colour, value range, architecture,
/// provenance). Networks with FGDL heads are written as the plain network they wrap.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<string?>("model")
        {
            Description = "A model file (.safetensors) or published LapSRN weights (.mat); omitted: the built-in model.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--output", "-o") { Description = "ONNX file to write (.onnx).", Required = true };
        var command = new Command("export", "Write a model as ONNX, for ONNX Runtime and other runtimes.") { model, output };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (stdout, error) =>
        {
            var source = parseResult.GetValue(model);
            var outPath = parseResult.GetRequiredValue(output);
            if (!string.Equals(Path.GetExtension(outPath), ".onnx", StringComparison.OrdinalIgnoreCase))
                throw new CliException(ExitCodes.Usage, $"{outPath}: export writes ONNX; use a .onnx name");
            var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(outFolder)) throw new CliException(ExitCodes.OutputError, $"{outFolder}: output folder does not exist");
            using var network = ModelCatalog.LoadOurs(source);
            if (network is FgdlNetwork { FgdlOptions.Variant: not FgdlVariant.Auxiliary })
                error.WriteLine("superres: note: the FGDL heads are not exported; the file holds the plain network they wrap");
            var provenance = Provenance(source);
            try
            {
                OnnxExporter.Save(network, outPath, provenance);
            }
            catch (NotSupportedException e)
            {
                throw new CliException(ExitCodes.Usage, $"{source ?? BuiltInModel.DisplayName}: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.OutputError, $"{outPath}: cannot write ({e.Message})", e);
            }
            var metadata = OnnxExporter.MetadataOf(network, provenance);
            stdout.WriteLine($"{outPath}: {metadata.Architecture} {metadata.Colour}, x{string.Join("/x", metadata.Scales!)}, opset {OnnxExporter.Opset}, " +
                $"{new FileInfo(outPath).Length / 1024.0:F0} KiB");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Where the weights came from: the file's name and SHA-256, or the built-in model.</summary>
    private static string Provenance(string? source)
    {
        if (source is null || !File.Exists(source)) return $"SuperRes built-in model ({BuiltInModel.DisplayName})";
        using var stream = File.OpenRead(source);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        var kind = string.Equals(Path.GetExtension(source), ".mat", StringComparison.OrdinalIgnoreCase) ? "published LapSRN weights (MatConvNet)" : "SuperRes model file";
        return $"{kind} {Path.GetFileName(source)}, sha256 {hash}";
    }
}
