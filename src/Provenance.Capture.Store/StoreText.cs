using System.Text.RegularExpressions;

namespace Provenance.Capture.Store;

/// <summary>Texts of the store shown to users.</summary>
internal static partial class StoreText
{
    /// <summary>A connection string fit for a message: its password masked.</summary>
    public static string MaskPassword(string connection) => Password().Replace(connection, "$1=***");

    [GeneratedRegex(@"\b(password|pwd)\s*=\s*[^;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Password();
}
