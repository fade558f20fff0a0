using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;

namespace Provenance.Capture.Store;

/// <summary>
/// The activities' rows of a merged graph made from the calls that would have set each element's attributes
/// (<see cref="MergedGraph.ActivitiesTo"/>): each attribute goes into its column or the row's JSON as
/// <see cref="AttributesJson"/> decides for an element's, without the element. The rows equal those made from
/// <see cref="IProvGraph.Elements"/> (the tests compare the two).
/// </summary>
/// <param name="rows">Where the rows go.</param>
/// <param name="sessions">Each activity's session agent, by the activity's id.</param>
/// <param name="described">Takes each activity's label and description when it has both.</param>
internal sealed class ActivityRows(RowPipe rows, IReadOnlyDictionary<string, string> sessions, Action<string, string> described)
{
    private static readonly StoreTable Table = StoreTables.Activities;

    private readonly List<(string Name, ProvLiteral Value)> _rest = [];
    private string? _label;
    private string? _status;
    private long? _run;
    private long? _subrun;
    private string? _date;
    private string? _description;

    /// <summary>Makes one activity's row.</summary>
    public void Add(string id, DateTimeOffset? start, DateTimeOffset? end, DirectAttributes attributes)
    {
        _rest.Clear();
        (_label, _status, _run, _subrun, _date, _description) = (null, null, null, null, null, null);
        attributes.Resolve(this, static (row, name, values) => row.Attribute(name, values));
        rows.Node(id).Text(_label).Text(StoreTime.Format(start)).Text(StoreTime.Format(end)).Text(_status).Number(_run).Number(_subrun)
            .Text(_date).Node(sessions.GetValueOrDefault(id)).Text(AttributesJson.Write(_rest)).EndRow();
        if (_description is { } description && _label is { } label)
        {
            described(label, description);
        }
    }

    // An attribute's first value fills its column (the status: the end's); the attribute goes into the JSON unless the column keeps it alone.
    private void Attribute(string name, List<object> values)
    {
        // The first value's literal made once (a plain text becomes a new literal each time it is asked for).
        var literal = AttributeValues.LiteralOf(values[0]);
        var first = literal.Text;
        switch (name)
        {
            case "prov:label":
                _label = first;
                break;
            case "provcap:status":
                _status = RowValues.StatusOf(values.Select(v => AttributeValues.LiteralOf(v).Text));
                break;
            case "provcap:run":
                _run = RowValues.Number(first);
                break;
            case "provcap:subrun":
                _subrun = RowValues.Number(first);
                break;
            case "provcap:observation_date":
                _date = first;
                break;
            case "provcap:description":
                _description = first;
                break;
        }

        if (values.Count == 1 && Table.HeldColumn(name) is { } column && AttributesJson.HeldByColumn(column, literal))
        {
            return;
        }

        _rest.Add((name, literal));
        for (var i = 1; i < values.Count; i++)
        {
            _rest.Add((name, AttributeValues.LiteralOf(values[i])));
        }
    }
}
