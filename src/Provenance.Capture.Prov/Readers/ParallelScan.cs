using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Provenance.Capture.Prov.Symbols;

namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// <see cref="LogReader.Scan"/> on several threads, giving the consumer what the scan on one thread gives
/// it: the same records in the same order, in the caller's symbols, and the same problems. A splitting
/// thread cuts the files into batches of whole lines (one file per batch) and deals them to the workers in
/// turn; each worker decodes its batches into a symbol table of its own; the calling thread takes the
/// batches back in the order they were dealt, puts each new worker symbol into its own table once, in the
/// order the worker made them, and hands the records on, renamed.
/// </summary>
/// <remarks>
/// Invariants, written once: a batch belongs to one thread at a time (splitter, then its worker, then
/// the caller, then the free pool), handed on through blocking collections, which order the memory; a
/// worker's table only grows, and the caller reads only symbols and literals made before the batch that
/// names them was handed over, so it may read them while the worker adds more; the maps from a worker's
/// table to the caller's are the caller's alone. A problem the splitter finds (a line too long, a file
/// that cannot be read) travels in its batch, so it comes in the files' order too.
/// </remarks>
internal sealed class ParallelScan : IDisposable
{
    /// <summary>Lines a batch holds at most (tests take fewer, to cross batch ends often).</summary>
    public const int BatchLines = 8192;

    /// <summary>A worker starts a new table past this many symbols: its table serves the lines it reads next, not the night.</summary>
    public const int WorkerSymbolLimit = 1 << 20;

    private const int BatchBytes = 1 << 20;

    // Batches waiting for each worker, and decoded ones waiting for the caller.
    private const int Queued = 2;

    private readonly LogReader _reader;
    private readonly int _workers;
    private readonly BlockingCollection<Batch>[] _inputs;
    private readonly BlockingCollection<Batch>[] _outputs;
    private readonly ConcurrentQueue<Batch> _free = new();
    private readonly SemaphoreSlim _batches;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _threads = [];
    private long _dealt;

    private ParallelScan(LogReader reader, int workers)
    {
        _reader = reader;
        _workers = workers;
        _inputs = [.. Enumerable.Range(0, workers).Select(_ => new BlockingCollection<Batch>(Queued))];
        _outputs = [.. Enumerable.Range(0, workers).Select(_ => new BlockingCollection<Batch>(Queued))];

        // Enough for every queue to be full while each thread holds one.
        _batches = new SemaphoreSlim(workers * ((2 * Queued) + 1) + 2);
    }

    /// <summary>Scans <paramref name="files"/> with <paramref name="workers"/> decoding threads into <paramref name="consumer"/>, on the calling thread.</summary>
    public static void Run(LogReader reader, IEnumerable<string> files, RecordSymbols symbols, IRecordConsumer consumer, int workers)
    {
        using var scan = new ParallelScan(reader, workers);
        // Each worker's table made as large as the caller's (sized for the logs), within the limit: no growing on the way.
        var expected = Math.Min(symbols.Table.Capacity, reader.WorkerSymbolLimit);
        // Names of at most 15 bytes, all Linux keeps of a thread's name (top -H, perf, /proc/…/comm).
        scan.Start(() => scan.Split(files), "provcap split");
        for (var index = 0; index < workers; index++)
        {
            var worker = index;
            scan.Start(() => scan.Work(worker, expected), $"provcap dec {worker + 1}");
        }

        scan.Consume(symbols, consumer);
    }

    /// <summary>Stops the threads (a consumer that threw, or the end) and waits for them.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        foreach (var queue in _inputs.Concat(_outputs))
        {
            queue.Dispose();
        }

