using System.Text.Json.Serialization;

namespace SuperRes.Models;

/// <summary>
/// Serialization code for the architectures' options, generated at build time: reading a model
/// file's options by reflection JIT-compiled some 30 ms of the serializer's generic and emitted
/// code on every start of the command, before the first image.
/// </summary>
[JsonSerializable(typeof(LapSrnOptions))]
[JsonSerializable(typeof(SrcnnOptions))]
[JsonSerializable(typeof(FsrcnnOptions))]
[JsonSerializable(typeof(VdsrOptions))]
[JsonSerializable(typeof(EdsrOptions))]
[JsonSerializable(typeof(RrdbNetOptions))]
[JsonSerializable(typeof(SrVggNetCompactOptions))]
[JsonSerializable(typeof(SpanOptions))]
[JsonSerializable(typeof(ResUNetOptions))]
[JsonSerializable(typeof(ResUNetLrOptions))]
internal sealed partial class ModelOptionsJsonContext : JsonSerializerContext;
