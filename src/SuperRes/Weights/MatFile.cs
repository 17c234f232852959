using System.Text;

namespace SuperRes.Weights;

/// <summary>
/// A MATLAB MAT-file, level 5 (version 0x0100, little endian), read fully into memory.
/// Supports numeric, logical, char, cell and struct arrays, compressed (miCOMPRESSED) or not.
/// Format: "MAT-File Format", The MathWorks, 2019, chapter 1.
/// </summary>
public sealed class MatFile
{
    private const int HeaderSize = 128;

    private MatFile(string headerText, IReadOnlyList<MatArray> variables)
    {
        HeaderText = headerText;
        Variables = variables;
    }

    /// <summary>The descriptive text of the 128-byte header, trailing blanks removed.</summary>
    public string HeaderText { get; }

    /// <summary>The top-level variables, in file order.</summary>
    public IReadOnlyList<MatArray> Variables { get; }

    /// <summary>The variable named <paramref name="name"/>, or null.</summary>
    public MatArray? Find(string name) => Variables.FirstOrDefault(v => v.Name == name);

    public static MatFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"MAT-file not found: {path}", path);
        if (info.Length > Array.MaxLength) throw new MatFileException(path, $"file of {info.Length} bytes is too large to read.");
        return Read(File.ReadAllBytes(path), path);
    }

    public static MatFile Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Read(memory.ToArray(), fileName);
    }

    /// <summary>Parses a whole MAT-file held in <paramref name="bytes"/>; <paramref name="fileName"/> names it in errors.</summary>
    public static MatFile Read(byte[] bytes, string fileName)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < HeaderSize)
            throw new MatFileException(fileName, $"truncated header: {bytes.Length} bytes, a MAT-file starts with {HeaderSize}.");
        char e0 = (char)bytes[126], e1 = (char)bytes[127];
        int version = bytes[124] | (bytes[125] << 8);
        if (e0 == 'M' && e1 == 'I')
            throw new MatFileException(fileName, "big-endian MAT-files are not supported.");
        if (e0 != 'I' || e1 != 'M')
            throw new MatFileException(fileName, $"not a MAT-file v5: endian indicator is 0x{bytes[126]:X2}{bytes[127]:X2}, expected 'IM'.");
        if (version != 0x0100)
            throw new MatFileException(fileName, $"unsupported MAT-file version 0x{version:X4} (only 0x0100, level 5; v7.3 files are HDF5).");
        string text = Encoding.ASCII.GetString(bytes, 0, 116).TrimEnd(' ', '\0');
        var reader = new MatReader(fileName);
        return new MatFile(text, reader.ReadElements(bytes, HeaderSize, bytes.Length, "file"));
    }
}
