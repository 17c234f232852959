using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SuperRes.Tensors.Kernels;

/// <summary>
/// What a benchmark figure depends on besides the code: the CPU model (from /proc/cpuinfo),
/// whether it has AVX-512 (and whether .NET uses it), the .NET version, the logical core count and
/// the 1-minute load average (from /proc/loadavg) when the figures were taken.
/// </summary>
public sealed record MachineInfo(string CpuModel, bool CpuHasAvx512, bool DotnetUsesAvx512, string DotnetVersion, int LogicalCores, double? LoadAverage)
{
    /// <summary>This machine, now.</summary>
    public static MachineInfo Current() =>
        FromText(ReadOrNull("/proc/cpuinfo"), ReadOrNull("/proc/loadavg"), Avx512F.IsSupported, RuntimeInformation.FrameworkDescription, Environment.ProcessorCount);

    /// <summary>Parses the texts of /proc/cpuinfo and /proc/loadavg (either may be null where they do not exist).</summary>
    public static MachineInfo FromText(string? cpuinfo, string? loadavg, bool dotnetUsesAvx512, string dotnetVersion, int cores)
    {
        string model = RuntimeInformation.ProcessArchitecture.ToString();
        bool avx512 = false;
        foreach (var line in (cpuinfo ?? "").Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "model name" && model == RuntimeInformation.ProcessArchitecture.ToString()) model = value;
            else if (key == "flags" && value.Split(' ').Contains("avx512f")) avx512 = true;
        }
        double? load = null;
        var first = (loadavg ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is not null && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var l)) load = l;
        return new MachineInfo(model, avx512, dotnetUsesAvx512, dotnetVersion, cores, load);
    }

    /// <summary>One line for the foot of a table.</summary>
    public string Describe(int threads) =>
        $"{threads} thread(s) on every side; {CpuModel}, {LogicalCores} logical cores, AVX-512 {(CpuHasAvx512 ? "yes" : "no")}" +
        $"{(CpuHasAvx512 && !DotnetUsesAvx512 ? " (not used by .NET)" : "")}; {DotnetVersion}" +
        (LoadAverage is { } l ? $"; load average {l.ToString("F2", CultureInfo.InvariantCulture)}{(l > 2.5 ? " (loaded: figures are noisy)" : "")}" : "");

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
