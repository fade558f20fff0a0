using CaptureDriver;
using Provenance.Capture;

// capture-driver LOG TAG THREADS CALLS BIG_EVERY BIG_LENGTH
//   Runs THREADS threads, each making CALLS calls of the "step" activity (0: until killed), labelled
//   TAG:thread:call, and prints "begin LABEL ." before and "end LABEL ." after each call when CALLS is 0
//   (the closing dot tells a whole line from one cut by the kill).
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: CaptureDriver LOG TAG THREADS CALLS BIG_EVERY BIG_LENGTH");
    return 2;
}

var (log, tag) = (args[0], args[1]);
var (threads, calls, bigEvery, bigLength) = (int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]));
var untilKilled = calls == 0;
var options = new ProvenanceOptions
{
    ModelPath = Path.Combine(AppContext.BaseDirectory, "driver-model.yaml"),
    LogPath = log,
    SessionTag = tag,
};
using (ProvenanceCapture.Start(options))
{
    var workers = Enumerable.Range(0, threads).Select(thread => new Thread(() =>
    {
        for (var call = 0; untilKilled || call < calls; call++)
        {
            var label = $"{tag}:{thread}:{call}";
            if (untilKilled)
            {
                Console.Out.WriteLine("begin " + label + " .");
            }

            DriverSteps.Step(label, DriverSteps.PayloadOf(call, bigEvery, bigLength));
            if (untilKilled)
            {
                Console.Out.WriteLine("end " + label + " .");
            }
        }
    })).ToList();
    workers.ForEach(w => w.Start());
    workers.ForEach(w => w.Join());
}

return 0;
