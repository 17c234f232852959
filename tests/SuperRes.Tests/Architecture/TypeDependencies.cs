using System.Reflection;
using System.Reflection.Emit;

namespace SuperRes.Tests.Architecture;

/// <summary>
/// The types a compiled type uses: its base type, interfaces, attributes, fields, properties,
/// signatures, and every type, method and field its IL names (nested and compiler-generated types
/// such as lambdas' closures included), read from the assembly rather than the source.
/// </summary>
internal static class TypeDependencies
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every type <paramref name="type"/> uses, generic arguments and element types unwrapped.</summary>
    public static HashSet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter || !found.Add(t)) return;
            if (t.HasElementType) Add(t.GetElementType());
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var a in t.GetGenericArguments()) Add(a);
            }
        }
        void AddMember(MemberInfo? member)
        {
            switch (member)
            {
                case Type t: Add(t); break;
                case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
                case MethodBase m:
                    Add(m.DeclaringType);
                    foreach (var p in m.GetParameters()) Add(p.ParameterType);
                    if (m is MethodInfo mi) Add(mi.ReturnType);
                    if (m.IsGenericMethod) foreach (var a in m.GetGenericArguments()) Add(a);
                    break;
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var a in type.GetCustomAttributesData()) Add(a.AttributeType);
        foreach (var f in type.GetFields(Everything)) AddMember(f);
        foreach (var p in type.GetProperties(Everything)) Add(p.PropertyType);
        foreach (var e in type.GetEvents(Everything)) Add(e.EventHandlerType);
        foreach (var m in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            AddMember(m);
            foreach (var a in m.GetCustomAttributesData()) Add(a.AttributeType);
            var body = m.GetMethodBody();
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType);
            foreach (var token in MemberTokens(body.GetILAsByteArray() ?? []))
                AddMember(type.Module.ResolveMember(token,
                    type.IsGenericType ? type.GetGenericArguments() : null,
                    m.IsGenericMethod ? m.GetGenericArguments() : null));
        }
        return found;
    }

    /// <summary>The metadata tokens of the field, method, type and ldtoken operands in an IL body.</summary>
    private static IEnumerable<int> MemberTokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[i++]));
            if (!OpCodesByValue.TryGetValue(value, out var op))
                throw new InvalidOperationException($"unknown IL opcode 0x{value:X} at {i}.");
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return BitConverter.ToInt32(il, i);
                    i += 4;
                    break;
                default: i += 4; break;
            }
        }
    }
}
