namespace SuperRes.Weights;

/// <summary>MATLAB array classes (the mxCLASS codes of the MAT-file v5 format).</summary>
public enum MatClass : byte
{
    Cell = 1,
    Struct = 2,
    Object = 3,
    Char = 4,
    Sparse = 5,
    Double = 6,
    Single = 7,
    Int8 = 8,
    UInt8 = 9,
    Int16 = 10,
    UInt16 = 11,
    Int32 = 12,
    UInt32 = 13,
    Int64 = 14,
    UInt64 = 15,
    Function = 16,
    Opaque = 17,

    /// <summary>Not a file code: a numeric array whose logical flag is set (stored as uint8).</summary>
    Logical = 100,
}
