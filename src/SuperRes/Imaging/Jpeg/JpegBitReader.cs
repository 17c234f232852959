namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Reads entropy-coded bits, removing 0xFF00 stuffing. Past a marker or the end of the file it buffers
/// zero bits so that look-ahead works, but consuming any of them throws: scan data that ends before the
/// scan's last block is an error (as in PIL), not a black fill.
/// </summary>
internal sealed class JpegBitReader(byte[] data, int position)
{
    private ulong _buffer; // MSB-aligned
    private int _bits;
    private int _paddingBits; // zero bits appended past the end of the file (the last ones buffered)
    private bool _atEnd;
    private bool _atMarker;

    /// <summary>The byte position of the next unread byte (the marker after the scan once it is hit).</summary>
    public int Position { get; private set; } = position;

    public int Peek(int n)
    {
        if (_bits < n) Fill();
        return (int)(_buffer >> (64 - n));
    }

    public void Skip(int n)
    {
        _buffer <<= n;
        _bits -= n;
        if (_bits < _paddingBits)
            throw new ImageFormatException(_atMarker ? "scan data ends early (marker before the scan's last block)" : "truncated file (scan data ends early)");
    }

    public int ReadBits(int n)
    {
        if (n == 0) return 0;
        int v = Peek(n);
        Skip(n);
        return v;
    }

    public int ReadBit() => ReadBits(1);

    /// <summary>Reads s bits and sign-extends them (the JPEG "EXTEND" of a magnitude category).</summary>
    public int Receive(int s)
    {
        if (s == 0) return 0;
        if (s > 16) throw new ImageFormatException("bad coefficient size in scan data");
        int v = ReadBits(s);
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    /// <summary>Drops buffered bits and consumes the expected RSTn marker, if it is next.</summary>
    public void Restart()
    {
        _buffer = 0;
        _bits = 0;
        _paddingBits = 0;
        _atEnd = _atMarker = false;
        while (Position + 1 < data.Length && !(data[Position] == 0xFF && data[Position + 1] != 0 && data[Position + 1] != 0xFF))
            Position++;
        if (Position + 1 >= data.Length) throw new ImageFormatException("truncated file (missing restart marker)");
        if (data[Position + 1] is >= 0xD0 and <= 0xD7) Position += 2; // else: a later marker; decode on with zeros
    }

    private void Fill()
    {
        while (_bits <= 56)
        {
            int b = 0;
            if (_atEnd || _atMarker) _paddingBits += 8;
            else if (Position >= data.Length || (data[Position] == 0xFF && Position + 1 >= data.Length))
            {
                _atEnd = true;
                _paddingBits += 8;
            }
            else
            {
                b = data[Position];
                if (b != 0xFF) Position++;
                else if (data[Position + 1] == 0) Position += 2; // stuffed 0xFF
                else if (data[Position + 1] == 0xFF) { Position++; continue; } // fill byte before a marker
                else
                {
                    _atMarker = true;
                    _paddingBits += 8;
                    b = 0;
                }
            }
            _buffer |= (ulong)(uint)b << (56 - _bits);
            _bits += 8;
        }
    }
}
