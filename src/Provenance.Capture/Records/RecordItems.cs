namespace Provenance.Capture.Records;

/// <summary>
/// The items of a record's <c>used</c>, <c>generated</c> or <c>derivations</c> field. Never changed once a
/// record holds it, so calls that use the same entities share one list, and a logger provider may keep
/// what it made of the list, by reference, for as long as the list lives (see <see cref="Runtime.LastCallReuse"/>).
/// </summary>
internal sealed class RecordItems(int capacity) : List<Dictionary<string, object?>>(capacity);
