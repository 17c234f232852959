namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// Decodes one scan's entropy-coded data into the components' coefficient arrays: sequential
/// (baseline/extended) and the four progressive kinds (DC first/refine, AC first/refine).
/// </summary>
internal sealed class JpegScanDecoder : IJpegBlockDecoder
{
    private readonly JpegBitReader _reader;
    private readonly JpegComponent[] _components;
    private readonly JpegHuffmanTable?[] _dcTables;
    private readonly JpegHuffmanTable?[] _acTables;
    private readonly bool _progressive;
    private readonly int _ss, _se, _ah, _al;
    private int _eobRun;

    public JpegScanDecoder(JpegBitReader reader, JpegComponent[] components, JpegHuffmanTable?[] dcTables, JpegHuffmanTable?[] acTables,
        bool progressive, int ss, int se, int ah, int al)
    {
        _reader = reader;
        _components = components;
        _dcTables = dcTables;
        _acTables = acTables;
        _progressive = progressive;
        (_ss, _se, _ah, _al) = (ss, se, ah, al);
    }

    /// <summary>Decodes the scan; <paramref name="mcusWide"/>/<paramref name="mcusHigh"/> are the frame's MCU counts.</summary>
    public void Decode(int mcusWide, int mcusHigh, int restartInterval)
    {
        foreach (var c in _components) c.DcPredictor = 0;
        JpegMcuWalk.Run(this, _components, mcusWide, mcusHigh, restartInterval);
    }

    public void Restart()
    {
        _reader.Restart();
        foreach (var c in _components) c.DcPredictor = 0;
        _eobRun = 0;
    }

    public void DecodeBlock(JpegComponent component, int row, int col, int index)
    {
        var block = component.Block(row, col);
        if (!_progressive)
        {
            DecodeDcFirst(component, block, index);
            DecodeAcSequential(block, Table(_acTables, component, index));
        }
        else if (_ss == 0)
        {
            if (_ah == 0) DecodeDcFirst(component, block, index);
            else if (_reader.ReadBit() != 0) block[0] |= (short)(1 << _al);
        }
        else if (_ah == 0) DecodeAcFirst(block, Table(_acTables, component, index));
        else DecodeAcRefine(block, Table(_acTables, component, index));
    }

    private JpegHuffmanTable Table(JpegHuffmanTable?[] tables, JpegComponent component, int index) =>
        tables[index] ?? throw new ImageFormatException($"missing Huffman table for component {component.Id}");

    private void DecodeDcFirst(JpegComponent component, Span<short> block, int index)
    {
        int s = Table(_dcTables, component, index).Decode(_reader);
        int value = component.DcPredictor + _reader.Receive(s);
        component.DcPredictor = value;
        block[0] = (short)(value << _al);
    }

    private void DecodeAcSequential(Span<short> block, JpegHuffmanTable table)
    {
        for (int k = 1; k < 64; k++)
        {
            int rs = table.Decode(_reader);
            int r = rs >> 4, s = rs & 15;
            if (s == 0)
            {
                if (r != 15) return;
                k += 15;
                continue;
            }
            k += r;
            if (k > 63) throw new ImageFormatException("bad AC coefficient run (corrupt file)");
            block[JpegScanOrder.Natural(k)] = (short)_reader.Receive(s);
        }
    }

    private void DecodeAcFirst(Span<short> block, JpegHuffmanTable table)
    {
        if (_eobRun > 0)
        {
            _eobRun--;
            return;
        }
        for (int k = _ss; k <= _se; k++)
        {
            int rs = table.Decode(_reader);
            int r = rs >> 4, s = rs & 15;
            if (s == 0)
            {
                if (r < 15)
                {
                    _eobRun = (1 << r) - 1 + _reader.ReadBits(r);
                    return;
                }
                k += 15;
                continue;
            }
            k += r;
            if (k > _se) throw new ImageFormatException("bad AC coefficient run (corrupt file)");
            block[JpegScanOrder.Natural(k)] = (short)(_reader.Receive(s) * (1 << _al));
        }
    }

    private void DecodeAcRefine(Span<short> block, JpegHuffmanTable table)
    {
        int p1 = 1 << _al, m1 = -1 << _al;
        int k = _ss;
        if (_eobRun == 0)
        {
            for (; k <= _se; k++)
            {
                int rs = table.Decode(_reader);
                int r = rs >> 4, s = rs & 15;
                int value = 0;
                if (s != 0)
                {
                    if (s != 1) throw new ImageFormatException("bad progressive refinement code (corrupt file)");
                    value = _reader.ReadBit() != 0 ? p1 : m1;
                }
                else if (r != 15)
                {
                    _eobRun = (1 << r) + _reader.ReadBits(r);
                    break;
                }
                // Skip r zero coefficients (refining non-zero ones on the way), then place the new one.
                for (; k <= _se; k++)
                {
                    int z = JpegScanOrder.Natural(k);
                    if (block[z] != 0) RefineNonZero(ref block[z], p1, m1);
                    else if (--r < 0) break;
                }
                if (value != 0)
                {
                    if (k > _se) throw new ImageFormatException("bad progressive refinement run (corrupt file)");
                    block[JpegScanOrder.Natural(k)] = (short)value;
                }
            }
        }
        if (_eobRun > 0)
        {
            for (; k <= _se; k++)
            {
                int z = JpegScanOrder.Natural(k);
                if (block[z] != 0) RefineNonZero(ref block[z], p1, m1);
            }
            _eobRun--;
        }
    }

    private void RefineNonZero(ref short coefficient, int p1, int m1)
    {
        if (_reader.ReadBit() != 0 && (coefficient & p1) == 0)
            coefficient = (short)(coefficient + (coefficient >= 0 ? p1 : m1));
    }
}
