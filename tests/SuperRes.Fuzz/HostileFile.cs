namespace SuperRes.Fuzz;

/// <summary>A crafted hostile input: its name, format, bytes and a phrase its one-line error must contain.</summary>
public sealed record HostileFile(string Name, FuzzFormat Format, byte[] Bytes, string ExpectedProblem)
{
    public override string ToString() => Name;
}
