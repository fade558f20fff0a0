using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Provenance.Capture.Model;

/// <summary>
/// Maps the YAML node tree onto the model by hand, so that every node keeps its line and every
/// unknown key or bad value is reported with it (a plain deserializer would lose both).
/// </summary>
internal sealed class ModelReader
{
    private static readonly string[] RootKeys = ["name", "description", "version", "agents", "activities", "entities"];
    private static readonly string[] ActivityKeys = ["description", "agent", "parameters", "usage", "generation", "context"];
    private static readonly string[] ParameterKeys = ["name", "description", "value", "unit", "secret"];
    private static readonly string[] RoleKeys = ["role", "description", "entityName", "value", "multiplicity", "derivedFrom"];
    private static readonly string[] EntityKeys = ["description", "type", "contentType", "hash", "hashAlgorithm", "copy", "reference", "collection"];
    private static readonly string[] AgentKeys = ["type", "description", "email"];
    private static readonly string[] ContextKeys = ["run", "subrun", "date"];
    private static readonly string[] Multiplicities = ["1", "0..1", "*", "1..*"];

    private readonly string _source;
    private readonly List<ModelDiagnostic> _diagnostics = [];

    // Where the parser was last: the line a YamlDotNet failure without a position is reported at.
    private int _lastLine;

    public ModelReader(string source) => _source = source;

