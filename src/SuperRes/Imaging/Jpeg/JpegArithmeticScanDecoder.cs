namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Decodes one arithmetic-coded scan (T.81 F.1.4 sequential, G.1.3 progressive) into the components'
/// coefficient arrays. Statistics are reset at the start of the scan and at every restart marker.
/// DC contexts (Table F.4): five conditioning classes of the previous difference times S0/SS/SP/SN at
/// 0-19, X1-X15 at 20-34, M2-M15 at 35-48. AC contexts (Table F.5): SE/S0/SN-SP for each k at
/// 3(k-1)..3(k-1)+2, then X2-X15/M2-M15 at 189-216 for k &lt;= Kx and at 217-244 above.
/// </summary>
internal sealed class JpegArithmeticScanDecoder : IJpegBlockDecoder
{
    private const int DcContexts = 49, AcContexts = 245;

    private readonly byte[] _data;
    private readonly JpegComponent[] _components;
    private readonly int[] _dcTable, _acTable;
    private readonly JpegArithmeticConditioning _conditioning;
    private readonly bool _progressive;
    private readonly int _ss, _se, _ah, _al;
    private readonly byte[][] _dcStats = new byte[4][];
    private readonly byte[][] _acStats = new byte[4][];
    private readonly int[] _dcContext;
    private JpegArithmeticDecoder _decoder;

    public JpegArithmeticScanDecoder(byte[] data, int start, JpegComponent[] components, int[] dcTable, int[] acTable,
        JpegArithmeticConditioning conditioning, bool progressive, int ss, int se, int ah, int al)
    {
        _data = data;
        _components = components;
        _dcTable = dcTable;
        _acTable = acTable;
        _conditioning = conditioning;
        _progressive = progressive;
        (_ss, _se, _ah, _al) = (ss, se, ah, al);
        _dcContext = new int[components.Length];
        for (int i = 0; i < 4; i++)
        {
            _dcStats[i] = new byte[DcContexts];
            _acStats[i] = new byte[AcContexts];
        }
        _decoder = new JpegArithmeticDecoder(data, start);
    }

    /// <summary>Decodes the scan; <paramref name="mcusWide"/>/<paramref name="mcusHigh"/> are the frame's MCU counts.</summary>
    public void Decode(int mcusWide, int mcusHigh, int restartInterval)
    {
        Reset();
        _decoder.Initialize();
        JpegMcuWalk.Run(this, _components, mcusWide, mcusHigh, restartInterval);
    }

    public void Restart()
    {
        _decoder = new JpegArithmeticDecoder(_data, AfterRestartMarker(_decoder.Position));
        Reset();
        _decoder.Initialize();
    }

    /// <summary>Initial statistics: every context at state 0 with MPS 0; DC predictors and contexts zero.</summary>
    private void Reset()
    {
        for (int i = 0; i < 4; i++)
        {
            Array.Clear(_dcStats[i]);
            Array.Clear(_acStats[i]);
        }
        Array.Clear(_dcContext);
        foreach (var c in _components) c.DcPredictor = 0;
    }

    /// <summary>Skips unread bytes of the interval to the next marker and past it if it is RSTn.</summary>
    private int AfterRestartMarker(int position)
    {
        while (position + 1 < _data.Length && !(_data[position] == 0xFF && _data[position + 1] != 0 && _data[position + 1] != 0xFF))
            position++;
        if (position + 1 >= _data.Length) throw new ImageFormatException("truncated file (missing restart marker)");
        return _data[position + 1] is >= 0xD0 and <= 0xD7 ? position + 2 : position;
    }

    public void DecodeBlock(JpegComponent component, int row, int col, int index)
    {
        var block = component.Block(row, col);
        if (!_progressive)
        {
            DecodeDcFirst(component, block, index);
            DecodeAcFirst(block, index);
        }
        else if (_ss == 0)
        {
            if (_ah == 0) DecodeDcFirst(component, block, index);
            else if (_decoder.DecodeHalf() != 0) block[0] |= (short)(1 << _al);
        }
        else if (_ah == 0) DecodeAcFirst(block, index);
        else DecodeAcRefine(block, index);
    }

