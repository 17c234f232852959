namespace SuperRes.Processing;

/// <summary>
/// <see cref="Imresize.ResizeTo"/> computed a band of output rows at a time, bitwise equal to the
/// whole-plane result: the same weights, the same dimension order and the same summation order,
/// but only the input rows a band reads are held (as doubles), so the output never exists whole.
/// The input is read row by row through a callback, so it need not be a plane either.
/// </summary>
public sealed class BandResizer
{
    private readonly ResizeWeights _rows;
    private readonly ResizeWeights _cols;
    private readonly bool _verticalFirst;

    /// <summary>Resizes <paramref name="inWidth"/>x<paramref name="inHeight"/> to <paramref name="outWidth"/>x<paramref name="outHeight"/> (MATLAB <c>imresize(A, [rows cols])</c>).</summary>
    public BandResizer(int inWidth, int inHeight, int outWidth, int outHeight, ResizeKernel? kernel = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        kernel ??= KnownResizeKernels.Bicubic;
        double scaleX = (double)outWidth / inWidth, scaleY = (double)outHeight / inHeight;
        _rows = ResizeWeights.Create(inHeight, outHeight, scaleY, kernel, kernel.AntialiasWhenShrinking);
        _cols = ResizeWeights.Create(inWidth, outWidth, scaleX, kernel, kernel.AntialiasWhenShrinking);
        _verticalFirst = scaleY <= scaleX; // Imresize's order
        (InWidth, InHeight, OutWidth, OutHeight) = (inWidth, inHeight, outWidth, outHeight);
    }

    public int InWidth { get; }
    public int InHeight { get; }
    public int OutWidth { get; }
    public int OutHeight { get; }

    /// <summary>The input rows that output rows [<paramref name="y"/>, <paramref name="y"/> + <paramref name="count"/>) read, in increasing order.</summary>
    public int[] InputRows(int y, int count)
    {
        CheckBand(y, count);
        var used = new SortedSet<int>();
        for (int row = y; row < y + count; row++)
            for (int t = 0; t < _rows.Taps; t++)
                if (_rows.Weights[row * _rows.Taps + t] != 0) used.Add(_rows.Indices[row * _rows.Taps + t]);
        return [.. used];
    }

    /// <summary>
    /// Output rows [<paramref name="y"/>, <paramref name="y"/> + <paramref name="count"/>) into
    /// <paramref name="output"/> (<see cref="OutWidth"/> values a row). <paramref name="readRow"/>
    /// fills input row r (<see cref="InWidth"/> values); it is called once for each row of
    /// <see cref="InputRows"/>, possibly from several threads at once.
    /// </summary>
    public void ResizeRows(Action<int, double[]> readRow, int y, int count, float[] output)
    {
        ArgumentNullException.ThrowIfNull(readRow);
        ArgumentNullException.ThrowIfNull(output);
        CheckBand(y, count);
        if (output.Length < (long)count * OutWidth) throw new ArgumentException($"Expected room for {(long)count * OutWidth} values.", nameof(output));
        var needed = InputRows(y, count);
        var rows = new Dictionary<int, double[]>(needed.Length);
        foreach (var r in needed) rows[r] = new double[_verticalFirst ? InWidth : OutWidth];
        Parallel.ForEach(needed, r =>
        {
            if (_verticalFirst)
            {
                readRow(r, rows[r]);
                return;
            }
            var source = new double[InWidth];
            readRow(r, source);
            Horizontal(source, rows[r]);
        });

        Parallel.For(0, count, () => (Mixed: new double[InWidth], Line: new double[OutWidth]), (i, _, buffers) =>
        {
            int row = y + i;
            if (_verticalFirst)
            {
                Vertical(rows, row, buffers.Mixed);
                Horizontal(buffers.Mixed, buffers.Line);
            }
            else
            {
                Vertical(rows, row, buffers.Line);
            }
            var target = output.AsSpan(i * OutWidth, OutWidth);
            for (int x = 0; x < OutWidth; x++) target[x] = (float)buffers.Line[x];
            return buffers;
        }, _ => { });
    }

    /// <summary>Output row <paramref name="row"/> of the vertical pass, as Imresize's ResizeColumns sums it.</summary>
    private void Vertical(Dictionary<int, double[]> rows, int row, double[] destination)
    {
        Array.Clear(destination);
        for (int t = 0; t < _rows.Taps; t++)
        {
            var weight = _rows.Weights[row * _rows.Taps + t];
            if (weight == 0) continue;
            var src = rows[_rows.Indices[row * _rows.Taps + t]];
            for (int x = 0; x < destination.Length; x++) destination[x] += weight * src[x];
        }
    }

    /// <summary>One row of the horizontal pass, as Imresize's ResizeRows sums it.</summary>
    private void Horizontal(double[] source, double[] destination)
    {
        for (int x = 0; x < _cols.OutLength; x++)
        {
            double sum = 0;
            int offset = x * _cols.Taps;
            for (int t = 0; t < _cols.Taps; t++) sum += _cols.Weights[offset + t] * source[_cols.Indices[offset + t]];
            destination[x] = sum;
        }
    }

    private void CheckBand(int y, int count)
    {
        if (y < 0 || count <= 0 || y + count > OutHeight)
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows {y}..{y + count} are outside 0..{OutHeight}.");
    }
}
