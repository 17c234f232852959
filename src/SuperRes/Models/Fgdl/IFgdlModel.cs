namespace SuperRes.Models.Fgdl;

/// <summary>A network trained with an FGDL reading: its model file keeps the options under <c>fgdl</c> (<see cref="ModelFile"/>).</summary>
public interface IFgdlModel
{
    FgdlOptions FgdlOptions { get; }
}
