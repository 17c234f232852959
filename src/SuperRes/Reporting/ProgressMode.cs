namespace SuperRes.Reporting;

/// <summary>How a <see cref="ProgressLine"/> writes its reports.</summary>
public enum ProgressMode
{
    /// <summary>One line rewritten in place (a terminal).</summary>
    Rewrite,

    /// <summary>A line for every report (a log).</summary>
    EveryReport,

    /// <summary>A line at each tenth of the work (redirected output of long runs).</summary>
    Tenths,
}
