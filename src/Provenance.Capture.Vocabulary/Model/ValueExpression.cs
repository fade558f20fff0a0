using System.Text;

namespace Provenance.Capture.Model;

/// <summary>
/// A parsed value expression of the model: a path (<c>calibration.PedestalFile</c>,
/// <c>result.Dl1Path</c>), a template (<c>"{outputDir}/dl1_LST-1.Run{run:D5}.{subrun:D4}.h5"</c>)
/// or a literal. Parsed once when the model is loaded; compiled once per method.
/// </summary>
public sealed class ValueExpression
{
    private ValueExpression(string text, int line, IReadOnlyList<TemplatePart> parts)
    {
        Text = text;
        Line = line;
        Parts = parts;
    }

    /// <summary>The expression as written in the model.</summary>
    public string Text { get; }

    /// <summary>Line in the model file.</summary>
    public int Line { get; }

    /// <summary>
    /// The pieces: a single path piece for a plain expression; literal and path pieces for a template.
    /// </summary>
    internal IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>True when the expression is one path with no surrounding text (its value keeps its type).</summary>
    internal bool IsPath => Parts.Count == 1 && Parts[0].Path is not null;

    /// <summary>Every path the expression reads.</summary>
    internal IEnumerable<MemberPath> Paths => Parts.Where(p => p.Path is not null).Select(p => p.Path!);

    /// <summary>Parses an expression.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="line">Its line in the model, for messages.</param>
    /// <exception cref="FormatException">The expression is not well formed; the message says why.</exception>
    public static ValueExpression Parse(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("empty value expression");
        }

        if (!trimmed.Contains('{') && !trimmed.Contains('}'))
        {
            if (!MemberPath.TryParse(trimmed, out var path))
            {
                throw new FormatException($"'{text}' is neither a parameter path (name.Member) nor a template with {{...}}");
            }

            return new ValueExpression(text, line, [new TemplatePart(null, path, null)]);
        }

        return new ValueExpression(text, line, ParseTemplate(text));
    }

    private static List<TemplatePart> ParseTemplate(string text)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new FormatException($"unmatched '}}' at position {i + 1} of '{text}'");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                throw new FormatException($"'{{' at position {i + 1} of '{text}' is never closed");
            }

            if (literal.Length > 0)
            {
                parts.Add(new TemplatePart(literal.ToString(), null, null));
                literal.Clear();
            }

            var hole = text[(i + 1)..close];
            var colon = hole.IndexOf(':');
            var pathText = colon < 0 ? hole : hole[..colon];
            var format = colon < 0 ? null : hole[(colon + 1)..];
            if (!MemberPath.TryParse(pathText.Trim(), out var path))
            {
                throw new FormatException($"'{{{hole}}}' in '{text}' does not name a parameter path");
            }

            parts.Add(new TemplatePart(null, path, format));
            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(new TemplatePart(literal.ToString(), null, null));
        }

        return parts;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
