using System.Globalization;
using SuperRes.Cli;
using SuperRes.Models;
using SuperRes.Tensors;

namespace SuperRes.Tests.Cli;

public sealed class ModelsCommandTests
{
    [Fact]
    public void Models_ListsEveryCatalogueModelWithItsParameterCount()
    {
        var (code, output, error) = CliHarness.Run("models");

        Assert.True(code == ExitCodes.Success, error);
        foreach (var descriptor in KnownModels.All)
        {
            Assert.Contains(descriptor.Name, output);
            using var model = descriptor.Create(descriptor.DefaultOptions, new Rng(0));
            Assert.Contains(model.ParameterCount().ToString("N0", CultureInfo.InvariantCulture), output);
            Assert.Contains(model.GflopsPerOutputMegapixel.ToString("F1", CultureInfo.InvariantCulture), output);
        }
    }

    [Fact]
    public void Models_SaysTheyAreArchitecturesAndUpscaleExplainsTheName()
    {
        var (_, output, _) = CliHarness.Run("models");
        Assert.Contains("architectures, not trained weights", output);
    }
}
