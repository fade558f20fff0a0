namespace Provenance.Capture.Prov.Readers;

/// <summary>
/// What a line decodes to, in the line's order: records (the one being filled, or a remembered one the
/// reader hands instead) and problems. The scan of one thread hands them on at once; a reading worker
/// keeps them for the merge thread (<see cref="ParallelScan"/>).
/// </summary>
internal interface ILineSink
{
    /// <summary>A record of the line, valid during the call.</summary>
    void Take(DecodedRecord record);

    /// <summary>A problem of the line.</summary>
    void Report(ReadProblem problem);
}
