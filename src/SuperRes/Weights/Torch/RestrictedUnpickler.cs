using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace SuperRes.Weights.Torch;

/// <summary>
/// A data-only pickle reader for PyTorch checkpoints. It understands the opcodes <c>torch.save</c>
/// writes (protocols 2 to 5) and builds plain values: strings, numbers, lists, tuples, dicts,
/// storages and tensor views. A global is accepted only when it is on the allowlist
/// (<c>collections.OrderedDict</c>, <c>torch._utils._rebuild_tensor_v2</c>,
/// <c>torch._utils._rebuild_parameter</c> and the <c>torch.*Storage</c> types); any other global is
/// refused by name, and nothing is ever called or imported, so a malicious pickle cannot run code.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private static readonly HashSet<string> AllowedCallables =
        ["collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter"];

    /// <summary>The storage types whose data we can convert to float32.</summary>
    internal static readonly HashSet<string> StorageTypes = ["FloatStorage", "HalfStorage", "BFloat16Storage"];

    private readonly byte[] _data;
    private readonly string _file;
    private readonly Stack<object?> _stack = new();
    private readonly Stack<Stack<object?>> _marks = new();
    private readonly Dictionary<long, object?> _memo = [];
    private int _pos;

    private RestrictedUnpickler(byte[] data, string file)
    {
        _data = data;
        _file = file;
    }

    /// <summary>Reads one pickle; <paramref name="file"/> names it in errors.</summary>
    public static object? Load(byte[] data, string file) => new RestrictedUnpickler(data, file).Run();

    private object? Run()
    {
        while (true)
        {
            byte op = ReadByte();
            switch (op)
            {
                case 0x80: ReadByte(); break; // PROTO
                case 0x95: Take(8); break; // FRAME
                case (byte)'.': return Pop(); // STOP
                case (byte)'(': _marks.Push(new Stack<object?>(_stack.Reverse())); _stack.Clear(); break; // MARK
                case (byte)'N': _stack.Push(null); break;
                case 0x88: _stack.Push(true); break;
                case 0x89: _stack.Push(false); break;
                case (byte)'}': _stack.Push(new PickleDict()); break;
                case (byte)']': _stack.Push(new List<object?>()); break;
                case (byte)')': _stack.Push(new PickleTuple([])); break;
                case (byte)'J': _stack.Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
                case (byte)'K': _stack.Push((long)ReadByte()); break;
                case (byte)'M': _stack.Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
                case 0x8a: _stack.Push(ReadLong(ReadByte())); break; // LONG1
                case (byte)'G': _stack.Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
                case (byte)'X': _stack.Push(Utf8(ReadLength(4))); break;
                case 0x8c: _stack.Push(Utf8(ReadByte())); break;
                case 0x8d: _stack.Push(Utf8(ReadLength(8))); break;
                case (byte)'U': _stack.Push(Encoding.Latin1.GetString(Take(ReadByte()))); break;
                case (byte)'T': _stack.Push(Encoding.Latin1.GetString(Take(ReadLength(4)))); break;
                case (byte)'C': _stack.Push(Take(ReadByte()).ToArray()); break;
                case (byte)'B': _stack.Push(Take(ReadLength(4)).ToArray()); break;
                case (byte)'c': _stack.Push(Global(ReadLine(), ReadLine())); break;
                case 0x93: // STACK_GLOBAL
                {
                    var name = Pop() as string; var module = Pop() as string;
                    if (name is null || module is null) throw Bad("STACK_GLOBAL needs two strings");
                    _stack.Push(Global(module, name));
                    break;
                }
                case (byte)'t': _stack.Push(new PickleTuple(PopMark())); break;
                case 0x85: _stack.Push(new PickleTuple([Pop()])); break;
                case 0x86: { var b = Pop(); var a = Pop(); _stack.Push(new PickleTuple([a, b])); break; }
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); _stack.Push(new PickleTuple([a, b, c])); break; }
                case (byte)'a': { var v = Pop(); AsList(Peek()).Add(v); break; }
                case (byte)'e': { var items = PopMark(); AsList(Peek()).AddRange(items); break; }
                case (byte)'s': { var v = Pop(); var k = Pop(); AsDict(Peek()).Set(Key(k), v); break; }
                case (byte)'u':
                {
                    var items = PopMark();
                    if (items.Length % 2 != 0) throw Bad("SETITEMS with an odd number of items");
                    var dict = AsDict(Peek());
                    for (int i = 0; i < items.Length; i += 2) dict.Set(Key(items[i]), items[i + 1]);
                    break;
                }
                case (byte)'q': _memo[ReadByte()] = Peek(); break;
                case (byte)'r': _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break;
                case 0x94: _memo[_memo.Count] = Peek(); break;
                case (byte)'h': _stack.Push(Memo(ReadByte())); break;
                case (byte)'j': _stack.Push(Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break;
                case (byte)'Q': _stack.Push(PersistentLoad(Pop())); break; // BINPERSID
                case (byte)'R': { var args = Pop(); var f = Pop(); _stack.Push(Reduce(f, args)); break; }
                case (byte)'b': Pop(); break; // BUILD: object state (e.g. a state dict's _metadata) is data we do not need
                default:
                    throw Bad($"unsupported pickle opcode 0x{op:x2} at byte {_pos - 1}");
            }
        }
    }

    private object Global(string module, string name)
    {
        string full = module + "." + name;
        bool storage = module == "torch" && StorageTypes.Contains(name);
        if (!storage && !AllowedCallables.Contains(full))
            throw new TorchCheckpointException(_file,
                $"refused pickle global '{full}': only tensors and dicts are read from checkpoints, never code.");
        return new PickleGlobal(module, name);
    }

    private object? Reduce(object? callable, object? args)
    {
        if (callable is not PickleGlobal g || args is not PickleTuple t) throw Bad("REDUCE needs an allowed global and a tuple");
        var a = t.Items;
        switch (g.FullName)
        {
            case "collections.OrderedDict":
                if (a.Length != 0) throw Bad("OrderedDict with constructor arguments");
                return new PickleDict();
            case "torch._utils._rebuild_parameter":
                if (a.Length < 1 || a[0] is not TorchTensorRef) throw Bad("_rebuild_parameter without a tensor");
                return a[0];
            case "torch._utils._rebuild_tensor_v2":
            {
                if (a.Length < 4 || a[0] is not TorchStorageRef s || a[1] is not long offset)
                    throw Bad("_rebuild_tensor_v2 with unexpected arguments");
                var size = Longs(a[2]).Select(v => v is >= 0 and <= int.MaxValue ? (int)v : throw Bad($"tensor dimension {v} out of range")).ToArray();
                var stride = Longs(a[3]);
                if (stride.Length != size.Length) throw Bad("tensor size and stride differ in rank");
                return new TorchTensorRef(s, offset, size, stride);
            }
            default:
                throw Bad($"'{g.FullName}' is not callable here");
        }
    }

    private TorchStorageRef PersistentLoad(object? pid)
    {
        // ('storage', <storage type global>, key, location, numel)
        if (pid is not PickleTuple { Items: ["storage", PickleGlobal type, string key, _, long numel] })
            throw Bad("persistent id is not a ('storage', type, key, location, numel) tuple");
        if (numel < 0) throw Bad($"storage '{key}' has a negative size");
        return new TorchStorageRef(type.Name, key, numel);
    }

    private long[] Longs(object? o) => o is PickleTuple t
        ? t.Items.Select(v => v is long l ? l : throw Bad("tensor size or stride is not an integer")).ToArray()
        : throw Bad("tensor size or stride is not a tuple");

    private object Key(object? k) => k ?? throw Bad("dict key is None");

    private List<object?> AsList(object? o) => o as List<object?> ?? throw Bad("APPEND to a non-list");

    private PickleDict AsDict(object? o) => o as PickleDict ?? throw Bad("SETITEM on a non-dict");

    private object? Memo(long index) => _memo.TryGetValue(index, out var v) ? v : throw Bad($"memo entry {index} is missing");

    private object? Pop() => _stack.Count > 0 ? _stack.Pop() : throw Bad("stack underflow");

    private object? Peek() => _stack.Count > 0 ? _stack.Peek() : throw Bad("stack underflow");

    private object?[] PopMark()
    {
        if (_marks.Count == 0) throw Bad("no MARK");
        var items = _stack.Reverse().ToArray();
        _stack.Clear();
        foreach (var v in _marks.Pop().Reverse()) _stack.Push(v);
        return items;
    }

    private object ReadLong(int n)
    {
        var bytes = Take(n);
        var v = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return v >= long.MinValue && v <= long.MaxValue ? (long)v : throw Bad("integer too large");
    }

    private int ReadLength(int bytes)
    {
        ulong n = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Take(4)) : BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
        if (n > (ulong)(_data.Length - _pos)) throw Bad($"a {n}-byte string runs past the end of the pickle");
        return (int)n;
    }

    private string Utf8(int n) => Encoding.UTF8.GetString(Take(n));

    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0) throw Bad("unterminated GLOBAL");
        string s = Encoding.ASCII.GetString(_data, _pos, end - _pos);
        _pos = end + 1;
        return s;
    }

    private byte ReadByte() => _pos < _data.Length ? _data[_pos++] : throw Bad("pickle ends early");

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || n > _data.Length - _pos) throw Bad("pickle ends early");
        var s = _data.AsSpan(_pos, n);
        _pos += n;
        return s;
    }

    private TorchCheckpointException Bad(string problem) => new(_file, "malformed pickle: " + problem);
}
