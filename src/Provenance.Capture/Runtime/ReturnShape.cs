namespace Provenance.Capture.Runtime;

internal enum ReturnShape
{
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
