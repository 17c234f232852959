using System.Numerics;
using SuperRes.Evaluation;

namespace SuperRes.Tests.Evaluation;

public sealed class SignTestTests
{
    /// <summary>The definition, in exact integers: 2 * sum_{i<=min} C(n, i) / 2^n, capped at 1.</summary>
    private static double Reference(int wins, int losses)
    {
        int n = wins + losses, k = Math.Min(wins, losses);
        BigInteger tail = 0, choose = 1;
        for (int i = 0; i <= k; i++)
        {
            tail += choose;
            choose = choose * (n - i) / (i + 1);
        }
        double p = 2 * Math.Exp(BigInteger.Log(tail) - n * Math.Log(2));
        return Math.Min(1, p);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(10, 0)]
    [InlineData(3, 9)]
    [InlineData(40, 79)]
    [InlineData(60, 59)]
    [InlineData(7, 7)]
    [InlineData(250, 400)]
    public void TwoSidedP_MatchesExactBinomial(int wins, int losses)
    {
        Assert.Equal(Reference(wins, losses), SignTest.TwoSidedP(wins, losses), 9);
    }

    [Fact]
    public void TwoSidedP_SmallCases_AreTheTextbookValues()
    {
        Assert.Equal(0.0625, SignTest.TwoSidedP(0, 5), 12); // 2 / 32
        Assert.Equal(2.0 / 1024, SignTest.TwoSidedP(10, 0), 12);
        Assert.Equal(1.0, SignTest.TwoSidedP(0, 0));
        Assert.Equal(1.0, SignTest.TwoSidedP(1, 1));
    }

    [Fact]
    public void TwoSidedP_IsSymmetricInWinsAndLosses()
    {
        Assert.Equal(SignTest.TwoSidedP(12, 30), SignTest.TwoSidedP(30, 12));
    }
}
