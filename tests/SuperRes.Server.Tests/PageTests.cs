using Microsoft.Playwright;
using SuperRes.Imaging;
using Xunit.Abstractions;

namespace SuperRes.Server.Tests;

/// <summary>The page, end to end in a real headless Chromium: drop, pick, follow the progress, compare, download.</summary>
public sealed class PageTests(ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task DropImage_ShowsProgressSliderAndDownloadsTheResult()
    {
        using var started = new SemaphoreSlim(0);
        using var firstTile = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var options = new ServerOptions
        {
            TileSize = 16,
            BeforeJob = async token => await started.WaitAsync(token),
            AfterTile = (done, _) =>
            {
                if (done != 1) return;
                firstTile.Set();
                resume.Wait(TimeSpan.FromSeconds(60));
            },
        };
        await using var server = await RunningServer.StartAsync(options);
        await using var browser = await BrowserPage.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync(server.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("#model option")).ToHaveCountAsync(2);

        // Drop a file on the drop zone, as a user dragging it from a file manager does.
        var input = RunningServer.TestImage(48, 40, seed: 7);
        await page.EvaluateAsync(@"([base64, name]) => {
            const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], name, { type: 'image/png' }));
            document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }", new[] { Convert.ToBase64String(RunningServer.Png(input)), "dropped.png" });
        await Assertions.Expect(page.Locator("#file-name")).ToContainTextAsync("dropped.png");

        await page.SelectOptionAsync("#model", "default");
        await page.SelectOptionAsync("#scale", "4");
        await page.ClickAsync("#go");

        // Queued (the worker is held), then running with one tile done of 3 x 3 (held again), then done.
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Queued");
        started.Release();
        Assert.True(firstTile.Wait(TimeSpan.FromSeconds(60)), "the job never started");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Upscaling: tile 1 of 9");
        Assert.Equal(1, await page.EvalOnSelectorAsync<double>("#progress", "p => p.value"));
        Assert.Equal(9, await page.EvalOnSelectorAsync<double>("#progress", "p => p.max"));
        resume.Set();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "shown");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Done in");
        await Assertions.Expect(page.Locator("#result-info")).ToContainTextAsync("48×40 → 192×160");

        // The slider moves the split between before and after, and so does dragging on the picture.
        await Assertions.Expect(page.Locator("#before")).ToHaveCSSAsync("clip-path", "inset(0px 50% 0px 0px)");
        await page.Locator("#slider").FillAsync("20");
        await Assertions.Expect(page.Locator("#before")).ToHaveCSSAsync("clip-path", "inset(0px 80% 0px 0px)");
        var box = (await page.Locator("#compare").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.75f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.UpAsync();
        Assert.InRange(double.Parse(await page.Locator("#slider").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture), 74, 76);
        Assert.True(await page.EvalOnSelectorAsync<bool>("#before", "i => i.complete && i.naturalWidth === 48"), "the before image shows the input");
        Assert.True(await page.EvalOnSelectorAsync<bool>("#after", "i => i.complete && i.naturalWidth === 192"), "the after image shows the result");

        await SaveScreenshotAsync(page, server.TempRoot);

        // Download: the file the user gets is the upscaled PNG.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        Assert.Equal("dropped_x4.png", download.SuggestedFilename);
        string saved = Path.Combine(server.TempRoot, "download.png");
        await download.SaveAsAsync(saved);
        var result = ImageCodecs.Read(saved);
        Assert.Equal((192, 160, 3), (result.Width, result.Height, result.Channels));
    }

    [ChromiumFact]
    public async Task ChooseBadFile_ShowsTheServersError()
    {
        await using var server = await RunningServer.StartAsync();
        await using var browser = await BrowserPage.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync(server.BaseAddress.ToString());
        await Assertions.Expect(page.Locator("#model option")).ToHaveCountAsync(2);
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "notes.png", MimeType = "image/png", Buffer = "not an image"u8.ToArray() });
        await page.ClickAsync("#go");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("notes.png: unknown image format");
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-state", "error");
    }

    /// <summary>Takes a picture of the page: kept in SUPERRES_SCREENSHOT_DIR when set, else with the test's files (deleted).</summary>
    private async Task SaveScreenshotAsync(IPage page, string testFolder)
    {
        string folder = Environment.GetEnvironmentVariable("SUPERRES_SCREENSHOT_DIR") ?? testFolder;
        string path = Path.Combine(folder, "superres-page-test.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
