using System.Reflection;
using SuperRes.Models;

namespace SuperRes.Tests.Architecture;

/// <summary>
/// The library's layers point one way: Tensors &lt;- Models &lt;- Losses &lt;- Training, and
/// Inference/Evaluation above Models. Models (FGDL networks and feature adapters included) use no
/// loss, training, inference or evaluation type; losses use no training, inference or evaluation type.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Library = typeof(SuperResolutionModel).Assembly;

    private static bool In(Type type, string ns) =>
        type.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal));

    private static List<string> Violations(string layer, params string[] forbidden) =>
        Library.GetTypes()
            .Where(t => In(t, layer))
            .SelectMany(t => TypeDependencies.Of(t)
                .Where(d => d.Assembly == Library && forbidden.Any(f => In(d, f)))
                .Select(d => $"{t.FullName} -> {d.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Models_UseNoLossTrainingInferenceOrEvaluationType()
    {
        var violations = Violations("SuperRes.Models", "SuperRes.Losses", "SuperRes.Training", "SuperRes.Inference", "SuperRes.Evaluation");
        Assert.True(violations.Count == 0, "Models depend on upper layers:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Losses_UseNoTrainingInferenceOrEvaluationType()
    {
        var violations = Violations("SuperRes.Losses", "SuperRes.Training", "SuperRes.Inference", "SuperRes.Evaluation");
        Assert.True(violations.Count == 0, "Losses depend on upper layers:\n" + string.Join('\n', violations));
    }

    [Fact]
    public void Checker_FindsKnownDependencies()
    {
        // Training uses losses, and Inference uses Evaluation's ISuperResolver: the checker must see
        // both (in a signature and in method bodies), or the tests above prove nothing.
        Assert.Contains(Violations("SuperRes.Training", "SuperRes.Losses"), v => v.StartsWith("SuperRes.Training.", StringComparison.Ordinal));
        Assert.Contains("SuperRes.Inference.ModelSuperResolver -> SuperRes.Evaluation.ISuperResolver",
            Violations("SuperRes.Inference", "SuperRes.Evaluation"));
        Assert.Contains(typeof(SuperRes.Models.Fgdl.FgdlAnchorReadout), TypeDependencies.Of(typeof(SuperRes.Models.Fgdl.FgdlNetwork)));
    }

    [Fact]
    public void Models_SourcesImportNoUpperLayer()
    {
        var root = Path.Combine(TestPaths.RepositoryRoot, "src", "SuperRes", "Models");
        var offending = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select(line => (File: f, Line: line.Trim())))
            .Where(x => System.Text.RegularExpressions.Regex.IsMatch(x.Line, @"^using\s+SuperRes\.(Losses|Training|Inference|Evaluation)\b"))
            .Select(x => $"{Path.GetRelativePath(root, x.File)}: {x.Line}")
            .ToList();
        Assert.True(offending.Count == 0, string.Join('\n', offending));
    }
}
