using SuperRes.Cli.Bench;

namespace SuperRes.Tests.Cli;

/// <summary>
/// A test of the PyTorch peer: skipped, with the reason, where bench/torch is missing or
/// /usr/bin/python3 cannot import torch (CI has no torch, so it skips there too).
/// </summary>
public sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Why = new(() =>
    {
        var scripts = TorchPeer.FindScripts();
        return scripts is null ? "bench/torch not found" : new TorchPeer(scripts, 1).Unavailable();
    });

    public TorchFactAttribute()
    {
        if (Why.Value is { } why) Skip = $"PyTorch peer unavailable: {why}";
    }
}
