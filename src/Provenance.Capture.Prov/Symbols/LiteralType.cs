namespace Provenance.Capture.Prov.Symbols;

/// <summary>XSD types of attribute values.</summary>
internal enum LiteralType
{
    String,
    Int,
    Long,
    Double,
    Boolean,
    Float,
    Decimal,
    DateTime,
    Short,
    Byte,
    UnsignedByte,
    UnsignedShort,
    UnsignedInt,
    UnsignedLong,
}
