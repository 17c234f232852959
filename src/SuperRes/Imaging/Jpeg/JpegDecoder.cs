using System.Buffers.Binary;

namespace SuperRes.Imaging.Jpeg;

/// <summary>
/// JPEG decoder: baseline, extended sequential and progressive frames, Huffman- or arithmetic-coded
/// (SOF0/1/2, SOF9/10 with DAC conditioning), 8- or 12-bit, gray, three-component (YCbCr or Adobe RGB)
/// or four-component (CMYK or Adobe YCCK, 8-bit, shown as RGB the way Pillow does), any integer
/// sampling factors, restart markers, EXIF orientation.
/// Output matches libjpeg-turbo's djpeg defaults (islow IDCT, fancy upsampling).
/// Work is bounded by evidence: a component's coefficients are allocated at its first scan, once the
/// scan's bytes are shown able to code every block (at least one bit each); scan data that ends before
/// the scan's last block is an error, not black fill (as in PIL); the scans per file are capped by
/// <see cref="ImageReadOptions.MaxJpegScans"/>.
/// </summary>
internal sealed class JpegDecoder
{
    private readonly byte[] _data;
    private readonly ImageReadOptions _options;
    private readonly ushort[]?[] _quantTables = new ushort[4][];
    private readonly JpegHuffmanTable?[] _dcTables = new JpegHuffmanTable[4];
    private readonly JpegHuffmanTable?[] _acTables = new JpegHuffmanTable[4];
    private JpegComponent[]? _components;
    private int _precision = 8;
    private int _width, _height, _mcusWide, _mcusHigh, _restartInterval;
    private bool _progressive, _arithmetic, _sawJfif;
    private readonly JpegArithmeticConditioning _conditioning = new();
    private int _adobeTransform = -1;
    private int _orientation = 1;
    private int _scans;
    private long _coefficientVisits; // blocks x spectral band width, summed over the scans so far

    /// <summary>
    /// How many times the scans together may cover every coefficient of the frame. A sequential file
    /// covers each once, a usual progressive one two or three times (first pass and refinements); a
    /// scan of a few bytes can cover the whole frame with end-of-band runs, so this bounds the work.
    /// </summary>
    internal const int MaxCoefficientPasses = 16;

    private JpegDecoder(byte[] data, ImageReadOptions options)
    {
        _data = data;
        _options = options;
    }

    public static bool IsJpeg(ReadOnlySpan<byte> header) => header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF;

