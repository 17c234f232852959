using System.CommandLine;
using SuperRes.Inference;
using SuperRes.Models;
using SuperRes.Server;

namespace SuperRes.Cli;

/// <summary>
/// <c>superres serve [--urls http://127.0.0.1:5000] [--model FILE]...</c>: the web page and HTTP API
/// of <see cref="SuperResServer"/> (docs/SERVE.md), offering the built-in model, each <c>--model</c>
/// file and bicubic. Runs until Ctrl+C; its temporary folder goes with it.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new ServerOptions();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated (0.0.0.0 to open it to the network).", DefaultValueFactory = _ => ServerOptions.DefaultUrls };
        urls.Validators.Add(r =>
        {
            foreach (var url in (r.GetValueOrDefault<string>() ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    r.AddError($"--urls: '{url}' is not an http:// address, e.g. http://127.0.0.1:5000");
        });
        var model = new Option<string[]>("--model", "-m") { Description = "A model file (.safetensors or LapSRN .mat) to offer besides the built-in model and bicubic; repeatable." };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest upload in MiB (413 above).", DefaultValueFactory = _ => (int)(defaults.MaxUploadBytes >> 20) };
        var maxPixels = new Option<long>("--max-pixels") { Description = "Largest input, width x height (413 above).", DefaultValueFactory = _ => defaults.MaxInputPixels };
        var maxOutputPixels = new Option<long>("--max-output-pixels") { Description = "Largest output, width x height x scale² (413 above).", DefaultValueFactory = _ => defaults.MaxOutputPixels };
        var queue = new Option<int>("--queue") { Description = "Jobs waiting or running at once (503 with Retry-After above).", DefaultValueFactory = _ => defaults.QueueCapacity };
        var tile = new Option<int>("--tile") { Description = "Tile side in input pixels (0: chosen from a memory budget)." };
        AddPositive(maxUpload, "--max-upload-mb");
        AddPositive(maxPixels, "--max-pixels");
        AddPositive(maxOutputPixels, "--max-output-pixels");
        AddPositive(queue, "--queue");
        tile.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--tile must not be negative.");
        });

        var command = new Command("serve", "Serve a web page and HTTP API that upscale images.") { urls, model, maxUpload, maxPixels, maxOutputPixels, queue, tile };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, (output, error) =>
        {
            var options = new ServerOptions
            {
                Urls = parseResult.GetValue(urls)!,
                MaxUploadBytes = (long)parseResult.GetValue(maxUpload) << 20,
                MaxInputPixels = parseResult.GetValue(maxPixels),
                MaxOutputPixels = parseResult.GetValue(maxOutputPixels),
                QueueCapacity = parseResult.GetValue(queue),
                TileSize = parseResult.GetValue(tile),
            };
            if (options.MaxOutputPixels < options.MaxInputPixels)
                throw new CliException(ExitCodes.Usage, "--max-output-pixels must not be below --max-pixels");
            var models = LoadModels(parseResult.GetValue(model) ?? [], error);
            NativeHeap.MapLargeBlocks();
            Serve(options, models, output).GetAwaiter().GetResult();
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The built-in model (when embedded), each file given, then bicubic; names are unique.</summary>
    private static List<ServeModel> LoadModels(IEnumerable<string> files, TextWriter error)
    {
        var models = new List<ServeModel>();
        var builtIn = ModelCatalog.Resolve(null);
        builtIn.WriteNote(error);
        if (builtIn.Model is not null) models.Add(new ServeModel(BuiltInModel.DisplayName, builtIn.Model));
        foreach (var file in files)
        {
            var choice = ModelCatalog.Resolve(file);
            if (choice.Model is null) continue; // "bicubic" is always offered
            string name = choice.Name;
            for (int n = 2; models.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)); n++) name = $"{choice.Name}-{n}";
            models.Add(new ServeModel(name, choice.Model));
        }
        models.Add(new ServeModel(ModelCatalog.BicubicName, null));
        return models;
    }

    private static async Task Serve(ServerOptions options, List<ServeModel> models, TextWriter output)
    {
        // The engine's kernels and the image code compile on a spare core while the server starts,
        // not during the first request (docs/RESULTS.md, section 6).
        if (Environment.ProcessorCount > 1) Upscaler.PrepareInBackground();
        await using var server = SuperResServer.Create(options, models);
        try
        {
            await server.StartAsync();
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.Usage, $"cannot listen on {options.Urls} ({e.Message}); pass another address with --urls", e);
        }
        output.WriteLine($"superres: serving {string.Join(" ", server.Addresses)} (models: {string.Join(", ", models.Select(m => m.Name))}); Ctrl+C stops");
        await server.WaitForShutdownAsync();
        output.WriteLine("superres: stopped");
    }

    private static void AddPositive<T>(Option<T> option, string name) where T : System.Numerics.INumber<T> =>
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T>() <= T.Zero) r.AddError($"{name} must be positive.");
        });
}
