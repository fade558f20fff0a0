namespace Provenance.Capture.Store;

/// <summary>
/// What to find. Activity criteria (run, subrun, date, activity, status, agent, time window) select
/// activities; with an entity criterion (entity name, location, hash) files are found instead, the
/// activity criteria then selecting the activities that used or generated them. Criteria combine with AND.
/// </summary>
public sealed class FindQuery
{
    /// <summary>The run (01618 and 1618 are the same).</summary>
    public string? Run { get; set; }

    /// <summary>The subrun.</summary>
    public string? Subrun { get; set; }

    /// <summary>The observation date as recorded (e.g. <c>2020-11-20</c>).</summary>
    public string? Date { get; set; }

    /// <summary>The activity name.</summary>
    public string? Activity { get; set; }

    /// <summary>The activity status: succeeded, failed, dry_run, incomplete.</summary>
    public string? Status { get; set; }

    /// <summary>The name of the agent responsible.</summary>
    public string? Agent { get; set; }

    /// <summary>The entity's model name (e.g. <c>DL2SubrunDataset</c>).</summary>
    public string? EntityName { get; set; }

    /// <summary>The file's path, <c>*</c> matching any text (<c>*/DL2/*.h5</c>).</summary>
    public string? Location { get; set; }

    /// <summary>The file's content hash.</summary>
    public string? Hash { get; set; }

    /// <summary>Activities starting at or after this time.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Activities starting before this time.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>How many matches to pass over (paging).</summary>
    public int Offset { get; set; }

    /// <summary>The most matches returned (default 100).</summary>
    public int Limit { get; set; } = 100;

    /// <summary>The projects whose documents may be seen (with those of no project); null: every one.</summary>
    public IReadOnlyCollection<string>? Projects { get; set; }

    internal bool FindsEntities => EntityName is not null || Location is not null || Hash is not null;
}
