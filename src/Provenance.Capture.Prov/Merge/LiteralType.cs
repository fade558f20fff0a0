namespace Provenance.Capture.Prov.Merge;

/// <summary>XSD types of attribute values.</summary>
internal enum LiteralType
{
    String,
    Int,
    Long,
    Double,
    Boolean,
}
