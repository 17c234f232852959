using SuperRes.Processing;

namespace SuperRes.Tests.Processing;

public sealed class PlaneTests
{
    [Theory]
    [InlineData(10, 7, 4, 8, 4)]
    [InlineData(9, 9, 3, 9, 9)]
    [InlineData(5, 6, 2, 4, 6)]
    public void ModCrop_DropsRemainderRowsAndColumns(int w, int h, int scale, int ew, int eh)
    {
        var plane = PlaneFactory.Random(w, h, 1);
        var cropped = plane.ModCrop(scale);
        Assert.Equal((ew, eh), (cropped.Width, cropped.Height));
        Assert.Equal(plane[ew - 1, eh - 1], cropped[ew - 1, eh - 1]);
    }

    [Fact]
    public void Shave_RemovesBorderOnEverySide()
    {
        var plane = PlaneFactory.Random(10, 8, 2);
        var shaved = plane.Shave(3);
        Assert.Equal((4, 2), (shaved.Width, shaved.Height));
        Assert.Equal(plane[3, 3], shaved[0, 0]);
        Assert.Equal(plane[6, 4], shaved[3, 1]);
    }

    [Fact]
    public void Shave_TooMuch_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Plane(6, 20).Shave(3));

    [Fact]
    public void Constructor_WrongDataLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new Plane(3, 3, new float[8]));

    [Fact]
    public void Constructor_ZeroSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Plane(0, 3));
}
