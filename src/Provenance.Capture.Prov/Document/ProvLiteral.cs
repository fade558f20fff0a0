namespace Provenance.Capture.Prov.Document;

/// <summary>A literal attribute value with its XSD (or PROV) type.</summary>
/// <param name="Text">Lexical form.</param>
/// <param name="Type">Qualified type name, e.g. <c>xsd:int</c>; null for a plain string.</param>
public sealed record ProvLiteral(string Text, string? Type = null)
{
    /// <summary>A plain string.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The literal.</returns>
    public static ProvLiteral String(string text) => new(text);

    /// <summary>A qualified name such as <c>prov:Collection</c> (typed xsd:QName).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The literal.</returns>
    public static ProvLiteral QName(string name) => new(name, "xsd:QName");

    /// <summary>An xsd:dateTime with UTC offset.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The literal.</returns>
    public static ProvLiteral DateTime(DateTimeOffset time) => new(ProvTime.Format(time), "xsd:dateTime");
}