        _batches.Dispose();
        _stop.Dispose();
    }

    private void Start(Action body, string name)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        _threads.Add(thread);
        thread.Start();
    }

    // The caller: batches in the order dealt, symbols mapped, records renamed and handed on.
    private void Consume(RecordSymbols symbols, IRecordConsumer consumer)
    {
        for (var sequence = 0L; ; sequence++)
        {
            var batch = _outputs[sequence % _workers].Take(_stop.Token);
            if (batch.Symbols is { } worker)
            {
                worker.MapInto(symbols, batch.SymbolCount, batch.LiteralCount);
                foreach (var item in batch.Items)
                {
                    if (item is DecodedRecord record)
                    {
                        record.Remap(worker.SymbolMap, worker.LiteralMap);
                        consumer.Take(record);
                    }
                    else
                    {
                        _reader.Report((ReadProblem)item);
                    }
                }
            }

            batch.Fault?.Throw();
            if (batch.End)
            {
                return;
            }

            batch.Reset();
            _free.Enqueue(batch);
            _batches.Release();
        }
    }

    // The splitting thread: whole lines copied into batches, each batch dealt to the next worker.
    private void Split(IEnumerable<string> files)
    {
        Batch? batch = null;
        try
        {
            foreach (var file in files)
            {
                batch = Free(file);
                foreach (var (line, number, tooLong) in _reader.Lines(file))
                {
                    if (batch.Lines.Count == _reader.BatchLines || (batch.Lines.Count > 0 && batch.Used + line.Length > batch.Bytes.Length))
                    {
                        Deal(batch);
                        batch = Free(file);
                    }

                    batch.Add(line.Span, number, tooLong);
                }

                Deal(batch);
                batch = null;
            }

            Deal(Free(string.Empty, end: true));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception fault)
        {
            // The lines read before it first, then the fault, as on one thread.
            try
            {
                if (batch is not null)
                {
                    Deal(batch);
                }

                var last = Free(string.Empty, end: true);
                last.Fault = ExceptionDispatchInfo.Capture(fault);
                Deal(last);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        }
    }

    private Batch Free(string file, bool end = false)
    {
        _batches.Wait(_stop.Token);
        var batch = _free.TryDequeue(out var free) ? free : new Batch();
        batch.File = file;
        batch.End = end;
        return batch;
    }

    private void Deal(Batch batch) => _inputs[_dealt++ % _workers].Add(batch, _stop.Token);

    // A decoding thread: its batches in the order dealt, into its own table.
    private void Work(int index, int expectedSymbols)
    {
        var symbols = new WorkerSymbols(_reader.LstFastPaths, expectedSymbols);
        try
        {
            foreach (var batch in _inputs[index].GetConsumingEnumerable(_stop.Token))
            {
                if (!batch.End)
                {
                    if (symbols.Symbols.Table.Count > _reader.WorkerSymbolLimit)
                    {
                        symbols = new WorkerSymbols(_reader.LstFastPaths, expectedSymbols);
                    }

                    Decode(batch, symbols);
                }

                _outputs[index].Add(batch, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static void Decode(Batch batch, WorkerSymbols symbols)
    {
        batch.Symbols = symbols;
        try
        {
            foreach (var (start, length, number) in batch.Lines)
            {
                if (length < 0)
                {
                    batch.Report(LogReader.TooLongLine(batch.File, number));
                    continue;
                }

                symbols.Decoder.Decode(batch.Bytes.AsSpan(start, length), batch.File, number, batch.Slot, batch);
            }
        }
        catch (Exception fault)
        {
            // A fault of the decoder itself reaches the caller after the records before it.
            batch.Fault = ExceptionDispatchInfo.Capture(fault);
            batch.End = true;
        }

        batch.SymbolCount = symbols.Symbols.Table.Count;
        batch.LiteralCount = symbols.Symbols.LiteralCount;
    }

    // A worker's table and its decoders; the maps into the caller's table are the caller's.
    private sealed class WorkerSymbols
    {
        public WorkerSymbols(bool lstFastPaths, int expectedSymbols)
        {
            Symbols = new RecordSymbols(expectedSymbols);
            Decoder = new LineDecoder(Symbols, lstFastPaths);
        }

        public RecordSymbols Symbols { get; }

        public LineDecoder Decoder { get; }

        public int[] SymbolMap = [SymbolTable.None];

        public int[] LiteralMap = [0];

        private int _mappedSymbols = 1;
        private int _mappedLiterals = 1;

        // Maps the symbols and literals made since the last batch (they are made in order, so a literal's text comes first).
        public void MapInto(RecordSymbols into, int symbols, int literals)
        {
            Grow(ref SymbolMap, symbols);
            var table = Symbols.Table;
            for (; _mappedSymbols < symbols; _mappedSymbols++)
            {
                SymbolMap[_mappedSymbols] = into.Table.Intern(table.Bytes(_mappedSymbols));
            }

            Grow(ref LiteralMap, literals);
            for (; _mappedLiterals < literals; _mappedLiterals++)
            {
                var (text, type) = Symbols.KeyOf(_mappedLiterals);
                LiteralMap[_mappedLiterals] = into.Adopt(SymbolMap[text], type, Symbols.LiteralOf(_mappedLiterals)!);
            }
        }

        private static void Grow(ref int[] map, int count)
        {
            if (map.Length < count)
            {
                Array.Resize(ref map, Math.Max(count, map.Length * 2));
            }
        }
    }

    // Lines of one file, then what they decoded to.
    private sealed class Batch : ILineSink
    {
        private readonly List<DecodedRecord> _slots = [];
        private int _filled;

        public string File = string.Empty;
        public byte[] Bytes = new byte[BatchBytes];
        public int Used;

        /// <summary>Where each line is, and its number; a length of -1 for a line too long to hold.</summary>
        public readonly List<(int Start, int Length, long Number)> Lines = [];

        /// <summary>Records and problems, in the lines' order.</summary>
        public readonly List<object> Items = [];

        public WorkerSymbols? Symbols;
        public int SymbolCount;
        public int LiteralCount;
        public ExceptionDispatchInfo? Fault;
        public bool End;

        /// <summary>The record the next line is decoded into.</summary>
        public DecodedRecord Slot
        {
            get
            {
                if (_filled == _slots.Count)
                {
                    _slots.Add(new DecodedRecord());
                }

                return _slots[_filled];
            }
        }

        public void Add(ReadOnlySpan<byte> line, long number, bool tooLong)
        {
            if (Used + line.Length > Bytes.Length)
            {
                // A line longer than a batch: this batch holds it alone.
                Bytes = new byte[line.Length];
            }

            line.CopyTo(Bytes.AsSpan(Used));
            Lines.Add((Used, tooLong ? -1 : line.Length, number));
            Used += line.Length;
        }

        public void Take(DecodedRecord record)
        {
            if (_filled < _slots.Count && ReferenceEquals(record, _slots[_filled]))
            {
                _filled++;
                Items.Add(record);
            }
            else
            {
                // A remembered record the decoder hands again: this batch's own copy.
                Items.Add(record.Clone());
            }
        }

        public void Report(ReadProblem problem) => Items.Add(problem);

        public void Reset()
        {
            if (Bytes.Length > BatchBytes)
            {
                Bytes = new byte[BatchBytes];
            }

            Used = 0;
            Lines.Clear();
            Items.Clear();
            _filled = 0;
            Symbols = null;
            SymbolCount = LiteralCount = 0;
            Fault = null;
            End = false;
        }
    }
}
