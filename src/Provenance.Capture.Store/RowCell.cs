namespace Provenance.Capture.Store;

/// <summary>One value of a made row: a text or a node's id in <paramref name="Text"/>, a number or a node's number in <paramref name="Number"/>.</summary>
internal readonly record struct RowCell(RowCellKind Kind, string? Text, long Number);
