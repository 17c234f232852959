namespace SuperRes.Evaluation;

/// <summary>
/// The exact two-sided sign test: under the null hypothesis each untied pair is a win with
/// probability 1/2, so the wins follow Binomial(n, 1/2). Ties carry no sign and are dropped.
/// </summary>
public static class SignTest
{
    /// <summary>P(a result at least as extreme as <paramref name="wins"/> of <paramref name="wins"/> + <paramref name="losses"/>), two-sided; 1 when there are no untied pairs.</summary>
    public static double TwoSidedP(int wins, int losses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wins);
        ArgumentOutOfRangeException.ThrowIfNegative(losses);
        int n = wins + losses;
        if (n == 0) return 1;
        int k = Math.Min(wins, losses);
        // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space so n in the thousands stays exact enough.
        double logTail = double.NegativeInfinity;
        for (int i = 0; i <= k; i++) logTail = LogAdd(logTail, LogChoose(n, i) - n * Math.Log(2));
        return Math.Min(1, 2 * Math.Exp(logTail));
    }

    private static double LogChoose(int n, int k)
    {
        double sum = 0;
        // ln C(n, k) = sum_{i=1..k} ln((n - k + i) / i), exact to rounding for the sizes of test sets.
        for (int i = 1; i <= k; i++) sum += Math.Log((double)(n - k + i) / i);
        return sum;
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        double max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
