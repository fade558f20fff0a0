namespace Provenance.Capture.Store;

/// <summary>What one value of a made row is.</summary>
internal enum RowCellKind : byte
{
    Null,
    Text,
    Number,
    Node,
}
