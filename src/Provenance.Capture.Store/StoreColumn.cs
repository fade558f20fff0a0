namespace Provenance.Capture.Store;

/// <summary>One column that ingest writes: its name and whether it holds a whole number (else text).</summary>
/// <param name="Name">The column's name.</param>
/// <param name="IsNumber">True for a 64-bit integer column, false for text.</param>
internal readonly record struct StoreColumn(string Name, bool IsNumber);
