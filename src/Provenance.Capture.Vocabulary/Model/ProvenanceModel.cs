namespace Provenance.Capture.Model;

/// <summary>
/// A provenance model: the activities of a pipeline, the entities they use and generate, and the
/// agents responsible. Loaded from YAML once; see the README's "Provenance model" section.
/// </summary>
public sealed class ProvenanceModel
{
    internal ProvenanceModel(
        string source,
        string? name,
        IReadOnlyDictionary<string, ActivityDescription> activities,
        IReadOnlyDictionary<string, EntityDescription> entities,
        IReadOnlyDictionary<string, AgentDescription> agents)
    {
        Source = source;
        Name = name;
        Activities = activities;
        Entities = entities;
        Agents = agents;
    }

    /// <summary>Where the model came from (file path), used in every message.</summary>
    public string Source { get; }

    /// <summary>The model's name, if it gives one.</summary>
    public string? Name { get; }

    /// <summary>Activities by name.</summary>
    public IReadOnlyDictionary<string, ActivityDescription> Activities { get; }

    /// <summary>Entity kinds by name.</summary>
    public IReadOnlyDictionary<string, EntityDescription> Entities { get; }

    /// <summary>Agents by name.</summary>
    public IReadOnlyDictionary<string, AgentDescription> Agents { get; }

    /// <summary>The agent of an activity: its own, else the model's first agent.</summary>
    /// <param name="activity">The activity.</param>
    /// <returns>The agent, or <see langword="null"/> when the model has none.</returns>
    public AgentDescription? AgentOf(ActivityDescription activity)
    {
        if (activity.Agent is not null && Agents.TryGetValue(activity.Agent, out var agent))
        {
            return agent;
        }

        return Agents.Values.FirstOrDefault();
    }

    /// <summary>Loads and checks a model file.</summary>
    /// <param name="path">The YAML file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ProvenanceModelException">The file is missing, not YAML, or breaks the schema.</exception>
    public static ProvenanceModel Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProvenanceModelException(
                [new ModelDiagnostic(DiagnosticIds.FileNotFound, DiagnosticSeverity.Error, path, 0, null, null, $"cannot read the model file: {e.Message}")],
                e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and checks a model from YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="source">A name for messages, usually the file path.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ProvenanceModelException">The text is not YAML or breaks the schema.</exception>
    public static ProvenanceModel Parse(string yaml, string source) => new ModelReader(source).Read(yaml);
}
