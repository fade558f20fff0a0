using System.Runtime.InteropServices;

namespace Provenance.Capture.Prov.Merge;

/// <summary>A <see cref="FewInts"/> of pairs of symbols (entity and role, parameter and value).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct FewPairs
{
    internal long One;
    internal int More;

    public static long Pair(int first, int second) => ((long)first << 32) | (uint)second;

    public static (int First, int Second) Unpair(long pair) => ((int)(pair >> 32), (int)pair);
}
