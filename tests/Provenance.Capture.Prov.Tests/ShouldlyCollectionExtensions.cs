namespace Provenance.Capture.Prov.Tests;

internal static class ShouldlyCollectionExtensions
{
    public static T ShouldHaveSingleItem<T>(this IEnumerable<T> items, Func<T, bool> predicate) => items.Where(predicate).ShouldHaveSingleItem();
}
