namespace SuperRes.Processing;

/// <summary>
/// One channel of an image as 32-bit floats, row-major, top row first. Values are not clamped:
/// by convention 8-bit data lies in [0, 255] (see <see cref="ImagePlanes"/>).
/// </summary>
public sealed class Plane
{
    /// <summary>Creates a zeroed plane.</summary>
    public Plane(int width, int height)
        : this(width, height, new float[CheckedArea(width, height)])
    {
    }

    /// <summary>Wraps existing data (not copied).</summary>
    public Plane(int width, int height, float[] data)
    {
        CheckedArea(width, height);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)width * height)
            throw new ArgumentException($"Expected {(long)width * height} values for a {width}x{height} plane, got {data.Length}.", nameof(data));
        Width = width;
        Height = height;
        Data = data;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Values, <c>y * Width + x</c>.</summary>
    public float[] Data { get; }

    public float this[int x, int y]
    {
        get => Data[y * Width + x];
        set => Data[y * Width + x] = value;
    }

    /// <summary>A plane with every value equal to <paramref name="value"/>.</summary>
    public static Plane Filled(int width, int height, float value)
    {
        var plane = new Plane(width, height);
        Array.Fill(plane.Data, value);
        return plane;
    }

    public Plane Clone() => new(Width, Height, (float[])Data.Clone());

    /// <summary>The rectangle starting at (<paramref name="x"/>, <paramref name="y"/>), copied.</summary>
    public Plane Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"Crop {width}x{height} at ({x},{y}) does not fit in a {Width}x{Height} plane.");
        var result = new Plane(width, height);
        for (var row = 0; row < height; row++)
            Array.Copy(Data, (y + row) * Width + x, result.Data, row * width, width);
        return result;
    }

    /// <summary>Removes <paramref name="border"/> pixels from every side (the SR "shave").</summary>
    public Plane Shave(int border)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(border);
        if (2 * border >= Width || 2 * border >= Height)
            throw new ArgumentOutOfRangeException(nameof(border), $"Cannot shave {border} pixels from a {Width}x{Height} plane.");
        return border == 0 ? Clone() : Crop(border, border, Width - 2 * border, Height - 2 * border);
    }

    /// <summary>Drops the last <c>Height % scale</c> rows and <c>Width % scale</c> columns (MATLAB modcrop).</summary>
    public Plane ModCrop(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var width = Width - Width % scale;
        var height = Height - Height % scale;
        if (width == 0 || height == 0)
            throw new ArgumentOutOfRangeException(nameof(scale), $"A {Width}x{Height} plane is smaller than the scale {scale}.");
        return Crop(0, 0, width, height);
    }

    private static long CheckedArea(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"Plane size {width}x{height} must be positive.");
        var area = (long)width * height;
        if (area > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(width), $"Plane {width}x{height} is too large.");
        return area;
    }
}
