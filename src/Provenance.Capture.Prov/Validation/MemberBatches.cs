namespace Provenance.Capture.Prov.Validation;

/// <summary>
/// Checks the members of a document a batch at a time on the thread pool while the file is read, and
/// hands their findings back in document order. The one check that depends on the members before —
/// an entity generated once — is made as the findings are handed back, so the result is the same as
/// checking member after member on one thread.
/// </summary>
internal sealed class MemberBatches
{
    /// <summary>Checks one member (or a section that is no object: <paramref name="member"/> null).</summary>
    /// <param name="section">The section.</param>
    /// <param name="member">The member's name.</param>
    /// <param name="json">The member's value.</param>
    /// <param name="problems">Where its findings go.</param>
    /// <param name="generated">Told each generation (entity, activity) in order, between the findings made before and after it.</param>
    public delegate void Check(string section, string? member, ReadOnlySpan<byte> json, List<ValidationProblem> problems, Action<string, string> generated);

    // A batch holds members of about this many bytes; this many batches are checked at once at most.
    private const int BatchBytes = 1 << 18;
    private const int InFlight = 4;

    private readonly Check _check;
    private readonly List<ValidationProblem> _problems;
    private readonly Dictionary<string, string> _generators = new(StringComparer.Ordinal);
    private readonly Queue<(Batch Batch, Task<List<Finding>> Findings)> _running = new();

    // Batches whose findings were handed back, to fill again (their buffers would otherwise be new large objects).
    private readonly Stack<Batch> _free = new();
    private Batch _batch = new();

    /// <summary>Creates the batches.</summary>
    /// <param name="check">The check of one member; called on pool threads, several at once.</param>
    /// <param name="problems">Where the findings go, in document order.</param>
    public MemberBatches(Check check, List<ValidationProblem> problems)
    {
        _check = check;
        _problems = problems;
    }

    /// <summary>Adds a member to check.</summary>
    public void Add(string section, string? member, ReadOnlySpan<byte> json)
    {
        if (_batch.Used + json.Length > _batch.Bytes.Length && _batch.Entries.Count > 0)
        {
            Send();
        }

        _batch.Append(section, member, json);
    }

    /// <summary>Adds a finding made while reading, in its place among the members'.</summary>
    public void Add(ValidationProblem problem) => _batch.Entries.Add(new Entry(string.Empty, null, 0, 0, problem));

    /// <summary>Waits for every batch and hands over the rest of the findings.</summary>
    public void Finish()
    {
        Send();
        while (_running.Count > 0)
        {
            Take(_running.Dequeue());
        }
    }

    private void Send()
    {
        if (_batch.Entries.Count == 0)
        {
            return;
        }

        var batch = _batch;
        _running.Enqueue((batch, Task.Run(() => Run(batch))));
        _batch = _free.TryPop(out var free) ? free : new Batch();
        if (_running.Count >= InFlight)
        {
            Take(_running.Dequeue());
        }
    }

    private void Take((Batch Batch, Task<List<Finding>> Findings) running)
    {
        var findings = running.Findings.GetAwaiter().GetResult();
        running.Batch.Clear();
        _free.Push(running.Batch);
        foreach (var finding in findings)
        {
            if (finding.Problem is not null)
            {
                _problems.Add(finding.Problem);
            }
            else
            {
                ProvValidator.CheckGeneration(finding.Entity!, finding.Activity!, _generators, _problems);
            }
        }
    }

    private List<Finding> Run(Batch batch)
    {
        var findings = new List<Finding>();
        var problems = new List<ValidationProblem>();
        void Flush()
        {
            foreach (var problem in problems)
            {
                findings.Add(new Finding(problem, null, null));
            }

            problems.Clear();
        }

        void Generated(string entity, string activity)
        {
            Flush();
            findings.Add(new Finding(null, entity, activity));
        }

        foreach (var entry in batch.Entries)
        {
            if (entry.Ready is not null)
            {
                problems.Add(entry.Ready);
            }
            else
            {
                _check(entry.Section, entry.Member, batch.Bytes.AsSpan(entry.Start, entry.Length), problems, Generated);
            }
        }

        Flush();
        return findings;
    }

    private readonly record struct Entry(string Section, string? Member, int Start, int Length, ValidationProblem? Ready);

    // A finding, or a generation to check for uniqueness in its place.
    private readonly record struct Finding(ValidationProblem? Problem, string? Entity, string? Activity);

    private sealed class Batch
    {
        public byte[] Bytes { get; private set; } = new byte[BatchBytes];

        public int Used { get; private set; }

        public List<Entry> Entries { get; } = [];

        public void Clear()
        {
            Used = 0;
            Entries.Clear();
        }

        public void Append(string section, string? member, ReadOnlySpan<byte> json)
        {
            if (Used + json.Length > Bytes.Length)
            {
                // One member larger than a batch: a batch of its own, as large as it.
                var bytes = new byte[Used + json.Length];
                Bytes.AsSpan(0, Used).CopyTo(bytes);
                Bytes = bytes;
            }

            json.CopyTo(Bytes.AsSpan(Used));
            Entries.Add(new Entry(section, member, Used, json.Length, null));
            Used += json.Length;
        }
    }
}
