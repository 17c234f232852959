using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using SuperRes.Cli;

namespace SuperRes.Server.Tests;

/// <summary><c>superres serve</c>'s failures before it serves: one line on stderr and the exit code, no stack trace.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData(1, "'foo' is not an http:// address", "--urls", "foo")]
    [InlineData(1, "--queue must be positive", "--queue", "0")]
    [InlineData(1, "--max-output-pixels must not be below --max-pixels", "--max-pixels", "100", "--max-output-pixels", "10")]
    [InlineData(2, "missing.safetensors: no such model file", "--model", "missing.safetensors")]
    public void Serve_BadOptions_ExitWithOneLineError(int exitCode, string message, params string[] options)
    {
        var (code, error) = Run(["serve", .. options]);
        Assert.Equal(exitCode, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Serve_AddressInUse_SaysSoInOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, error) = Run(["serve", "--urls", $"http://127.0.0.1:{port}"]);

        Assert.Equal(1, code);
        Assert.StartsWith($"superres: error: cannot listen on http://127.0.0.1:{port} (", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    private static (int Code, string Error) Run(string[] args)
    {
        var error = new StringWriter();
        int code = SuperResRootCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
        return (code, error.ToString());
    }
}
