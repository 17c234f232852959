namespace SuperRes.Imaging.Jpeg;

/// <summary>Writes entropy-coded bits MSB first, stuffing a zero after every 0xFF byte (T.81 F.1.2.3).</summary>
internal sealed class JpegBitWriter(Stream output)
{
    private readonly byte[] _buffer = new byte[16384];
    private int _count;
    private uint _bits;
    private int _bitCount;

    public void Write(int value, int length)
    {
        _bits = (_bits << length) | ((uint)value & ((1u << length) - 1));
        _bitCount += length;
        while (_bitCount >= 8)
        {
            byte b = (byte)(_bits >> (_bitCount - 8));
            _bitCount -= 8;
            Put(b);
            if (b == 0xFF) Put(0);
        }
        _bits &= (1u << _bitCount) - 1;
    }

    /// <summary>Pads the last byte with ones and flushes.</summary>
    public void Finish()
    {
        if (_bitCount > 0) Write((1 << (8 - _bitCount)) - 1, 8 - _bitCount);
        output.Write(_buffer, 0, _count);
        _count = 0;
    }

    private void Put(byte b)
    {
        if (_count == _buffer.Length)
        {
            output.Write(_buffer, 0, _count);
            _count = 0;
        }
        _buffer[_count++] = b;
    }
}
