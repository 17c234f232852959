using System.Diagnostics;
using SuperRes.Imaging;
using SuperRes.Tests.Evaluation;

namespace SuperRes.Tests.Cli;

/// <summary>Runs the real executable in a child process and stops it with SIGTERM while it writes.</summary>
public sealed class UpscaleSignalTests : IDisposable
{
    private readonly string _root = TestImages.TempFolder();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Sigterm_WhileWriting_LeavesNeitherTemporaryNorOutput()
    {
        if (OperatingSystem.IsWindows()) return; // no SIGTERM there
        var random = new Random(1);
        var image = new Image(448, 336, 3, 8);
        for (int i = 0; i < image.SampleCount; i++) image.SetSample(i, random.Next(256)); // noise: the output PNG passes 1 MiB (one IDAT chunk) well before its end
        var input = Path.Combine(_root, "in.png");
        ImageCodecs.Write(image, input);
        var outFolder = Path.Combine(_root, "out");
        Directory.CreateDirectory(outFolder);

        var cli = Path.Combine(AppContext.BaseDirectory, "SuperRes.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "upscale", input, "-o", Path.Combine(outFolder, "o.png"), "--scale", "2", "--tile", "16"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        // (The output-folder check's probe file comes and goes first: wait for the output's own temporary file.)
        while (Directory.GetFiles(outFolder, ".o.png.*.tmp").Length == 0 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120)) Thread.Sleep(5);
        Assert.False(process.HasExited, $"the upscale ended before its temporary file appeared: {log}");
        var temp = Assert.Single(Directory.GetFiles(outFolder));
        Assert.Matches(@"^\.o\.png\.[0-9a-f]{32}\.tmp$", Path.GetFileName(temp));

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(30_000), "did not stop on SIGTERM");
        Assert.NotEqual(0, process.ExitCode);
        Assert.Empty(Directory.GetFiles(outFolder));
    }
}
