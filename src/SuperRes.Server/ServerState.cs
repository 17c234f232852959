namespace SuperRes.Server;

/// <summary>What the endpoints share: settings, the offered methods, the queue, the page's jobs and the temporary folder.</summary>
internal sealed class ServerState(ServerOptions options, IReadOnlyList<ServeModel> models, JobQueue queue, JobStore jobs, TempFolder temp)
{
    public ServerOptions Options { get; } = options;
    public IReadOnlyList<ServeModel> Models { get; } = models;
    public JobQueue Queue { get; } = queue;
    public JobStore Jobs { get; } = jobs;
    public TempFolder Temp { get; } = temp;

    /// <summary>The method named <paramref name="name"/> (case-insensitive); no name: the first one offered.</summary>
    public ServeModel FindModel(string? name)
    {
        if (string.IsNullOrEmpty(name)) return Models[0];
        return Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ApiException.BadRequest($"unknown model '{name}'; choose {string.Join(", ", Models.Select(m => m.Name))}");
    }
}
