namespace Provenance.Capture.Prov.Document;

/// <summary>The local parts of the qualified names the writers emit: letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
internal static class QualifiedNames
{
    /// <summary>Makes a text usable as the local part of a qualified name.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>Letters, digits, <c>_</c>, <c>-</c> and <c>.</c> only.</returns>
    public static string Sanitise(string text)
    {
        if (!text.AsSpan().ContainsAnyExcept(NameChars))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!IsNameChar(chars[i]))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    internal static bool IsNameChar(char c) => NameChars.Contains(c);
}
