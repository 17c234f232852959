using System.Globalization;
using Spectre.Console;
using SuperRes.Evaluation;

namespace SuperRes.Cli;

/// <summary>
/// Statistics over saved evaluation runs: a paired per-image comparison of two runs
/// (<c>evaluate --paired A.json B.json</c>) and the spread of several seeds of one setting
/// (<c>evaluate --spread A.json B.json ...</c>). Each per set and scale, then pooled over the sets.
/// </summary>
public static class RunStatisticsReport
{
    public static void WritePaired(string pathA, IReadOnlyList<DatasetResult> a, string pathB, IReadOnlyList<DatasetResult> b, TextWriter output)
    {
        var rows = Paired(a, b);
        if (rows.Count == 0)
            throw new CliException(ExitCodes.BadInput, $"{pathA} and {pathB} share no dataset at the same scale");
        var table = NewTable("dataset", "scale", "images", "PSNR A", "PSNR B", "mean ΔPSNR", "mean ΔSSIM", "B wins/ties/losses", "B win rate", "sign test p");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Dataset), $"x{r.Scale}", $"{r.Images}", PlainConsole.Cell(r.PsnrA, "F4"), PlainConsole.Cell(r.PsnrB, "F4"),
                PlainConsole.Cell(r.MeanPsnrDifference, "+0.0000;-0.0000"), PlainConsole.Cell(r.MeanSsimDifference, "+0.00000;-0.00000"),
                $"{r.Wins}/{r.Ties}/{r.Losses}", PlainConsole.Cell(r.WinRate, "P1"), PlainConsole.Cell(r.SignTestP, "G3"));
        var console = PlainConsole.Create(output, 160);
        console.WriteLine($"A = {pathA}");
        console.WriteLine($"B = {pathB}");
        console.Write(table);
        console.WriteLine("Δ = B - A per image. Sign test: exact two-sided binomial on the untied images (ties: |ΔPSNR| <= 1e-6 dB).");
    }

    /// <summary>Per (dataset, scale) in both runs, then pooled per scale over the datasets both have.</summary>
    public static IReadOnlyList<PairedComparison> Paired(IReadOnlyList<DatasetResult> a, IReadOnlyList<DatasetResult> b)
    {
        var rows = new List<PairedComparison>();
        foreach (var scale in a.Select(r => r.Scale).Distinct().OrderBy(s => s))
        {
            var common = a.Where(r => r.Scale == scale)
                .Select(ra => (ra, rb: b.FirstOrDefault(rb => rb.Scale == scale && rb.Dataset == ra.Dataset)))
                .Where(p => p.rb is not null).ToList();
            foreach (var (ra, rb) in common) rows.Add(PairedComparison.Compare(ra.Dataset, scale, ra.Images, rb!.Images));
            if (common.Count > 1)
                rows.Add(PairedComparison.Compare("pooled (" + string.Join("+", common.Select(p => p.ra.Dataset)) + ")", scale,
                    common.SelectMany(p => Prefixed(p.ra)), common.SelectMany(p => Prefixed(p.rb!))));
        }
        return rows;
    }

    public static void WriteSpread(IReadOnlyList<string> paths, IReadOnlyList<IReadOnlyList<DatasetResult>> runs, TextWriter output)
    {
        var keys = runs[0].Select(r => (r.Dataset, r.Scale))
            .Where(k => runs.All(run => run.Any(r => r.Dataset == k.Dataset && r.Scale == k.Scale))).ToList();
        if (keys.Count == 0) throw new CliException(ExitCodes.BadInput, "the runs share no dataset at the same scale");
        var table = NewTable(["dataset", "scale", .. paths.Select((_, i) => $"run {i + 1}"), "mean", "std", "max - min"]);
        void Row(string dataset, int scale, double[] psnr)
        {
            double mean = psnr.Average();
            double std = Math.Sqrt(psnr.Sum(p => (p - mean) * (p - mean)) / (psnr.Length - 1));
            table.AddRow([Markup.Escape(dataset), $"x{scale}", .. psnr.Select(p => PlainConsole.Cell(p, "F4")), PlainConsole.Cell(mean, "F4"), PlainConsole.Cell(std, "F4"), PlainConsole.Cell(psnr.Max() - psnr.Min(), "F4")]);
        }
        foreach (var (dataset, scale) in keys)
            Row(dataset, scale, runs.Select(run => run.First(r => r.Dataset == dataset && r.Scale == scale).Psnr).ToArray());
        foreach (var scale in keys.Select(k => k.Scale).Distinct())
        {
            var sets = keys.Where(k => k.Scale == scale).Select(k => k.Dataset).ToList();
            if (sets.Count < 2) continue;
            Row("pooled (" + string.Join("+", sets) + ")", scale, runs.Select(run =>
                run.Where(r => r.Scale == scale && sets.Contains(r.Dataset)).SelectMany(r => r.Images).Average(i => i.Psnr)).ToArray());
        }
        var console = PlainConsole.Create(output, 160);
        for (int i = 0; i < paths.Count; i++) console.WriteLine($"run {i + 1} = {paths[i]}");
        console.Write(table);
        console.WriteLine("Mean PSNR (dB) of each run; std: sample standard deviation over the runs.");
    }

    private static IEnumerable<ImageScore> Prefixed(DatasetResult r) => r.Images.Select(i => i with { Name = r.Dataset + "/" + i.Name });

    private static Table NewTable(params string[] columns)
    {
        var table = new Table().AddColumns(columns);
        foreach (var column in table.Columns.Skip(1)) column.RightAligned();
        return table;
    }
}
