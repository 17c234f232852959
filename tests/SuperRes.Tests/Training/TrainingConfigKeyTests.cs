using SuperRes.Training;

namespace SuperRes.Tests.Training;

/// <summary>A misspelt key in a training config is an error naming the file and the key, at any depth.</summary>
public sealed class TrainingConfigKeyTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "superres-config-keys-" + Guid.NewGuid().ToString("N")[..8] + ".json");

    public void Dispose() => File.Delete(_path);

    private InvalidDataException Refused(string json)
    {
        File.WriteAllText(_path, json);
        var e = Assert.Throws<InvalidDataException>(() => TrainingConfig.Load(_path));
        Assert.Contains(_path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void Load_MisspeltTopLevelKey_NamesKeyAndSuggestsTheRealOne()
    {
        var e = Refused("""{"name": "x", "stpes": 10}""");
        Assert.Contains("unknown key 'stpes'", e.Message);
        Assert.Contains("did you mean 'steps'?", e.Message);
    }

    [Fact]
    public void Load_UnknownKeyInOptimizer_NamesKeyAndPath()
    {
        var e = Refused("""{"name": "x", "optimizer": {"learningrate": 0.001}}""");
        Assert.Contains("unknown key 'learningrate'", e.Message);
        Assert.Contains("$.optimizer.learningrate", e.Message);
    }

    [Fact]
    public void Load_UnknownKeyInLoss_Refused()
    {
        var e = Refused("""{"name": "x", "loss": {"kind": "charbonnier", "epsilon_": 0.001}}""");
        Assert.Contains("unknown key 'epsilon_'", e.Message);
    }

    [Fact]
    public void Load_UnknownKeyInModelOptions_NamesKeyAndArchitecture()
    {
        var e = Refused("""{"name": "x", "model": "lapsrn", "modelOptions": {"Widht": 32}}""");
        Assert.Contains("modelOptions: unknown key 'Widht' for lapsrn", e.Message);
        Assert.Contains("Width", e.Message);
    }

    [Fact]
    public void Load_KnownKeysOnly_Loads()
    {
        File.WriteAllText(_path, """{"name": "x", "steps": 10, "model": "lapsrn", "modelOptions": {"Width": 16, "Depth": 3}}""");
        var config = TrainingConfig.Load(_path);
        Assert.Equal(10, config.Steps);
    }
}
