using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>
/// Where a merge puts an entity it writes straight from its symbols: the id as a head and a local part,
/// then its attributes in ordinal order of their names, one value each. Each format makes of it what it
/// makes of the <see cref="ProvElement"/> with those attributes (tested equal).
/// </summary>
internal abstract class EntityOutput
{
    /// <summary>Starts an entity.</summary>
    /// <param name="head">The id's head, e.g. <c>ent:</c>.</param>
    /// <param name="local">The id's local part.</param>
    public abstract void Start(ReadOnlySpan<byte> head, ReadOnlySpan<byte> local);

    /// <summary>A plain string attribute.</summary>
    /// <param name="name">The attribute's qualified name.</param>
    /// <param name="value">The text, in UTF-8.</param>
    public abstract void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    /// <summary>A plain string attribute.</summary>
    /// <param name="name">The attribute's qualified name.</param>
    /// <param name="value">The text.</param>
    public abstract void Text(ReadOnlySpan<byte> name, string value);

    /// <summary>Any literal attribute.</summary>
    /// <param name="name">The attribute's qualified name.</param>
    /// <param name="value">The literal.</param>
    public abstract void Literal(ReadOnlySpan<byte> name, ProvLiteral value);

    /// <summary>An integer typed literal, e.g. <c>"12" %% xsd:long</c>.</summary>
    /// <param name="name">The attribute's qualified name.</param>
    /// <param name="value">The number.</param>
    /// <param name="type">Its type.</param>
    public abstract void Number(ReadOnlySpan<byte> name, long value, ReadOnlySpan<byte> type);

    /// <summary>Ends the entity.</summary>
    public abstract void End();
}

/// <summary>An entity as a PROV-JSON member.</summary>
/// <param name="json">The text.</param>
internal sealed class JsonEntityOutput(JsonText json) : EntityOutput
{
    public override void Start(ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
    {
        json.QualifiedName(head, local);
        json.StartObject();
    }

    public override void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => json.String(name, value);

    public override void Text(ReadOnlySpan<byte> name, string value) => json.String(name, value);

    public override void Literal(ReadOnlySpan<byte> name, ProvLiteral value) => ProvJsonWriter.WriteLiteral(json, name, value);

    public override void Number(ReadOnlySpan<byte> name, long value, ReadOnlySpan<byte> type)
    {
        json.StartObject(name);
        json.NumberText("$"u8, value);
        json.String("type"u8, type);
        json.EndObject();
    }

    public override void End() => json.EndObject();
}
