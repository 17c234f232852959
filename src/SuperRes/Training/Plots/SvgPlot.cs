using System.Globalization;
using System.Text;

namespace SuperRes.Training.Plots;

/// <summary>
/// Hand-written SVG of training curves: two panels sharing the step axis, the loss (log scale) on
/// top and the validation PSNR below, with tick labels. Several runs may be overlaid (one colour each).
/// </summary>
public static class SvgPlot
{
    private const int Width = 800, PanelHeight = 260, Left = 70, Right = 20, Top = 30, Gap = 60;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string Render(IReadOnlyList<(string Name, TrainingCurves Curves)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var height = Top + 2 * PanelHeight + Gap + 50;
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        var maxStep = runs.SelectMany(r => r.Curves.Loss.Concat(r.Curves.Psnr)).Select(p => p.Step).DefaultIfEmpty(1).Max();
        Panel(svg, runs.Select(r => r.Curves.Loss).ToList(), Top, maxStep, "training loss (log scale)", logScale: true);
        Panel(svg, runs.Select(r => r.Curves.Psnr).ToList(), Top + PanelHeight + Gap, maxStep, "validation PSNR (dB)", logScale: false);
        for (var i = 0; i < runs.Count; i++)
        {
            var x = Left + 10 + i * 170;
            svg.Append(Inv($"<rect x=\"{x}\" y=\"{height - 22}\" width=\"12\" height=\"4\" fill=\"{Colors[i % Colors.Length]}\"/>"));
            svg.Append(Inv($"<text x=\"{x + 16}\" y=\"{height - 16}\">{Escape(runs[i].Name)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<IReadOnlyList<(double Step, double Value)>> series, int top, double maxStep, string title, bool logScale)
    {
        int plotWidth = Width - Left - Right, bottom = top + PanelHeight;
        svg.Append(Inv($"<text x=\"{Left}\" y=\"{top - 8}\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n"));
        Func<double, double> f = logScale ? v => Math.Log10(Math.Max(v, 1e-12)) : v => v;
        var values = series.SelectMany(s => s).Where(p => double.IsFinite(p.Value) && (!logScale || p.Value > 0)).Select(p => f(p.Value)).ToList();
        if (values.Count == 0)
        {
            svg.Append(Inv($"<text x=\"{Left + plotWidth / 2}\" y=\"{top + PanelHeight / 2}\" text-anchor=\"middle\">no data</text>\n"));
            return;
        }
        double lo = values.Min(), hi = values.Max();
        if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
        var pad = (hi - lo) * 0.05;
        lo -= pad;
        hi += pad;
        double X(double step) => Left + plotWidth * step / Math.Max(maxStep, 1);
        double Y(double v) => bottom - PanelHeight * (f(v) - lo) / (hi - lo);
        for (var t = 0; t <= 4; t++)
        {
            var v = lo + (hi - lo) * t / 4;
            var y = bottom - PanelHeight * t / 4.0;
            var label = logScale ? Math.Pow(10, v).ToString("G3", CultureInfo.InvariantCulture) : v.ToString("F2", CultureInfo.InvariantCulture);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotWidth}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.Append(Inv($"<text x=\"{Left - 5}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{label}</text>\n"));
            var step = maxStep * t / 4;
            svg.Append(Inv($"<text x=\"{X(step):F1}\" y=\"{bottom + 15}\" text-anchor=\"middle\">{step:G4}</text>\n"));
        }
        for (var i = 0; i < series.Count; i++)
        {
            var points = series[i].Where(p => double.IsFinite(p.Value) && (!logScale || p.Value > 0)).Select(p => Inv($"{X(p.Step):F1},{Y(p.Value):F1}")).ToList();
            if (points.Count == 0) continue;
            var color = Colors[i % Colors.Length];
            svg.Append(Inv($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', points)}\"/>\n"));
            if (points.Count == 1)
            {
                var xy = points[0].Split(',');
                svg.Append(Inv($"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{color}\"/>\n"));
            }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
