using SuperRes.Inference;
using Xunit;

namespace SuperRes.Tests.Inference;

public class TileGridTests
{
    [Theory]
    [InlineData(250, 361, 207, 207, 11, 1)]
    [InlineData(1, 1, 16, 16, 5, 1)]
    [InlineData(97, 33, 16, 40, 7, 1)]
    [InlineData(130, 71, 32, 32, 8, 4)]
    [InlineData(130, 71, 32, 32, 0, 8)]
    [InlineData(1000, 17, 1000, 5, 3, 1)]
    [InlineData(64, 64, 64, 64, 20, 2)]
    public void Rows_CoverEveryPixelOnce_WithTheMarginInsideOneAlignedWindowSize(int width, int height, int tileWidth, int tileHeight, int margin, int alignment)
    {
        var rows = TileGrid.Rows(width, height, tileWidth, tileHeight, margin, alignment);
        var covered = new int[width * height];
        var sizes = new HashSet<(int, int)>();
        foreach (var row in rows)
        {
            Assert.All(row, t => Assert.Equal(row[0].CoreY, t.CoreY));
            foreach (var t in row)
            {
                Assert.InRange(t.CoreWidth, 1, tileWidth);
                Assert.InRange(t.CoreHeight, 1, tileHeight);
                Assert.Equal(0, t.CoreX % alignment);
                Assert.Equal(0, t.CoreY % alignment);
                Assert.Equal(0, t.X % alignment);
                Assert.Equal(0, t.Y % alignment);
                // The window holds the core and its margin (clipped to the image), and stays inside the image.
                Assert.True(t.X <= Math.Max(0, t.CoreX - margin) && t.Y <= Math.Max(0, t.CoreY - margin), $"{t}");
                Assert.True(t.X + t.Width >= Math.Min(width, t.CoreX + t.CoreWidth + margin), $"{t}");
                Assert.True(t.Y + t.Height >= Math.Min(height, t.CoreY + t.CoreHeight + margin), $"{t}");
                Assert.True(t.X >= 0 && t.Y >= 0 && t.X + t.Width <= width && t.Y + t.Height <= height, $"{t}");
                sizes.Add((t.Width, t.Height));
                for (int y = t.CoreY; y < t.CoreY + t.CoreHeight; y++)
                    for (int x = t.CoreX; x < t.CoreX + t.CoreWidth; x++)
                        covered[y * width + x]++;
            }
        }
        Assert.All(covered, n => Assert.Equal(1, n));
        if (alignment == 1) Assert.Single(sizes); // one tensor shape for every tile: the pool reuses its buffers
    }

    [Fact]
    public void Rows_BalanceTheCores()
    {
        // 361 rows in tiles of at most 207: two of 181 and 180, not 207 and 154.
        var rows = TileGrid.Rows(250, 361, 207, 207, 11);
        Assert.Equal([181, 180], rows.Select(r => r[0].CoreHeight));
        Assert.Equal([125, 125], rows[0].Select(t => t.CoreWidth));
    }

    [Fact]
    public void ChooseCore_WholeImageWhenItFits()
    {
        Assert.Equal((250, 361), TileGrid.ChooseCore(250, 361, 250 * 361, 11, 1));
    }

    [Fact]
    public void ChooseCore_PrefersStripsWhenTheySeeFewerPixels()
    {
        // A 250-wide image with room for 229x229 padded pixels: strips of 250 x 187 see fewer pixels than 2x2 squares.
        var (w, h) = TileGrid.ChooseCore(250, 361, 229 * 229, 11, 1);
        Assert.Equal(250, w);
        Assert.Equal(229 * 229 / 250 - 22, h);
        // A very wide image cannot afford useful strips: squares.
        Assert.Equal((207, 207), TileGrid.ChooseCore(20000, 400, 229 * 229, 11, 1));
    }
}