    /// <summary>
    /// The size the first frame header (SOFn) in <paramref name="head"/> states, before EXIF orientation;
    /// null when the segments before it run past <paramref name="head"/> or do not parse.
    /// </summary>
    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> head)
    {
        if (!IsJpeg(head)) return null;
        int at = 2;
        while (at + 9 <= head.Length && head[at] == 0xFF)
        {
            byte marker = head[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { at += 2; continue; } // standalone: no length
            if (marker is 0xD8 or 0xD9 or 0xDA) return null; // a second start, the end or a scan before any frame
            int length = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 5)..]), width = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 7)..]);
                return width > 0 && height > 0 ? (width, height) : null;
            }
            if (length < 2) return null;
            at += 2 + length;
        }
        return null;
    }

    public static Image Decode(byte[] data, ImageReadOptions options) => new JpegDecoder(data, options).Run();

    private Image Run()
    {
        if (!IsJpeg(_data)) throw new ImageFormatException("not a JPEG file (no SOI marker)");
        int pos = 2;
        while (true)
        {
            // Find the next marker, skipping fill bytes (and, leniently, stray data).
            while (pos < _data.Length && _data[pos] != 0xFF) pos++;
            while (pos < _data.Length && _data[pos] == 0xFF) pos++;
            if (pos >= _data.Length)
            {
                if (_components is not null && !_progressive && _scans > 0) return Finish(); // only EOI missing
                throw new ImageFormatException("truncated file");
            }
            int marker = _data[pos++];
            if (marker == 0xD9) return Finish(); // EOI
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8)) continue; // parameterless markers
            if (pos + 2 > _data.Length) throw new ImageFormatException("truncated file");
            int length = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(pos));
            if (length < 2) throw new ImageFormatException($"bad length in marker 0x{marker:X2} segment");
            if (pos + length > _data.Length) throw new ImageFormatException("truncated file");
            var body = _data.AsSpan(pos + 2, length - 2);
            pos += length;
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2 or 0xC9 or 0xCA:
                    ReadFrame(body, progressive: marker is 0xC2 or 0xCA, arithmetic: marker >= 0xC9);
                    break;
                case 0xC3 or (>= 0xC5 and <= 0xC7) or 0xCB or (>= 0xCD and <= 0xCF):
                    throw new ImageFormatException($"unsupported JPEG process (SOF{marker - 0xC0}: lossless or hierarchical)");
                case 0xCC:
                    _conditioning.Read(body);
                    break;
                case 0xC4:
                    ReadHuffmanTables(body);
                    break;
                case 0xDB:
                    ReadQuantTables(body);
                    break;
                case 0xDD:
                    if (body.Length < 2) throw new ImageFormatException("bad DRI segment");
                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(body);
                    break;
                case 0xDA:
                    pos = ReadScan(body, pos);
                    break;
                case 0xE0:
                    _sawJfif |= body.StartsWith("JFIF\0"u8);
                    break;
                case 0xE1:
                    if (_orientation == 1) _orientation = ExifOrientation.Parse(body);
                    break;
                case 0xEE:
                    if (body.Length >= 12 && body.StartsWith("Adobe"u8)) _adobeTransform = body[11];
                    break;
                case 0xDC:
                    throw new ImageFormatException("unsupported DNL marker (image height defined after the scan)");
            }
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> body, bool progressive, bool arithmetic)
    {
        if (_components is not null) throw new ImageFormatException("more than one frame");
        if (body.Length < 6) throw new ImageFormatException("bad SOF segment");
        if (body[0] is not (8 or 12)) throw new ImageFormatException($"unsupported sample precision {body[0]} bits (8 and 12 are supported)");
        _precision = body[0];
        _height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        if (_height == 0) throw new ImageFormatException("unsupported image height 0 (DNL)");
        int count = body[5];
        if (count is not (1 or 3 or 4)) throw new ImageFormatException($"unsupported number of components {count} (gray, 3-component colour and CMYK are supported)");
        if (count == 4 && body[0] != 8) throw new ImageFormatException("unsupported 12-bit CMYK");
        if (body.Length < 6 + 3 * count) throw new ImageFormatException("bad SOF segment");
        _options.CheckSize(_width, _height);
        _progressive = progressive;
        _arithmetic = arithmetic;
        var components = new JpegComponent[count];
        for (int i = 0; i < count; i++)
        {
            int h = body[7 + 3 * i] >> 4, v = body[7 + 3 * i] & 15, tq = body[8 + 3 * i];
            if (h is < 1 or > 4 || v is < 1 or > 4) throw new ImageFormatException($"bad sampling factors {h}x{v}");
            if (tq > 3) throw new ImageFormatException("bad quantisation table index");
            components[i] = new JpegComponent { Id = body[6 + 3 * i], H = h, V = v, QuantTableIndex = tq };
        }
        int hMax = components.Max(c => c.H), vMax = components.Max(c => c.V);
        _mcusWide = (_width + 8 * hMax - 1) / (8 * hMax);
        _mcusHigh = (_height + 8 * vMax - 1) / (8 * vMax);
        foreach (var c in components)
        {
            if (hMax % c.H != 0 || vMax % c.V != 0) throw new ImageFormatException("unsupported (fractional) sampling factors");
            c.Width = (int)(((long)_width * c.H + hMax - 1) / hMax);
            c.Height = (int)(((long)_height * c.V + vMax - 1) / vMax);
            c.BlocksWide = (c.Width + 7) / 8;
            c.BlocksHigh = (c.Height + 7) / 8;
            c.BlocksPerLine = _mcusWide * c.H;
            c.BlocksPerColumn = _mcusHigh * c.V;
        }
        long working = 0;
        int planeBytes = _precision == 8 ? sizeof(byte) : sizeof(ushort);
        foreach (var c in components) working += (long)c.BlocksPerLine * c.BlocksPerColumn * 64 * (sizeof(short) + planeBytes);
        _options.CheckMemory(_data.Length + working + ImageReadOptions.SampleBytes(_width, _height, Math.Min(count, 3), _precision == 8 ? 8 : 16), $"decoding a {_width}x{_height} JPEG");
        _components = components;
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            if (body.Length < 17) throw new ImageFormatException("bad Huffman table (DHT segment too short)");
            int tc = body[0] >> 4, th = body[0] & 15;
            if (tc > 1 || th > 3) throw new ImageFormatException("bad Huffman table class or index");
            var counts = body.Slice(1, 16);
            int total = 0;
            foreach (byte n in counts) total += n;
            if (total > 256 || body.Length < 17 + total) throw new ImageFormatException("bad Huffman table (too many codes)");
            var table = new JpegHuffmanTable(counts, body.Slice(17, total));
            (tc == 0 ? _dcTables : _acTables)[th] = table;
            body = body[(17 + total)..];
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            int pq = body[0] >> 4, tq = body[0] & 15;
            if (pq > 1 || tq > 3) throw new ImageFormatException("bad quantisation table");
            int size = pq == 0 ? 64 : 128;
            if (body.Length < 1 + size) throw new ImageFormatException("bad quantisation table (DQT segment too short)");
            var table = new ushort[64];
            for (int k = 0; k < 64; k++)
                table[JpegScanOrder.Natural(k)] = pq == 0 ? body[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(body[(1 + 2 * k)..]);
            _quantTables[tq] = table;
            body = body[(1 + size)..];
        }
    }

    /// <summary>Parses an SOS header, decodes the scan data that follows and returns the position after it.</summary>
    private int ReadScan(ReadOnlySpan<byte> body, int dataStart)
    {
        if (_components is null) throw new ImageFormatException("scan before frame header");
        if (_scans >= _options.MaxJpegScans) throw new ImageFormatException($"more than {_options.MaxJpegScans} scans (the limit per file)");
        if (body.Length < 1) throw new ImageFormatException("bad SOS segment");
        int count = body[0];
        if (count is < 1 or > 4 || body.Length < 4 + 2 * count) throw new ImageFormatException("bad SOS segment");
        var scanComponents = new JpegComponent[count];
        var dc = new JpegHuffmanTable?[count];
        var ac = new JpegHuffmanTable?[count];
        var dcIndex = new int[count];
        var acIndex = new int[count];
        int blocksPerMcu = 0;
        for (int i = 0; i < count; i++)
        {
            int id = body[1 + 2 * i];
            var component = Array.Find(_components, c => c.Id == id) ?? throw new ImageFormatException($"scan refers to unknown component {id}");
            if (Array.IndexOf(scanComponents, component) >= 0) throw new ImageFormatException("component repeated in scan");
            scanComponents[i] = component;
            int td = body[2 + 2 * i] >> 4, ta = body[2 + 2 * i] & 15;
            if (td > 3 || ta > 3) throw new ImageFormatException("bad Huffman table index in scan");
            dc[i] = _dcTables[td];
            ac[i] = _acTables[ta];
            (dcIndex[i], acIndex[i]) = (td, ta);
            component.Quant ??= _quantTables[component.QuantTableIndex]?.ToArray()
                ?? throw new ImageFormatException($"missing quantisation table {component.QuantTableIndex}");
            blocksPerMcu += component.H * component.V;
        }
        if (count > 1 && blocksPerMcu > 10) throw new ImageFormatException("too many blocks per MCU");
        int ss = body[1 + 2 * count], se = body[2 + 2 * count], ah = body[3 + 2 * count] >> 4, al = body[3 + 2 * count] & 15;
        if (_progressive)
        {
            bool valid = ss <= se && se <= 63 && al <= 13 && ah <= 13 && (ss == 0 ? se == 0 : count == 1);
            if (!valid) throw new ImageFormatException("bad progressive scan parameters");
        }
        else
        {
            ss = 0; se = 63; ah = al = 0;
        }
        long scanBlocks = count == 1 ? (long)scanComponents[0].BlocksWide * scanComponents[0].BlocksHigh : (long)_mcusWide * _mcusHigh * blocksPerMcu;
        long frameBlocks = _components.Sum(c => (long)c.BlocksWide * c.BlocksHigh);
        _coefficientVisits += scanBlocks * (se - ss + 1);
        if (_coefficientVisits > MaxCoefficientPasses * 64 * frameBlocks)
            throw new ImageFormatException($"the scans cover the frame's coefficients more than {MaxCoefficientPasses} times (the limit per file)");
        AllocateCoefficients(scanComponents, dataStart, ss);
        _scans++;
        if (_arithmetic)
        {
            new JpegArithmeticScanDecoder(_data, dataStart, scanComponents, dcIndex, acIndex, _conditioning, _progressive, ss, se, ah, al)
                .Decode(_mcusWide, _mcusHigh, _restartInterval);
            return dataStart + (int)ScanDataLength(dataStart); // the decoder may leave flushed bytes unread
        }
        var reader = new JpegBitReader(_data, dataStart);
        new JpegScanDecoder(reader, scanComponents, dc, ac, _progressive, ss, se, ah, al).Decode(_mcusWide, _mcusHigh, _restartInterval);
        return reader.Position;
    }

    /// <summary>
    /// Allocates the coefficients of components seen for the first time, once the scan's data is shown
    /// long enough: in a Huffman-coded sequential or DC scan every block takes at least one bit. An
    /// arithmetic-coded block can take far less than a bit, so there only the size and memory limits apply.
    /// </summary>
    private void AllocateCoefficients(JpegComponent[] scanComponents, int dataStart, int ss)
    {
        if (Array.TrueForAll(scanComponents, c => c.Coefficients.Length > 0)) return;
        if (_progressive && ss != 0) throw new ImageFormatException("AC scan before the component's DC scan (bad progression)");
        long blocks = scanComponents.Length == 1
            ? (long)scanComponents[0].BlocksWide * scanComponents[0].BlocksHigh
            : (long)_mcusWide * _mcusHigh * scanComponents.Sum(c => c.H * c.V);
        long bytes = ScanDataLength(dataStart);
        if (!_arithmetic && bytes * 8 < blocks)
            throw new ImageFormatException($"scan data of {bytes} bytes cannot code the {blocks} blocks of a {_width}x{_height} frame (truncated file or forged size)");
        foreach (var c in scanComponents)
        {
            if ((long)c.BlocksPerLine * c.BlocksPerColumn * 64 > Array.MaxLength) throw new ImageFormatException("frame too large for one coefficient array");
            if (c.Coefficients.Length == 0) c.Coefficients = new short[(long)c.BlocksPerLine * c.BlocksPerColumn * 64];
        }
    }

    /// <summary>Bytes of entropy-coded data from <paramref name="start"/> to the next marker other than RSTn.</summary>
    private long ScanDataLength(int start)
    {
        int pos = start;
        while (true)
        {
            int next = Array.IndexOf(_data, (byte)0xFF, pos);
            if (next < 0 || next + 1 >= _data.Length) return _data.Length - start;
            byte after = _data[next + 1];
            if (after != 0 && after != 0xFF && after is not (>= 0xD0 and <= 0xD7)) return next - start;
            pos = next + 1;
        }
    }

    private Image Finish()
    {
        if (_components is null || _scans == 0) throw new ImageFormatException("no image data (missing frame or scan)");
        foreach (var c in _components)
        {
            if (c.Quant is null) throw new ImageFormatException($"component {c.Id} has no scan");
            long planeSize = (long)c.Stride * c.BlocksPerColumn * 8;
            if (_precision == 8) c.Samples = new byte[planeSize];
            else c.WideSamples = new ushort[planeSize];
            for (int by = 0; by < c.BlocksHigh; by++)
                for (int bx = 0; bx < c.BlocksWide; bx++)
                {
                    int offset = by * 8 * c.Stride + bx * 8;
                    if (_precision == 8) JpegIdct.Transform(c.Block(by, bx), c.Quant, c.Samples.AsSpan(offset), c.Stride);
                    else JpegIdct.Transform12(c.Block(by, bx), c.Quant, c.WideSamples.AsSpan(offset), c.Stride);
                }
            c.Coefficients = [];
        }
        if (_options.ApplyExifOrientation && _orientation != 1)
            _options.CheckMemory(_data.Length + 2 * ImageReadOptions.SampleBytes(_width, _height, _components.Length, 8), $"rotating a {_width}x{_height} JPEG");
        bool rgb = _components.Length == 3 && (_adobeTransform == 0 && !_sawJfif
            || _adobeTransform < 0 && !_sawJfif && _components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B');
        var image = JpegColorConverter.Convert(_components, _width, _height, rgb, _precision, ycck: _components.Length == 4 && _adobeTransform == 2);
        foreach (var c in _components) (c.Samples, c.WideSamples) = ([], []);
        return _options.ApplyExifOrientation ? ExifOrientation.Apply(image, _orientation) : image;
    }
}