    public ProvenanceModel Read(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            // Checked on the parser's events first: YamlStream builds its tree by recursion, and walking
            // the tree visits an aliased node once per alias.
            CheckShape(yaml);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            throw new ProvenanceModelException(
                [Error(DiagnosticIds.YamlSyntax, line, null, null, $"invalid YAML at column {e.Start.Column}: {InnermostMessage(e)}")],
                e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, not YamlException, on some malformed input (found by fuzzing):
            // a plain scalar cut by a bad character, a global tag that is no URI, an escape outside Unicode.
            throw new ProvenanceModelException(
                [Error(DiagnosticIds.YamlSyntax, Math.Max(1, _lastLine), null, null, $"invalid YAML near this line: {InnermostMessage(e)}")],
                e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ProvenanceModelException([Error(DiagnosticIds.Schema, 1, null, null, "the model must be a mapping with 'activities' and 'entities'")]);
        }

        CheckKeys(root, RootKeys, null, "the model");
        var name = Scalar(root, "name", null);
        var agents = ReadMap(root, "agents", ReadAgent);
        var entities = ReadMap(root, "entities", ReadEntity);
        var activities = ReadMap(root, "activities", ReadActivity);
        if (!Has(root, "activities"))
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(root), null, "activities", "the model has no 'activities' section"));
        }

        CheckReferences(activities, entities, agents);
        if (_diagnostics.Count > 0)
        {
            throw new ProvenanceModelException(_diagnostics);
        }

        return new ProvenanceModel(_source, name, activities, entities, agents);
    }

    /// <summary>How deep mappings and sequences may nest in a model (a real one needs about 6).</summary>
    internal const int MaxDepth = 64;

    /// <summary>How many nodes a model may hold once every alias is expanded (a real one holds a few thousand).</summary>
    internal const int MaxNodes = 1_000_000;

    // Refuses, without recursion, a model nested too deep, that expands without bound through aliases
    // (an "alias bomb": each level aliasing the previous one several times), or that is recursive.
    private void CheckShape(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long Start)>();
        long total = 0;
        while (parser.MoveNext())
        {
            _lastLine = (int)parser.Current!.End.Line;
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.Scalar scalar:
                    total++;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        sizes[scalar.Anchor.Value] = 1;
                    }

                    break;
                case YamlDotNet.Core.Events.AnchorAlias alias when open.Any(o => o.Anchor == alias.Value.Value):
                    // An alias inside the node it names: YamlDotNet's tree compares such nodes by recursion
                    // without end (found by fuzzing); a model has no use for a recursive structure.
                    throw new ProvenanceModelException([Error(DiagnosticIds.YamlSyntax, (int)alias.Start.Line, null, null, $"alias '*{alias.Value.Value}' is inside the node it names: a model cannot be recursive")]);
                case YamlDotNet.Core.Events.AnchorAlias alias when !sizes.ContainsKey(alias.Value.Value):
                    // YamlDotNet keeps such an alias as a placeholder that compares by recursion without end when used as a key (found by fuzzing).
                    throw new ProvenanceModelException([Error(DiagnosticIds.YamlSyntax, (int)alias.Start.Line, null, null, $"alias '*{alias.Value.Value}' names no anchor defined before it")]);
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    total += sizes[alias.Value.Value];
                    break;
                case YamlDotNet.Core.Events.NodeEvent start and (YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart):
                    total++;
                    open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, total - 1));
                    if (open.Count > MaxDepth)
                    {
                        throw new ProvenanceModelException([Error(DiagnosticIds.YamlSyntax, (int)start.Start.Line, null, null, $"nested deeper than {MaxDepth} levels (a model needs a few)")]);
                    }

                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    var (anchor, begin) = open.Pop();
                    if (anchor is not null)
                    {
                        sizes[anchor] = total - begin;
                    }

                    break;
            }

            if (total > MaxNodes)
            {
                throw new ProvenanceModelException([Error(DiagnosticIds.YamlSyntax, (int)parser.Current!.Start.Line, null, null, $"more than {MaxNodes:N0} nodes once its aliases are expanded (an alias bomb?)")]);
            }
        }
    }

    private static string InnermostMessage(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    private void CheckReferences(
        Dictionary<string, ActivityDescription> activities,
        Dictionary<string, EntityDescription> entities,
        Dictionary<string, AgentDescription> agents)
    {
        foreach (var activity in activities.Values)
        {
            if (activity.Agent is not null && !agents.ContainsKey(activity.Agent))
            {
                _diagnostics.Add(Error(DiagnosticIds.Schema, activity.Line, activity.Name, activity.Agent, $"agent '{activity.Agent}' is not described in 'agents'"));
            }

            var usageRoles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var role in activity.Usage.Concat(activity.Generation))
            {
                if (!entities.ContainsKey(role.EntityName))
                {
                    _diagnostics.Add(Error(DiagnosticIds.UnknownEntity, role.Line, activity.Name, role.EntityName, $"entityName '{role.EntityName}' is not described in 'entities'"));
                }
            }

            foreach (var usage in activity.Usage)
            {
                usageRoles.Add(usage.Role);
            }

            foreach (var generation in activity.Generation)
            {
                foreach (var progenitor in generation.DerivedFrom)
                {
                    if (!usageRoles.Contains(progenitor))
                    {
                        _diagnostics.Add(Error(DiagnosticIds.Schema, generation.Line, activity.Name, progenitor, $"derivedFrom '{progenitor}' is not the role of a usage of this activity"));
                    }
                }
            }
        }
    }

    // read takes an element's name, the line of its name (where an editor should take the user), and its value.
    private Dictionary<string, T> ReadMap<T>(YamlMappingNode root, string key, Func<string, int, YamlNode, T?> read)
        where T : class
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || IsNull(node))
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), null, key, $"'{key}' must be a mapping of names to descriptions"));
            return result;
        }

        foreach (var (nameNode, valueNode) in map.Children)
        {
            if (nameNode is not YamlScalarNode { Value: { } name })
            {
                _diagnostics.Add(Error(DiagnosticIds.Schema, Line(nameNode), null, key, $"the names in '{key}' must be plain text, not a mapping or a list"));
                continue;
            }

            var item = read(name, Line(nameNode), valueNode);
            if (item is not null)
            {
                result[name] = item;
            }
        }

        return result;
    }

    private AgentDescription? ReadAgent(string name, int line, YamlNode node)
    {
        var map = node as YamlMappingNode;
        if (map is null && !IsNull(node))
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), null, name, $"agent '{name}' must be a mapping with type, description, email"));
            return null;
        }

        map ??= new YamlMappingNode();
        CheckKeys(map, AgentKeys, null, $"agent '{name}'");
        return new AgentDescription(name, Scalar(map, "type", null), Scalar(map, "description", null), Scalar(map, "email", null), line);
    }

    private EntityDescription? ReadEntity(string name, int line, YamlNode node)
    {
        var map = node as YamlMappingNode;
        if (map is null && !IsNull(node))
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), null, name, $"entity '{name}' must be a mapping"));
            return null;
        }

        map ??= new YamlMappingNode();
        CheckKeys(map, EntityKeys, null, $"entity '{name}'");
        var type = Enum(map, "type", EntityType.File, null);
        return new EntityDescription
        {
            Name = name,
            Description = Scalar(map, "description", null),
            Type = type,
            ContentType = Scalar(map, "contentType", null),
            Hash = Enum(map, "hash", type == EntityType.Value ? HashMode.None : HashMode.Content, null),
            HashAlgorithm = Enum(map, "hashAlgorithm", HashAlgorithmKind.Md5, null),
            Copy = Bool(map, "copy", null),
            Reference = Bool(map, "reference", null),
            Collection = Scalar(map, "collection", null),
            Line = line,
        };
    }

    private ActivityDescription? ReadActivity(string name, int line, YamlNode node)
    {
        var map = node as YamlMappingNode;
        if (map is null && !IsNull(node))
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), name, null, "an activity must be a mapping with description, parameters, usage, generation"));
            return null;
        }

        map ??= new YamlMappingNode();
        CheckKeys(map, ActivityKeys, name, $"activity '{name}'");
        return new ActivityDescription
        {
            Name = name,
            Description = Scalar(map, "description", name),
            Agent = Scalar(map, "agent", name),
            Parameters = ReadList(map, "parameters", name, ReadParameter),
            Usage = ReadList(map, "usage", name, ReadRole),
            Generation = ReadList(map, "generation", name, ReadRole),
            Context = ReadContext(map, name),
            Line = line,
        };
    }

    private Dictionary<string, ValueExpression> ReadContext(YamlMappingNode activity, string activityName)
    {
        var result = new Dictionary<string, ValueExpression>(StringComparer.Ordinal);
        if (!activity.Children.TryGetValue(new YamlScalarNode("context"), out var node) || IsNull(node))
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), activityName, "context", "'context' must map run, subrun, date to value expressions"));
            return result;
        }

        CheckKeys(map, ContextKeys, activityName, "context");
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } keyText })
            {
                continue;
            }

            var expression = Expression(value, activityName, keyText);
            if (expression is not null)
            {
                result[keyText] = expression;
            }
        }

        return result;
    }

    private List<T> ReadList<T>(YamlMappingNode map, string key, string activity, Func<YamlMappingNode, string, T?> read)
        where T : class
    {
        var result = new List<T>();
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || IsNull(node))
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), activity, key, $"'{key}' must be a list"));
            return result;
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode itemMap)
            {
                _diagnostics.Add(Error(DiagnosticIds.Schema, Line(item), activity, key, $"each item of '{key}' must be a mapping"));
                continue;
            }

            var value = read(itemMap, activity);
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private ParameterDescription? ReadParameter(YamlMappingNode map, string activity)
    {
        CheckKeys(map, ParameterKeys, activity, "parameter");
        var name = Required(map, "name", activity, "parameter");
        if (name is null)
        {
            return null;
        }

        var valueNode = Child(map, "value");
        var value = valueNode is null ? Parse(name, Line(map), activity, name) : Expression(valueNode, activity, name);
        return value is null ? null : new ParameterDescription(name, Scalar(map, "description", activity), value, Scalar(map, "unit", activity), Line(map)) { Secret = Bool(map, "secret", activity) };
    }

    private EntityRoleDescription? ReadRole(YamlMappingNode map, string activity)
    {
        CheckKeys(map, RoleKeys, activity, "usage/generation");
        var role = Required(map, "role", activity, "usage/generation");
        var entity = Required(map, "entityName", activity, "usage/generation");
        var valueNode = Child(map, "value");
        if (valueNode is null)
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(map), activity, role, $"role '{role}' has no 'value' expression saying where the entity is"));
        }

        var value = valueNode is null ? null : Expression(valueNode, activity, role);
        var multiplicity = Scalar(map, "multiplicity", activity) ?? "1";
        if (!Multiplicities.Contains(multiplicity))
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(Child(map, "multiplicity")!), activity, role, $"multiplicity '{multiplicity}' is not one of {string.Join(", ", Multiplicities)}"));
        }

        var derivedFrom = new List<string>();
        var derivedNode = Child(map, "derivedFrom");
        if (derivedNode is YamlScalarNode single && single.Value is { Length: > 0 } one)
        {
            derivedFrom.Add(one);
        }
        else if (derivedNode is YamlSequenceNode many)
        {
            derivedFrom.AddRange(many.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? string.Empty));
        }

        if (role is null || entity is null || value is null)
        {
            return null;
        }

        return new EntityRoleDescription
        {
            Role = role,
            Description = Scalar(map, "description", activity),
            EntityName = entity,
            Value = value,
            Multiplicity = multiplicity,
            DerivedFrom = derivedFrom,
            Line = Line(map),
        };
    }

    private ValueExpression? Expression(YamlNode node, string? activity, string? name)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), activity, name, "a value expression must be a string"));
            return null;
        }

        return Parse(scalar.Value, Line(node), activity, name);
    }

    private ValueExpression? Parse(string text, int line, string? activity, string? name)
    {
        try
        {
            return ValueExpression.Parse(text, line);
        }
        catch (FormatException e)
        {
            _diagnostics.Add(Error(DiagnosticIds.ExpressionSyntax, line, activity, name, e.Message));
            return null;
        }
    }

    private void CheckKeys(YamlMappingNode map, string[] allowed, string? activity, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } text })
            {
                _diagnostics.Add(Error(DiagnosticIds.Schema, Line(key), activity, null, $"a key in {where} must be plain text, not a mapping or a list; expected one of: {string.Join(", ", allowed)}"));
            }
            else if (!allowed.Contains(text))
            {
                _diagnostics.Add(Error(DiagnosticIds.Schema, Line(key), activity, text, $"unknown key '{text}' in {where}; expected one of: {string.Join(", ", allowed)}"));
            }
        }
    }

    private string? Required(YamlMappingNode map, string key, string activity, string where)
    {
        var value = Scalar(map, key, activity);
        if (value is null)
        {
            _diagnostics.Add(Error(DiagnosticIds.Schema, Line(map), activity, key, $"{where} is missing '{key}'"));
        }

        return value;
    }

    private string? Scalar(YamlMappingNode map, string key, string? activity)
    {
        var node = Child(map, key);
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        _diagnostics.Add(Error(DiagnosticIds.Schema, Line(node), activity, key, $"'{key}' must be a single value"));
        return null;
    }

    private bool Bool(YamlMappingNode map, string key, string? activity)
    {
        var text = Scalar(map, key, activity);
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        _diagnostics.Add(Error(DiagnosticIds.Schema, Line(Child(map, key)!), activity, key, $"'{key}' must be true or false, not '{text}'"));
        return false;
    }

    private TEnum Enum<TEnum>(YamlMappingNode map, string key, TEnum fallback, string? activity)
        where TEnum : struct, Enum
    {
        var text = Scalar(map, key, activity);
        if (text is null)
        {
            return fallback;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
        {
            return value;
        }

        var names = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        _diagnostics.Add(Error(DiagnosticIds.Schema, Line(Child(map, key)!), activity, key, $"'{key}: {text}' is not one of: {names}"));
        return fallback;
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static bool Has(YamlMappingNode map, string key) => Child(map, key) is not null;

    private static bool IsNull(YamlNode node)
        => node is YamlScalarNode { Style: not ScalarStyle.SingleQuoted and not ScalarStyle.DoubleQuoted } s
           && (s.Value is null || s.Value.Length == 0 || s.Value == "~" || s.Value == "null");

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private ModelDiagnostic Error(string id, int line, string? activity, string? name, string message)
        => new(id, DiagnosticSeverity.Error, _source, line, activity, name, message);
}
