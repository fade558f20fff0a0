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

    /// <summary>An integer beyond 64 bits (Python's integers are unbounded, JSON's too), kept digit for digit.</summary>
    Integer,
}
