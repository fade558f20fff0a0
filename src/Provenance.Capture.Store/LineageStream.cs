using System.Data.Common;

namespace Provenance.Capture.Store;

/// <summary>
/// A lineage read as it comes from the store: <see cref="Nodes"/> yields each node as its row arrives (the
/// nodes of a walk of hundreds of thousands are not held, only their ids, for the relations), <see cref="Edges"/>
/// follows once the nodes were read. The walk is one recursive query; its relations come first, so that each
/// node's depth and whether the node cap truncated the walk are known before the first node.
/// </summary>
public sealed class LineageStream : IDisposable
{
    private static readonly int Generated = RelationKinds.Code("wasGeneratedBy");
    private static readonly int Used = RelationKinds.Code("used");
    private readonly DbCommand _command;
    private readonly DbDataReader _reader;
    private readonly Dictionary<long, int> _depths;
    private readonly List<(long Subject, int Kind, long Object, string? Role)> _relations;
    private readonly Dictionary<long, long> _beside = [];
    private readonly Dictionary<long, (long? Run, long? Subrun)> _runs = [];
    private readonly Dictionary<long, string> _keys = [];
    private bool _hasRow;
    private bool _read;

    internal LineageStream(DbCommand command, IReadOnlyList<string> start, LineageOptions options, IReadOnlyList<long> seeds)
    {
        (_command, Start, Direction) = (command, start, options.Direction);
        _reader = command.ExecuteReader();
        var steps = new List<(long From, int Kind, long To, string? Role)>();
        while ((_hasRow = _reader.Read()) && _reader.GetInt32(0) == LineageQuery.RelationRow)
        {
            steps.Add((_reader.GetInt64(1), _reader.GetInt32(3), _reader.GetInt64(2), _reader.IsDBNull(4) ? null : _reader.GetString(4)));
        }

        (_depths, _relations, Truncated) = Nearest(seeds, steps, options);

        // A file's run is that of the activity that made it, else of the first that used it, among the nodes kept.
        foreach (var (subject, kind, obj, _) in _relations)
        {
            if (kind == Generated)
            {
                _beside[subject] = obj;
            }
        }

        foreach (var (subject, kind, obj, _) in _relations)
        {
            if (kind == Used)
            {
                _beside.TryAdd(obj, subject);
            }
        }
    }

    /// <summary>The ids the walk started from (a path or hash may name several versions of a file).</summary>
    public IReadOnlyList<string> Start { get; }

    /// <summary>Which way it walks.</summary>
    public LineageDirection Direction { get; }

    /// <summary>True when the walk reaches more than <see cref="LineageOptions.MaxNodes"/> nodes: the nearest are kept.</summary>
    public bool Truncated { get; }

    /// <summary>How many nodes <see cref="Nodes"/> yields.</summary>
    public int Count => _depths.Count;

    /// <summary>Every node kept, the start included, each with its depth: the activities, then the files and the rest; can be read once.</summary>
    public IEnumerable<LineageNode> Nodes
    {
        get
        {
            if (_read)
            {
                throw new InvalidOperationException("the nodes of a lineage stream can be read once");
            }

            _read = true;
            return Read();
        }
    }

    /// <summary>The relations walked between the nodes kept, once <see cref="Nodes"/> was read to its end.</summary>
    public IReadOnlyList<LineageEdge> Edges => _hasRow || !_read
        ? throw new InvalidOperationException("the relations of a lineage stream are known once its nodes were read")
        : [.. _relations.Select(r => new LineageEdge(RelationKinds.Name(r.Kind), _keys[r.Subject], _keys[r.Object], r.Role))];

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _command.Dispose();
    }

    // Breadth first from the seeds over the relations walked: each node's least depth, the nearest
    // MaxNodes nodes, and the relations among those that the depth allowed, in PROV's order.
    private static (Dictionary<long, int> Depths, List<(long, int, long, string?)> Relations, bool Truncated) Nearest(
        IReadOnlyList<long> seeds, List<(long From, int Kind, long To, string? Role)> steps, LineageOptions options)
    {
        // Each node's relations as a chain through the list: no grouping of hundreds of thousands of rows.
        var first = new Dictionary<long, int>();
        var next = new int[steps.Count];
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            next[i] = first.TryGetValue(steps[i].From, out var following) ? following : -1;
            first[steps[i].From] = i;
        }

        var depths = new Dictionary<long, int>();
        var queue = new Queue<long>();
        var truncated = false;
        var limit = options.Depth ?? LineageOptions.AllDepth;
        foreach (var seed in seeds)
        {
            if (depths.TryAdd(seed, 0))
            {
                queue.Enqueue(seed);
            }
        }

        while (queue.Count > 0 && !truncated)
        {
            var node = queue.Dequeue();
            var depth = depths[node];
            if (depth == limit || !first.TryGetValue(node, out var step))
            {
                continue;
            }

            for (; step >= 0; step = next[step])
            {
                var to = steps[step].To;
                if (depths.ContainsKey(to))
                {
                    continue;
                }

                if (depths.Count == options.MaxNodes)
                {
                    truncated = true;
                    break;
                }

                depths[to] = depth + 1;
                queue.Enqueue(to);
            }
        }

        // The query reads each node's relations once: no relation comes twice.
        var relations = new List<(long, int, long, string?)>(steps.Count);
        foreach (var step in steps)
        {
            if (depths.TryGetValue(step.From, out var depth) && depth < limit && depths.ContainsKey(step.To))
            {
                relations.Add(options.Direction == LineageDirection.Back ? (step.From, step.Kind, step.To, step.Role) : (step.To, step.Kind, step.From, step.Role));
            }
        }

        return (depths, relations, truncated);
    }

    private IEnumerable<LineageNode> Read()
    {
        var previous = LineageQuery.ActivityRow;
        for (; _hasRow; _hasRow = _reader.Read())
        {
            var row = _reader.GetInt32(0);
            if (row < previous)
            {
                throw new InvalidOperationException("the store returned a lineage's rows out of their order (relations, activities, other nodes)");
            }

            previous = row;
            var id = _reader.GetInt64(1);
            if (_depths.TryGetValue(id, out var depth))
            {
                var beside = row == LineageQuery.NodeRow && _beside.TryGetValue(id, out var activity) ? _runs.GetValueOrDefault(activity) : default;
                var node = LineageQuery.NodeOf(_reader, depth, beside);
                if (row == LineageQuery.ActivityRow)
                {
                    _runs[id] = (node.Run, node.Subrun);
                }

                _keys[id] = node.Id;
                yield return node;
            }
        }
    }
}