    /// <summary>The DC difference (F.1.4.1, Figures F.19-F.24) added to the predictor.</summary>
    private void DecodeDcFirst(JpegComponent component, Span<short> block, int index)
    {
        int table = _dcTable[index];
        var stats = _dcStats[table];
        int context = _dcContext[index];
        int diff = 0;
        if (_decoder.Decode(stats, context) == 0)
        {
            _dcContext[index] = 0;
        }
        else
        {
            int sign = _decoder.Decode(stats, context + 1);
            int s = context + 2 + sign;
            int m = _decoder.Decode(stats, s);
            if (m != 0)
            {
                s = 20;
                while (_decoder.Decode(stats, s) != 0)
                {
                    m <<= 1;
                    if (m == 0x8000) throw new ImageFormatException("bad DC magnitude in arithmetic-coded data (corrupt file)");
                    s++;
                }
            }
            // Conditioning class of this difference for the next block (F.1.4.4.1.2).
            if (m < (1 << _conditioning.DcLower[table]) >> 1) _dcContext[index] = 0;
            else if (m > (1 << _conditioning.DcUpper[table]) >> 1) _dcContext[index] = 12 + 4 * sign;
            else _dcContext[index] = 4 + 4 * sign;
            diff = DecodeMagnitudeBits(stats, s + 14, m);
            if (sign != 0) diff = -diff;
        }
        int value = component.DcPredictor + diff;
        component.DcPredictor = value;
        block[0] = (short)(value << _al);
    }

    /// <summary>Sequential AC or a progressive first AC pass (F.1.4.2, G.1.3.2).</summary>
    private void DecodeAcFirst(Span<short> block, int index)
    {
        int table = _acTable[index];
        var stats = _acStats[table];
        for (int k = Math.Max(_ss, 1); k <= _se; k++) // a sequential scan's Ss is 0: its AC starts at 1
        {
            int s = 3 * (k - 1);
            if (_decoder.Decode(stats, s) != 0) return; // end of block
            while (_decoder.Decode(stats, s + 1) == 0)
            {
                s += 3;
                if (++k > _se) throw new ImageFormatException("bad AC coefficient run in arithmetic-coded data (corrupt file)");
            }
            int sign = _decoder.DecodeHalf();
            s += 2;
            int m = _decoder.Decode(stats, s);
            if (m != 0 && _decoder.Decode(stats, s) != 0)
            {
                m = 2;
                s = k <= _conditioning.AcKx[table] ? 189 : 217;
                while (_decoder.Decode(stats, s) != 0)
                {
                    m <<= 1;
                    if (m == 0x8000) throw new ImageFormatException("bad AC magnitude in arithmetic-coded data (corrupt file)");
                    s++;
                }
            }
            int v = DecodeMagnitudeBits(stats, s + 14, m);
            block[JpegScanOrder.Natural(k)] = (short)((sign != 0 ? -v : v) * (1 << _al));
        }
    }

    /// <summary>|value| from its magnitude category <paramref name="m"/> (its top bit of |value|-1) and the bits below it.</summary>
    private int DecodeMagnitudeBits(byte[] stats, int s, int m)
    {
        int v = m;
        while ((m >>= 1) != 0)
            if (_decoder.Decode(stats, s) != 0) v |= m;
        return v + 1;
    }

    /// <summary>A progressive AC refinement pass (G.1.3.3).</summary>
    private void DecodeAcRefine(Span<short> block, int index)
    {
        var stats = _acStats[_acTable[index]];
        int p1 = 1 << _al, m1 = -1 << _al;
        int kex = _se; // end of the band as coded by earlier passes
        while (kex > 0 && block[JpegScanOrder.Natural(kex)] == 0) kex--;
        for (int k = _ss; k <= _se; k++)
        {
            int s = 3 * (k - 1);
            if (k > kex && _decoder.Decode(stats, s) != 0) return; // end of block
            while (true)
            {
                ref short coefficient = ref block[JpegScanOrder.Natural(k)];
                if (coefficient != 0)
                {
                    if (_decoder.Decode(stats, s + 2) != 0) coefficient = (short)(coefficient + (coefficient < 0 ? m1 : p1));
                    break;
                }
                if (_decoder.Decode(stats, s + 1) != 0)
                {
                    coefficient = (short)(_decoder.DecodeHalf() != 0 ? m1 : p1);
                    break;
                }
                s += 3;
                if (++k > _se) throw new ImageFormatException("bad AC refinement run in arithmetic-coded data (corrupt file)");
            }
        }
    }
}
