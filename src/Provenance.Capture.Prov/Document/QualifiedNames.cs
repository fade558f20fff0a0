using System.Text;

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

    /// <summary>
    /// The local part of a qualified name that names the text and no other: a text of letters, digits, <c>_</c>,
    /// <c>-</c> and <c>.</c> is kept; in any other, each UTF-8 byte but those is percent-encoded as in an IRI
    /// (<c>s x</c>: <c>s%20x</c>, which PROV-N's local parts allow). A kept text holds no <c>%</c> and an
    /// encoded one always does, so two ids never share a name, as <see cref="Sanitise"/>'s would (<c>s x</c>
    /// and <c>s_x</c>); the prefix's namespace and the local part make the IRI of the text itself.
    /// </summary>
    /// <param name="text">An id.</param>
    /// <returns>Its local part.</returns>
    public static string LocalPart(string text)
        => !text.AsSpan().ContainsAnyExcept(NameChars) ? text : Encoding.ASCII.GetString(Escaped(Encoding.UTF8.GetBytes(text)));

    /// <summary>Whether <see cref="LocalPart(string)"/> keeps the text as it is.</summary>
    /// <param name="utf8">The text's UTF-8 bytes.</param>
    /// <returns>True when it holds only letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</returns>
    public static bool IsLocalPart(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (!IsNameChar((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The local part of a text that <see cref="IsLocalPart"/> does not keep, as ASCII bytes.</summary>
    /// <param name="utf8">The text's UTF-8 bytes.</param>
    /// <returns>Letters, digits, <c>_</c>, <c>-</c> and <c>.</c> as they are, every other byte as <c>%</c> and two upper-case hex digits.</returns>
    public static byte[] Escaped(ReadOnlySpan<byte> utf8)
    {
        var escapes = 0;
        foreach (var b in utf8)
        {
            escapes += IsNameChar((char)b) ? 0 : 1;
        }

        var escaped = new byte[utf8.Length + (2 * escapes)];
        var at = 0;
        foreach (var b in utf8)
        {
            if (IsNameChar((char)b))
            {
                escaped[at++] = b;
            }
            else
            {
                escaped[at++] = (byte)'%';
                escaped[at++] = (byte)"0123456789ABCDEF"[b >> 4];
                escaped[at++] = (byte)"0123456789ABCDEF"[b & 15];
            }
        }

        return escaped;
    }

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    internal static bool IsNameChar(char c) => NameChars.Contains(c);
}
