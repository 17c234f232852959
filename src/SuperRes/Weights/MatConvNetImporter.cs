namespace SuperRes.Weights;

/// <summary>
/// Reads a MatConvNet DagNN saved with <c>net.saveobj()</c> (a struct <c>net</c> with fields
/// <c>layers</c> and <c>params</c>) and converts the filters from MATLAB's column-major
/// H x W x C1 x C2 to PyTorch's row-major [C2, C1, H, W]: a Conv filter (H x W x IN x OUT) becomes
/// [out, in, kh, kw]; a ConvTranspose filter (H x W x OUT x IN) becomes [in, out, kh, kw].
/// MatConvNet: Vedaldi and Lenc, "MatConvNet: Convolutional Neural Networks for MATLAB", ACM MM 2015.
/// </summary>
public static class MatConvNetImporter
{
    public static DagNetwork Load(string path) => FromMatFile(MatFile.Read(path), path);

    public static DagNetwork FromMatFile(MatFile file, string fileName)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Find("net") is not MatStructArray net)
            throw new MatFileException(fileName, "no struct variable 'net' (expected a MatConvNet DagNN saved with saveobj).");
        var layersArray = Field<MatStructArray>(net, "layers", fileName);
        var paramsArray = Field<MatStructArray>(net, "params", fileName);

        var layers = new List<DagLayer>();
        for (int i = 0; i < layersArray.Count; i++)
        {
            var block = new Dictionary<string, MatArray>(StringComparer.Ordinal);
            if (layersArray[i, "block"] is MatStructArray b && b.Count > 0)
                foreach (var f in b.FieldNames) block[f] = b[f];
            layers.Add(new DagLayer(
                Text(layersArray[i, "name"], fileName, "layer name"),
                Text(layersArray[i, "type"], fileName, "layer type"),
                Strings(layersArray[i, "inputs"], fileName),
                Strings(layersArray[i, "outputs"], fileName),
                Strings(layersArray[i, "params"], fileName),
                block));
        }

        // Which 4-D layout each filter has comes from the layer using it: block.size gives the full
        // size even when MATLAB dropped trailing singleton dimensions (3x3x64x1 is stored as 3x3x64).
        var filterSizes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var layer in layers)
            if (layer.Type is "dagnn.Conv" or "dagnn.ConvTranspose" && layer.Params.Count > 0 && layer.GetInts("size") is { Length: 4 } size)
                filterSizes[layer.Params[0]] = size;

        var parameters = new Dictionary<string, DagParam>(StringComparer.Ordinal);
        for (int i = 0; i < paramsArray.Count; i++)
        {
            string name = Text(paramsArray[i, "name"], fileName, "param name");
            if (paramsArray[i, "value"] is not MatNumericArray value)
                throw new MatFileException(fileName, $"param '{name}' has no numeric value.");
            var dims = value.Dimensions.ToArray();
            var data = value.ToSingleArray();
            if (filterSizes.TryGetValue(name, out var size))
            {
                if ((long)size[0] * size[1] * size[2] * size[3] != data.Length)
                    throw new MatFileException(fileName, $"param '{name}' holds {data.Length} values, its layer's size [{string.Join(' ', size)}] needs {(long)size[0] * size[1] * size[2] * size[3]}.");
                parameters[name] = new DagParam(name, ToRowMajor(data, size), [size[3], size[2], size[0], size[1]], dims);
            }
            else
            {
                parameters[name] = new DagParam(name, data, [data.Length], dims);
            }
        }
        foreach (var layer in layers)
            foreach (var p in layer.Params)
                if (!parameters.ContainsKey(p))
                    throw new MatFileException(fileName, $"layer '{layer.Name}' uses param '{p}', which the file does not hold.");
        return new DagNetwork(layers, parameters);
    }

    /// <summary>Column-major [d0, d1, d2, d3] to row-major [d3, d2, d0, d1].</summary>
    internal static float[] ToRowMajor(float[] m, int[] d)
    {
        var t = new float[m.Length];
        for (int o = 0; o < d[3]; o++)
            for (int c = 0; c < d[2]; c++)
                for (int y = 0; y < d[0]; y++)
                    for (int x = 0; x < d[1]; x++)
                        t[((o * d[2] + c) * d[0] + y) * d[1] + x] = m[y + d[0] * (x + d[1] * (c + d[2] * o))];
        return t;
    }

    private static T Field<T>(MatStructArray s, string field, string fileName) where T : MatArray =>
        s.HasField(field) && s[field] is T t ? t : throw new MatFileException(fileName, $"'net.{field}' is missing or not a {typeof(T).Name}.");

    private static string Text(MatArray a, string fileName, string what) =>
        a is MatCharArray c ? c.Value : throw new MatFileException(fileName, $"{what} is a {a.Class} array, expected char.");

    private static string[] Strings(MatArray a, string fileName) => a switch
    {
        MatCellArray cell => cell.Cells.Select(x => Text(x, fileName, "cell entry")).ToArray(),
        MatCharArray c => [c.Value],
        _ when a.IsEmpty => [],
        _ => throw new MatFileException(fileName, $"expected a cell array of names, found {a.Class}."),
    };
}
