namespace SuperRes.Imaging.Jpeg;

/// <summary>What one entropy coding (Huffman or arithmetic) does at each block of a scan and at each restart marker.</summary>
internal interface IJpegBlockDecoder
{
    /// <summary>Decodes the block at (<paramref name="row"/>, <paramref name="col"/>) of the component at <paramref name="index"/> in the scan.</summary>
    void DecodeBlock(JpegComponent component, int row, int col, int index);

    /// <summary>Resynchronises at a restart marker: predictors (and the coder's state) start over.</summary>
    void Restart();
}
