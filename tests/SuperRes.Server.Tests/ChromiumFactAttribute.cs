namespace SuperRes.Server.Tests;

/// <summary>
/// A test that needs the system's Chromium (<see cref="BrowserPage.ChromiumPath"/>). Skipped where it
/// is not installed, except in CI (<c>CI=true</c>, where .ci/run installs it): there a browser that
/// cannot start fails the test.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(BrowserPage.ChromiumPath) && !BrowserPage.InCi)
            Skip = $"{BrowserPage.ChromiumPath} is not installed (apt-get install chromium); CI=true makes this a failure";
    }
}
