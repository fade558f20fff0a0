namespace Provenance.Capture.Model;

/// <summary>A root name (a parameter or <c>result</c>) followed by member names.</summary>
/// <param name="Root">Parameter name, or <c>result</c> for the return value.</param>
/// <param name="Members">Property or field names, in order.</param>
internal sealed record MemberPath(string Root, IReadOnlyList<string> Members)
{
    /// <summary>The name that stands for the method's return value.</summary>
    public const string ResultRoot = "result";

    /// <summary>Whether the path reads the return value.</summary>
    public bool ReadsResult => Root == ResultRoot;

    /// <summary>Parses <c>name(.member)*</c>.</summary>
    /// <param name="text">The path text.</param>
    /// <param name="path">The parsed path.</param>
    /// <returns>Whether the text is a path.</returns>
    public static bool TryParse(string text, out MemberPath path)
    {
        path = null!;
        var names = text.Split('.');
        foreach (var name in names)
        {
            if (!IsIdentifier(name))
            {
                return false;
            }
        }

        path = new MemberPath(names[0], names[1..]);
        return true;
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Members.Count == 0 ? Root : Root + "." + string.Join('.', Members);
}
