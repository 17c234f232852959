namespace SuperRes.Fuzz;

/// <summary>An input that broke a property: what broke, and the bytes to keep as a regression file.</summary>
public sealed record FuzzFinding(FuzzFormat Format, string Property, string Detail, byte[] Input)
{
    public override string ToString() => $"{Format} {Property}: {Detail} ({Input.Length} bytes)";
}
