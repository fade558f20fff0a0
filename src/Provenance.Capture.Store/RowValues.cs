using System.Globalization;

namespace Provenance.Capture.Store;

/// <summary>How an element's attribute values become the values of its row's columns, whichever way the row is made.</summary>
internal static class RowValues
{
    private const string Incomplete = "incomplete";

    /// <summary>An activity's status from its status attribute's values: the first that is not "incomplete" (an ended call's), else "incomplete"; null for none.</summary>
    public static string? StatusOf(IEnumerable<string> statuses)
    {
        string? status = null;
        foreach (var text in statuses)
        {
            if (text != Incomplete)
            {
                return text;
            }

            status = Incomplete;
        }

        return status;
    }

    /// <summary>A column's number from an attribute's text; null when it is none.</summary>
    public static long? Number(string? text) => long.TryParse(text, CultureInfo.InvariantCulture, out var number) ? number : null;
}
