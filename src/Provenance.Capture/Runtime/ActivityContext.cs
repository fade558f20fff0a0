namespace Provenance.Capture.Runtime;

/// <summary>
/// The activity running on the current logical flow (thread or async chain). AsyncLocal, never a
/// global: concurrent activities on many threads each see their own parent.
/// </summary>
internal static class ActivityContext
{
    private static readonly AsyncLocal<ActivityCall?> s_current = new();

    public static ActivityCall? Current => s_current.Value;

    public static ActivityCall? Enter(ActivityCall call)
    {
        var parent = s_current.Value;
        s_current.Value = call;
        return parent;
    }

    public static void Exit(ActivityCall? parent) => s_current.Value = parent;
}
