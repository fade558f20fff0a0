namespace Provenance.Capture.Prov.Readers;

/// <summary>Run and subrun numbers as the records and filters compare them.</summary>
internal static class RunNumbers
{
    /// <summary>Normalises a run or subrun number for comparison (<c>01618</c> and <c>1618</c> are the same run).</summary>
    /// <param name="text">The number as written.</param>
    /// <returns>The canonical text.</returns>
    public static string Normalise(string text)
    {
        var trimmed = text.Trim();
        return long.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : trimmed;
    }
}
