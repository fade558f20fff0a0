namespace Provenance.Capture.Model;

/// <summary>
/// The human part of a provenance model — descriptions, units, agents' type and e-mail — that the PROV
/// document carries beside what capture measured. Capture writes it once per session (the session
/// record's <c>model_notes</c> field), so that a merge of logs from many machines needs no model file;
/// <c>provcap merge --model</c> reads it from a model instead.
/// </summary>
public sealed class ModelNotes
{
    private const string ActivitiesKey = "activities";
    private const string EntitiesKey = "entities";
    private const string AgentsKey = "agents";
    private const string DescriptionKey = "description";
    private const string ParametersKey = "parameters";
    private const string UnitKey = "unit";
    private const string UsedKey = "used";
    private const string GeneratedKey = "generated";
    private const string TypeKey = "type";
    private const string EmailKey = "email";

    private readonly Dictionary<string, ActivityNote> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentNote> _agents = new(StringComparer.Ordinal);

    /// <summary>Activity notes by activity name.</summary>
    public IReadOnlyDictionary<string, ActivityNote> Activities => _activities;

    /// <summary>Entity descriptions by the model's entity name.</summary>
    public IReadOnlyDictionary<string, string> Entities => _entities;

    /// <summary>Agent notes by agent name.</summary>
    public IReadOnlyDictionary<string, AgentNote> Agents => _agents;

    /// <summary>True when there is nothing to say.</summary>
    public bool IsEmpty => _activities.Count == 0 && _entities.Count == 0 && _agents.Count == 0;

    /// <summary>The notes of a model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>Its descriptions, units and agents.</returns>
    public static ModelNotes Of(ProvenanceModel model)
    {
        var notes = new ModelNotes();
        foreach (var (name, activity) in model.Activities)
        {
            var note = new ActivityNote
            {
                Description = activity.Description,
                Parameters = activity.Parameters
                    .Where(p => p.Unit is not null || p.Description is not null)
                    .GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => new ParameterNote(g.First().Unit, g.First().Description), StringComparer.Ordinal),
                Used = RoleDescriptions(activity.Usage),
                Generated = RoleDescriptions(activity.Generation),
            };
            if (!note.IsEmpty)
            {
                notes._activities[name] = note;
            }
        }

        foreach (var (name, entity) in model.Entities)
        {
            if (entity.Description is { } description)
            {
                notes._entities[name] = description;
            }
        }

        foreach (var (name, agent) in model.Agents)
        {
            if (agent.Type is not null || agent.Email is not null || agent.Description is not null)
            {
                notes._agents[name] = new AgentNote(agent.Type, agent.Email, agent.Description);
            }
        }

        return notes;
    }

    /// <summary>
    /// Reads notes from the value of a session record's <c>model_notes</c> field (nested maps of text, as
    /// <see cref="ToRecordValue"/> writes them). Parts of another shape are ignored: a log is input, not code.
    /// </summary>
    /// <param name="value">The field's value, as a reader decoded it.</param>
    /// <returns>The notes, empty when the value holds none.</returns>
    public static ModelNotes FromRecordValue(object? value)
    {
        var notes = new ModelNotes();
        if (value is not IReadOnlyDictionary<string, object?> root)
        {
            return notes;
        }

        foreach (var (name, item) in Maps(root, ActivitiesKey))
        {
            var parameters = new Dictionary<string, ParameterNote>(StringComparer.Ordinal);
            foreach (var (parameter, fields) in Maps(item, ParametersKey))
            {
                parameters[parameter] = new ParameterNote(Text(fields, UnitKey), Text(fields, DescriptionKey));
            }

            var note = new ActivityNote
            {
                Description = Text(item, DescriptionKey),
                Parameters = parameters,
                Used = Texts(item, UsedKey),
                Generated = Texts(item, GeneratedKey),
            };
            if (!note.IsEmpty)
            {
                notes._activities[name] = note;
            }
        }

        foreach (var (name, description) in Texts(root, EntitiesKey))
        {
            notes._entities[name] = description;
        }

        foreach (var (name, fields) in Maps(root, AgentsKey))
        {
            notes._agents[name] = new AgentNote(Text(fields, TypeKey), Text(fields, EmailKey), Text(fields, DescriptionKey));
        }

        return notes;
    }

    /// <summary>The notes as the session record's <c>model_notes</c> value: nested maps holding only what is said.</summary>
    /// <returns>The value, or null when there is nothing to say.</returns>
    public IReadOnlyDictionary<string, object?>? ToRecordValue()
    {
        if (IsEmpty)
        {
            return null;
        }

        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (_activities.Count > 0)
        {
            root[ActivitiesKey] = Sorted(_activities, note => Map(
                (DescriptionKey, note.Description),
                (ParametersKey, note.Parameters.Count == 0 ? null : Sorted(note.Parameters, p => Map((UnitKey, p.Unit), (DescriptionKey, p.Description)))),
                (UsedKey, note.Used.Count == 0 ? null : Sorted(note.Used, d => (object?)d)),
                (GeneratedKey, note.Generated.Count == 0 ? null : Sorted(note.Generated, d => (object?)d))));
        }

        if (_entities.Count > 0)
        {
            root[EntitiesKey] = Sorted(_entities, d => (object?)d);
        }

        if (_agents.Count > 0)
        {
            root[AgentsKey] = Sorted(_agents, a => Map((TypeKey, a.Type), (EmailKey, a.Email), (DescriptionKey, a.Description)));
        }

        return root;
    }

    /// <summary>Adds what <paramref name="other"/> says about names these notes do not know yet (the first word stands).</summary>
    /// <param name="other">Notes of another session or model.</param>
    public void Add(ModelNotes other)
    {
        foreach (var (name, note) in other._activities)
        {
            _activities.TryAdd(name, note);
        }

        foreach (var (name, description) in other._entities)
        {
            _entities.TryAdd(name, description);
        }

        foreach (var (name, note) in other._agents)
        {
            _agents.TryAdd(name, note);
        }
    }

    private static Dictionary<string, string> RoleDescriptions(IReadOnlyList<EntityRoleDescription> roles)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (role.Description is { } description)
            {
                result.TryAdd(role.Role, description);
            }
        }

        return result;
    }

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return map;
    }

    private static Dictionary<string, object?> Sorted<T>(IReadOnlyDictionary<string, T> items, Func<T, object?> value)
    {
        var map = new Dictionary<string, object?>(items.Count, StringComparer.Ordinal);
        foreach (var key in items.Keys.Order(StringComparer.Ordinal))
        {
            map[key] = value(items[key]);
        }

        return map;
    }

    private static string? Text(IReadOnlyDictionary<string, object?> map, string key)
        => map.TryGetValue(key, out var value) && value is string text ? text : null;

    private static IEnumerable<(string Key, IReadOnlyDictionary<string, object?> Value)> Maps(IReadOnlyDictionary<string, object?> map, string key)
    {
        if (map.TryGetValue(key, out var value) && value is IReadOnlyDictionary<string, object?> inner)
        {
            foreach (var (name, item) in inner)
            {
                if (item is IReadOnlyDictionary<string, object?> fields)
                {
                    yield return (name, fields);
                }
            }
        }
    }

    private static Dictionary<string, string> Texts(IReadOnlyDictionary<string, object?> map, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.TryGetValue(key, out var value) && value is IReadOnlyDictionary<string, object?> inner)
        {
            foreach (var (name, item) in inner)
            {
                if (item is string text)
                {
                    result[name] = text;
                }
            }
        }

        return result;
    }
}
