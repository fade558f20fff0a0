namespace Provenance.Capture.Records;

/// <summary>
/// The record vocabulary, defined once and read by both the capture writer and the post-processor
/// readers. Field names follow the LST on-site analysis logs so the two stay mappable.
/// The README's "Record format" table documents each field.
/// </summary>
public static class RecordSchema
{
    /// <summary>The schema version written on every record.</summary>
    public const int Version = 1;

    /// <summary>The logger category records are written under.</summary>
    public const string Category = "Provenance";

    /// <summary>The message template of every record (CLEF <c>@mt</c>).</summary>
    public const string MessageTemplate = "PROV {prov_kind}";
}
