using SuperRes.Models.Fgdl;
using SuperRes.Losses;
using SuperRes.Training;

namespace SuperRes.Tests.Training;

public class TrainingConfigTests
{
    public static TheoryData<string> ConfigFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "configs"), "*.json").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigFiles))]
    public void Load_EveryConfig_IsValidAndNamedAfterItsFile(string file)
    {
        var config = TrainingConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "configs", file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), config.Name);
        Assert.Equal(config.Scale, config.CreateModelOptions().Scale);
    }

    [Fact]
    public void Load_FgdlConfig_ReadsTheVariant()
    {
        var config = TrainingConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "configs", "lapsrn_x4_w32d5_fgdl-r2_p64b16_cos2k_s1.json"));
        Assert.True(config.Loss.IsFgdl);
        Assert.Equal(FgdlVariant.FixedRadius, config.Loss.Fgdl.Variant);
        Assert.Equal(2, config.Loss.Fgdl.FixedRadius);
    }

    [Fact]
    public void Load_BadJson_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "superres-bad-config-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.WriteAllText(path, """{"name": "x", "steps": "many"}""");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => TrainingConfig.Load(path));
            Assert.Contains(path, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_UnknownLossKind_NamesTheFileAndTheKind()
    {
        var path = Path.Combine(Path.GetTempPath(), "superres-bad-loss-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.WriteAllText(path, """{"name": "x", "loss": {"kind": "perceptual"}}""");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => TrainingConfig.Load(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains("perceptual", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_HeadsFreeFgdlConfig_IsAContentLoss()
    {
        var config = TrainingConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "configs", "lapsrn_x4_w32d5_fgdl-output_p64b16_cos2k_s1.json"));
        Assert.False(config.Loss.IsFgdl);
        Assert.True(config.Loss.IsFgdlOutput);
        Assert.Equal(0.01f, config.Loss.Fgdl.ClassificationWeight);
        Assert.IsType<FgdlOutputLoss>(config.Loss.CreateContentLoss());
    }
}
