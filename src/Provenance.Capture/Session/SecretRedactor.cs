using System.Text.RegularExpressions;

namespace Provenance.Capture.Session;

/// <summary>
/// Keeps secrets out of provenance: values of variables whose names suggest a secret are replaced,
/// and user info in URLs (proxy settings) is masked.
/// </summary>
internal static partial class SecretRedactor
{
    /// <summary>What replaces a redacted value.</summary>
    public const string Redacted = "***";

    private static readonly string[] SecretWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL", "AUTH"];

    /// <summary>Whether a variable name suggests a secret.</summary>
    /// <param name="name">Variable name.</param>
    /// <returns>True for names containing TOKEN, SECRET, PASSWORD, KEY, CREDENTIAL (any case).</returns>
    public static bool IsSecretName(string name)
    {
        foreach (var word in SecretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Redacts a variable's value as its name and content require.</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="value">Value.</param>
    /// <returns>The value safe to record.</returns>
    public static string Redact(string name, string value)
        => IsSecretName(name) ? Redacted : UserInfo().Replace(value, "${scheme}" + Redacted + "@");

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/@\s]+@")]
    private static partial Regex UserInfo();
}
