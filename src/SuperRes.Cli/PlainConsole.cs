using System.Globalization;
using Spectre.Console;

namespace SuperRes.Cli;

/// <summary>Tables for stdout: a console without ANSI codes or colours, wide enough not to wrap, and one way to print a number.</summary>
public static class PlainConsole
{
    /// <summary>Redirected output defaults to 80 columns, which wraps the tables: give the width.</summary>
    public static IAnsiConsole Create(TextWriter output, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>A table cell: "-" for NaN, otherwise the invariant-culture format.</summary>
    public static string Cell(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
