namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// The QM-coder's decoder (ITU-T T.81 Annex D.2): a 32-bit code register C whose upper half Cx is
/// compared with the interval A, adaptive probability states per context, conditional MPS/LPS exchange.
/// A context is one byte: bits 0-6 the state index into Table D.3, bit 7 the sense of the MPS.
/// Past a marker the decoder reads zero bytes (D.2.6, as the encoder's flush expects); running off the
/// end of the file is an error (truncated scan data).
/// </summary>
internal sealed class JpegArithmeticDecoder(byte[] data, int position)
{
    private uint _c;
    private int _a;
    private int _ct;

    /// <summary>The byte position of the next unread byte.</summary>
    public int Position { get; private set; } = position;

    /// <summary>INITDEC (Figure D.22): loads the first two bytes after <see cref="Position"/>.</summary>
    public void Initialize()
    {
        _a = 0x10000;
        _c = 0;
        ByteIn();
        _c <<= 8;
        ByteIn();
        _c <<= 8;
        _ct = 0;
    }

    /// <summary>Decodes one binary decision in context <paramref name="index"/> of <paramref name="contexts"/>.</summary>
    public int Decode(byte[] contexts, int index)
    {
        int state = contexts[index];
        int i = state & 0x7F, mps = state >> 7;
        int qe = JpegQeTable.Qe(i);
        _a -= qe;
        int d;
        if ((int)(_c >> 16) < _a)
        {
            if (_a >= 0x8000) return mps;
            // Cond_MPS_exchange (Figure D.21): the MPS sub-interval is the smaller one.
            if (_a < qe) d = AfterLps(contexts, index, i, mps);
            else d = AfterMps(contexts, index, i, mps);
        }
        else
        {
            // Cond_LPS_exchange (Figure D.20).
            _c -= (uint)_a << 16;
            d = _a < qe ? AfterMps(contexts, index, i, mps) : AfterLps(contexts, index, i, mps);
            _a = qe;
        }
        Renormalize();
        return d;
    }

    /// <summary>Decodes one decision with the fixed one-half estimate (Qe = 0x5A1D, MPS 0).</summary>
    public int DecodeHalf()
    {
        const int Qe = 0x5A1D;
        _a -= Qe;
        int d;
        if ((int)(_c >> 16) < _a)
        {
            if (_a >= 0x8000) return 0;
            d = _a < Qe ? 1 : 0;
        }
        else
        {
            _c -= (uint)_a << 16;
            d = _a < Qe ? 0 : 1;
            _a = Qe;
        }
        Renormalize();
        return d;
    }

    private static int AfterMps(byte[] contexts, int index, int i, int mps)
    {
        contexts[index] = (byte)(mps << 7 | JpegQeTable.NextMps(i));
        return mps;
    }

    private static int AfterLps(byte[] contexts, int index, int i, int mps)
    {
        int newMps = JpegQeTable.Switch(i) ? 1 - mps : mps;
        contexts[index] = (byte)(newMps << 7 | JpegQeTable.NextLps(i));
        return 1 - mps;
    }

    /// <summary>RENORM_D (Figure D.24).</summary>
    private void Renormalize()
    {
        do
        {
            if (_ct == 0) ByteIn();
            _a <<= 1;
            _c <<= 1;
            _ct--;
        }
        while (_a < 0x8000);
    }

    /// <summary>BYTEIN (Figure D.23): the next byte into bits 8-15 of C; 0xFF00 is a stuffed 0xFF, a marker gives zeros.</summary>
    private void ByteIn()
    {
        _ct = 8;
        while (true)
        {
            if (Position >= data.Length) throw new ImageFormatException("truncated file (arithmetic-coded scan data ends early)");
            int b = data[Position];
            if (b != 0xFF)
            {
                _c += (uint)b << 8;
                Position++;
                return;
            }
            if (Position + 1 >= data.Length) throw new ImageFormatException("truncated file (arithmetic-coded scan data ends early)");
            int next = data[Position + 1];
            if (next == 0)
            {
                _c += 0xFF00;
                Position += 2;
                return;
            }
            if (next != 0xFF) return; // a marker: zeros from here on, the marker stays unread
            Position++; // a fill byte before a marker
        }
    }
}
