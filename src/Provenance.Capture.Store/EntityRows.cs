using System.Globalization;
using System.Text;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Store;

/// <summary>
/// The entities' rows of a merged graph made from its symbols (<see cref="Prov.Merge.MergedGraph.EntitiesTo"/>):
/// each attribute goes into its column or the row's JSON as <see cref="AttributesJson"/> decides for an element's,
/// without the element. The rows equal those made from <see cref="IProvGraph.Elements"/> (the tests compare the two).
/// </summary>
/// <param name="rows">Where the rows go.</param>
/// <param name="described">Takes each entity's label and description when it has both.</param>
internal sealed class EntityRows(RowPipe rows, Action<string, string> described) : EntityOutput
{
    private static readonly StoreTable Table = StoreTables.Entities;

    // The columns that hold an attribute, by the attribute's name in UTF-8, with their literal type in UTF-8 (empty: a plain text).
    private static readonly (byte[] Name, int Column, byte[] Type)[] Held =
        [.. Table.Columns.Select((c, i) => (c, i)).Where(p => p.c.Attribute is not null).Select(p => (Encoding.UTF8.GetBytes(p.c.Attribute!), p.i, Encoding.UTF8.GetBytes(p.c.LiteralType ?? string.Empty)))];

    private static readonly byte[] Description = "provcap:description"u8.ToArray();

    private readonly string?[] _texts = new string?[Table.Columns.Count];
    private readonly long?[] _numbers = new long?[Table.Columns.Count];
    private readonly List<(string Name, ProvLiteral Value)> _rest = [];
    private string? _id;
    private string? _description;

    public override void Start(ReadOnlySpan<byte> head, ReadOnlySpan<byte> local)
    {
        _id = string.Concat(Encoding.ASCII.GetString(head), Encoding.ASCII.GetString(local));
        Array.Clear(_texts);
        Array.Clear(_numbers);
        _rest.Clear();
        _description = null;
    }

    public override void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Text(name, Encoding.UTF8.GetString(value));

    public override void Text(ReadOnlySpan<byte> name, string value)
    {
        // A plain text: a text column keeps it alone (no literal made for it).
        if (ColumnOf(name) is var column and >= 0 && Table.Columns[column] is { Type: StoreColumnType.Text, LiteralType: null })
        {
            _texts[column] = value;
            return;
        }

        Literal(name, ProvLiteral.String(value));
    }

    public override void Literal(ReadOnlySpan<byte> name, ProvLiteral value)
    {
        if (name.SequenceEqual(Description))
        {
            _description = value.Text;
        }

        var column = ColumnOf(name);
        if (column >= 0)
        {
            // The column takes the value's text (a number its number) whether or not it keeps it alone, as an element's row does.
            if (Table.Columns[column].Type == StoreColumnType.Number)
            {
                _numbers[column] = long.TryParse(value.Text, CultureInfo.InvariantCulture, out var number) ? number : null;
            }
            else
            {
                _texts[column] = value.Text;
            }

            if (AttributesJson.HeldByColumn(Table.Columns[column], value))
            {
                return;
            }
        }

        _rest.Add((Encoding.UTF8.GetString(name), value));
    }

    public override void Number(ReadOnlySpan<byte> name, long value, ReadOnlySpan<byte> type)
    {
        // A number of its column's type: the column keeps it alone (a long's text reads back the same).
        if (HeldOf(name) is var held and >= 0 && Table.Columns[Held[held].Column].Type == StoreColumnType.Number && type.Length > 0 && type.SequenceEqual(Held[held].Type))
        {
            _numbers[Held[held].Column] = value;
            return;
        }

        Literal(name, new ProvLiteral(value.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(type)));
    }

    public override void End()
    {
        var id = _id ?? throw new InvalidOperationException("an entity ended that never started");
        for (var i = 0; i < Table.Columns.Count; i++)
        {
            var column = Table.Columns[i];
            _ = column.Type switch
            {
                StoreColumnType.Node => rows.Node(id),
                StoreColumnType.Number => rows.Number(_numbers[i]),
                _ when column.Attribute is null => rows.Text(AttributesJson.Write(_rest)),
                _ => rows.Text(_texts[i]),
            };
        }

        rows.EndRow();
        if (_description is { } description && _texts[Label] is { } label)
        {
            described(label, description);
        }
    }

    private static int Label { get; } = ColumnOf("prov:label"u8);

    private static int ColumnOf(ReadOnlySpan<byte> name) => HeldOf(name) is var held and >= 0 ? Held[held].Column : -1;

    // The index in Held of the attribute's column, -1 for none.
    private static int HeldOf(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Held.Length; i++)
        {
            if (name.SequenceEqual(Held[i].Name))
            {
                return i;
            }
        }

        return -1;
    }
}
