using SuperRes.Imaging.Png;

namespace SuperRes.Tests.Imaging;

public sealed class PngFiltersTests
{
    public static TheoryData<int, int> FiltersAndBytesPerPixel()
    {
        var data = new TheoryData<int, int>();
        foreach (var filter in new[] { 0, 1, 2, 3, 4 })
            foreach (var bpp in new[] { 1, 2, 3, 4, 6, 8 })
                data.Add(filter, bpp);
        return data;
    }

    [Theory]
    [MemberData(nameof(FiltersAndBytesPerPixel))]
    public void Filter_AwkwardRowLengths_EqualsTheByteByByteReferenceAndUnfiltersBack(int filter, int bpp)
    {
        var random = new Random(filter * 10 + bpp);
        foreach (var length in new[] { 1, 5, 31, 32, 33, 39, 40, 41, 63, 64, 65, 100, 257, 1003 })
        {
            // Extremes as well as noise, so every Paeth branch and the Avg carry are reached.
            var row = Enumerable.Range(0, length).Select(_ => (byte)(random.Next(4) == 0 ? random.Next(2) * 255 : random.Next(256))).ToArray();
            var previous = Enumerable.Range(0, length).Select(_ => (byte)(random.Next(4) == 0 ? random.Next(2) * 255 : random.Next(256))).ToArray();
            var fast = new byte[length];
            var reference = new byte[length];

            PngFilters.Filter(filter, row, previous, bpp, fast);
            PngFilters.FilterReference(filter, row, previous, bpp, reference);

            Assert.Equal(reference, fast);
            PngFilters.Unfilter(filter, fast, previous, bpp);
            Assert.Equal(row, fast);
        }
    }

    [Fact]
    public void UnfilterPaeth_RgbRows_VectorEqualsScalar()
    {
        // A pixel at a time in vector lanes against the scalar chains, on rows of every length up to
        // 40 bytes and some long ones, with extremes so that every choice of predictor and wrap is met.
        var random = new Random(17);
        foreach (var length in Enumerable.Range(1, 40).Concat([300, 3072, 3073]))
            for (int trial = 0; trial < 20; trial++)
            {
                var filtered = Enumerable.Range(0, length).Select(_ => (byte)(random.Next(3) == 0 ? random.Next(2) * 255 : random.Next(256))).ToArray();
                var previous = Enumerable.Range(0, length).Select(_ => (byte)(random.Next(3) == 0 ? random.Next(2) * 255 : random.Next(256))).ToArray();
                var vector = (byte[])filtered.Clone();
                var scalar = (byte[])filtered.Clone();
                PngFilters.Unfilter(4, vector, previous, 3);
                PngFilters.PlainPaeth = true;
                try
                {
                    PngFilters.Unfilter(4, scalar, previous, 3);
                }
                finally
                {
                    PngFilters.PlainPaeth = false;
                }
                Assert.Equal(scalar, vector);
            }
    }

    [Fact]
    public void PaethSelect_EqualsThePlainPredictor_ForEveryByteTriple()
    {
        int mismatches = 0;
        for (int a = 0; a < 256; a++)
            for (int b = 0; b < 256; b++)
                for (int c = 0; c < 256; c++)
                    if (PngFilters.PaethSelect((byte)a, (byte)b, (byte)c) != PngFilters.Paeth((byte)a, (byte)b, (byte)c)) mismatches++;
        Assert.Equal(0, mismatches);
    }
}
