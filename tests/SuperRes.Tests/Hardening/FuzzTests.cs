using SuperRes.Fuzz;

namespace SuperRes.Tests.Hardening;

/// <summary>
/// The short CI fuzz run: a few hundred structure-aware mutants per format, fixed seed, default
/// limits; no exception outside the contract, allocation within the budget, time within the bound
/// (<see cref="FuzzRunner"/>). The long run is <c>dotnet run --project tests/SuperRes.Fuzz -c Release -- fuzz</c>.
/// </summary>
public class FuzzTests
{
    private const int Iterations = 250;

    [Theory]
    [InlineData(FuzzFormat.Png)]
    [InlineData(FuzzFormat.Jpeg)]
    [InlineData(FuzzFormat.Bmp)]
    [InlineData(FuzzFormat.Pnm)]
    [InlineData(FuzzFormat.SafeTensors)]
    [InlineData(FuzzFormat.Mat)]
    public void Mutants_DefaultLimits_KeepEveryProperty(FuzzFormat format)
    {
        var runner = new FuzzRunner();
        runner.Run(format, seed: 1, Iterations, DateTime.UtcNow.AddSeconds(15));

        Assert.True(runner.Findings.Count == 0, string.Join("\n", runner.Findings.Take(10)));
        Assert.True(runner.Inputs >= Iterations / 4, $"only {runner.Inputs} inputs ran");
        Assert.InRange(runner.Decoded, 1, runner.Inputs - 1); // some mutants decode, some are refused
    }

    [Fact]
    public void Mutator_SameSeed_SameInputs()
    {
        byte[] seed = Seeds.For(FuzzFormat.Jpeg)[0];
        byte[] a = Mutator.Mutate(FuzzFormat.Jpeg, seed, new Random(7));
        byte[] b = Mutator.Mutate(FuzzFormat.Jpeg, seed, new Random(7));
        Assert.Equal(a, b);
        Assert.NotEqual(seed, a);
    }

    /// <summary>Every input a fuzz run found, committed under Hardening/Regressions, keeps every property.</summary>
    [Fact]
    public void RegressionFiles_KeepEveryProperty()
    {
        string folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "SuperRes.Tests", "Hardening", "Regressions");
        var files = Directory.GetFiles(folder).Where(f => FuzzTarget.FromExtension(f) is not null).ToList();
        Assert.NotEmpty(files);
        var runner = new FuzzRunner();
        foreach (string file in files) runner.Check(FuzzTarget.FromExtension(file)!.Value, File.ReadAllBytes(file));
        Assert.True(runner.Findings.Count == 0, string.Join("\n", runner.Findings));
    }
}
