namespace Provenance.Capture.Prov.Merge;

/// <summary>
/// A set of symbols that almost always holds one (at subrun granularity every activity has one run,
/// one session, one status): the first is inline, more live in the merge's <see cref="FewStore"/>.
/// Eight bytes and no object per set, so the millions of sets of a large merge cost the garbage
/// collector nothing.
/// </summary>
internal struct FewInts
{
    // The first value plus one (0: empty), and the index of the further values in the store (0: none).
    internal int One;
    internal int More;
}
