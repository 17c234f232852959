namespace SuperRes.Compression;

/// <summary>
/// Length-limited canonical Huffman codes for deflate (RFC 1951 §3.2.2): code lengths from symbol
/// frequencies (Huffman's, then lengthened where they pass the limit), and the codes those lengths
/// give, bit-reversed because deflate packs codes from their first bit into the low bits of a byte.
/// </summary>
internal static class HuffmanCode
{
    /// <summary>
    /// Writes into <paramref name="lengths"/> a code length for each symbol: 0 for a symbol of
    /// frequency 0, otherwise at most <paramref name="maxBits"/>. The code is always complete (its
    /// Kraft sum is exactly 1), as strict inflaters require: a single used symbol gets length 1,
    /// and so does one unused symbol beside it. Within the limit the lengths are Huffman's (the
    /// fewest bits for these frequencies); past it, the deepest leaves are moved up and shorter
    /// codes lengthened until the sum is 1 again (the least frequent symbols get the longest codes).
    /// </summary>
    public static void Lengths(ReadOnlySpan<int> frequencies, int maxBits, Span<byte> lengths)
    {
        if (lengths.Length < frequencies.Length) throw new ArgumentException("One length per symbol is needed.", nameof(lengths));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBits, 15);
        lengths.Clear();
        Span<int> symbols = stackalloc int[frequencies.Length];
        int used = 0;
        for (int s = 0; s < frequencies.Length; s++)
            if (frequencies[s] > 0) symbols[used++] = s;
        if (used == 0) return;
        if (used == 1)
        {
            if (frequencies.Length < 2) throw new ArgumentException("A complete code needs at least two symbols.", nameof(frequencies));
            lengths[symbols[0]] = 1;
            lengths[symbols[0] == 0 ? 1 : 0] = 1;
            return;
        }
        if ((long)used > 1L << maxBits) throw new ArgumentException($"{used} symbols do not fit in codes of {maxBits} bits.", nameof(frequencies));

        // Leaves by frequency, then symbol (one long each, frequency above symbol, for a plain sort):
        // the order fixes the result, and the longest codes go to the first ones.
        var ordered = new long[used];
        for (int k = 0; k < used; k++) ordered[k] = (long)frequencies[symbols[k]] << 32 | (uint)symbols[k];
        Array.Sort(ordered);

        // Huffman's tree by the two-queue method: leaves in order, internal nodes in the order they are made.
        // Nodes 0..used-1 are the leaves, used.. the internal nodes; the last one made is the root.
        int nodes = 2 * used - 1;
        var weight = new long[nodes];
        var parent = new int[nodes];
        for (int k = 0; k < used; k++) weight[k] = ordered[k] >> 32;
        int nextLeaf = 0, nextInternal = used, made = used;
        int Smallest() => nextLeaf < used && (nextInternal >= made || weight[nextLeaf] <= weight[nextInternal]) ? nextLeaf++ : nextInternal++;
        while (made < nodes)
        {
            int a = Smallest(), b = Smallest();
            weight[made] = weight[a] + weight[b];
            parent[a] = parent[b] = made;
            made++;
        }
        var depth = new int[nodes];
        for (int node = nodes - 2; node >= 0; node--) depth[node] = depth[parent[node]] + 1;

        // Leaves per length, those past the limit counted at the limit; then restore a Kraft sum of 1:
        // each step takes one leaf off the deepest level and splits a leaf of the deepest shorter level
        // into two one level down, which lowers the sum by one unit of 2^-maxBits.
        Span<int> count = stackalloc int[maxBits + 1];
        for (int k = 0; k < used; k++) count[Math.Min(depth[k], maxBits)]++;
        long total = 0;
        for (int length = 1; length <= maxBits; length++) total += (long)count[length] << (maxBits - length);
        while (total > 1L << maxBits)
        {
            count[maxBits]--;
            for (int length = maxBits - 1; length > 0; length--)
            {
                if (count[length] == 0) continue;
                count[length]--;
                count[length + 1] += 2;
                break;
            }
            total--;
        }

        int next = 0;
        for (int length = maxBits; length >= 1; length--)
            for (int k = 0; k < count[length]; k++) lengths[(int)ordered[next++]] = (byte)length;
    }

    /// <summary>
    /// The canonical code of each symbol (RFC 1951 §3.2.2: shorter codes first, then by symbol),
    /// bit-reversed into <paramref name="codes"/>, ready to be written from the low bit up.
    /// </summary>
    public static void ReversedCodes(ReadOnlySpan<byte> lengths, Span<ushort> codes)
    {
        if (codes.Length < lengths.Length) throw new ArgumentException("One code per symbol is needed.", nameof(codes));
        Span<int> count = stackalloc int[16];
        foreach (byte length in lengths)
        {
            if (length > 15) throw new ArgumentException($"Code length {length} is over 15.", nameof(lengths));
            count[length]++;
        }
        count[0] = 0;
        Span<int> next = stackalloc int[16];
        int code = 0;
        for (int length = 1; length <= 15; length++)
        {
            code = (code + count[length - 1]) << 1;
            next[length] = code;
        }
        for (int s = 0; s < lengths.Length; s++)
        {
            int length = lengths[s];
            codes[s] = length == 0 ? (ushort)0 : Reverse(next[length]++, length);
        }
    }

    /// <summary>The low <paramref name="bits"/> bits of <paramref name="code"/> in reverse order.</summary>
    public static ushort Reverse(int code, int bits)
    {
        int reversed = 0;
        for (int k = 0; k < bits; k++, code >>= 1) reversed = reversed << 1 | (code & 1);
        return (ushort)reversed;
    }
}
