namespace Provenance.Capture.Tests.Pipeline;

public sealed record CalibrationSettings(double Gain, string ConfigPath);

public sealed record Calibration(string CalibrationPath);

/// <summary>A tiny pipeline whose methods are woven by AspectInjector exactly as users' code is.</summary>
public sealed class TestPipeline
{
    public int BodyRuns;

    [Activity("calibrate")]
    public static string Calibrate(string pedestalFile, CalibrationSettings settings, int run, string outputDir)
    {
        var output = Path.Combine(outputDir, $"calibration_Run{run:D5}.txt");
        File.WriteAllText(output, $"gain {settings.Gain} from {File.ReadAllText(pedestalFile).Length} bytes");
        return output;
    }

    [Activity("inspect")]
    public static int Inspect(string data, CalibrationSettings options) => (File.Exists(data) ? File.ReadAllText(data).Length : 0) + options.ConfigPath.Length;

    [Activity("r0_to_dl1")]
    public void R0ToDl1(string r0File, Calibration calibration, int run, int subrun, string outputDir)
    {
        Interlocked.Increment(ref BodyRuns);
        File.WriteAllText(Path.Combine(outputDir, $"dl1_Run{run:D5}.{subrun:D4}.h5"), $"dl1 of {Path.GetFileName(r0File)} with {calibration.CalibrationPath}");
    }

    [Activity("async_step")]
    public async Task<string> AsyncStep(string input, string output, TimeSpan delay)
    {
        await Task.Delay(delay);
        await File.WriteAllTextAsync(output, "async " + input);
        return output;
    }

    [Activity("async_void_step")]
    public async Task AsyncVoidStep(string input, TimeSpan delay)
    {
        await Task.Delay(delay);
        Interlocked.Increment(ref BodyRuns);
    }

    [Activity("value_task_step")]
    public async ValueTask<int> ValueTaskStep(int factor)
    {
        await Task.Yield();
        return factor * 2;
    }

    [Activity("async_step")]
    public static Task<string> AsyncStepAtOnce(string input, string output)
    {
        File.WriteAllText(output, "at once " + input);
        return Task.FromResult(output);
    }

    [Activity("value_task_step")]
    public static ValueTask<int> ValueTaskStepAtOnce(int factor) => ValueTask.FromResult(factor * 3);

    [Activity("generic_step")]
    public static async Task<T> GenericStepAsync<T>(T label, string path)
    {
        await Task.Yield();
        return label;
    }

    [Activity("generic_step")]
    public static async ValueTask<T> GenericStepValueAsync<T>(T label, string path)
    {
        await Task.Yield();
        return label;
    }

    [Activity("failing_step")]
    public static async Task<int> FailingCountAsync(string input)
    {
        await Task.Yield();
        throw new InvalidDataException($"no count in {Path.GetFileName(input)}");
    }

    [Activity("typed_step")]
    public static int TypedStep(double ratio, decimal price, long count, DateTime when, float scale, int number, string label, bool flag) => number;

    [Activity("generic_step")]
    public static T GenericStep<T>(T label, string path) => label;

    [Activity("failing_step")]
    public static void FailingStep(string input) => throw new InvalidDataException($"corrupt header in {Path.GetFileName(input)}");

    [Activity("failing_step")]
    public static async Task FailingStepAsync(string input)
    {
        await Task.Yield();
        throw new InvalidDataException($"late failure in {Path.GetFileName(input)}");
    }

    [Activity("outer")]
    public int Outer(string label) => Inner(label + "/child") + 1;

    [Activity("inner")]
    public int Inner(string label) => label.Length;

    // Nested activities on both sides of awaits: the continuation may run on another thread.
    [Activity("outer")]
    public async Task<int> OuterAsync(string label, TimeSpan delay)
    {
        await Task.Delay(delay);
        var first = Inner(label + "/child");
        await Task.Delay(delay);
        return first + Inner(label + "/second");
    }

    // Three levels, each awaiting before its nested call: outer, inner and leaf resume on pool threads.
    [Activity("outer")]
    public async Task<int> ChainAsync(string label)
    {
        await Task.Yield();
        return await InnerChainAsync(label + "/inner") + 1;
    }

    [Activity("inner")]
    public async Task<int> InnerChainAsync(string label)
    {
        await Task.Yield();
        var length = Leaf(label + "/leaf");
        await Task.Yield();
        return length;
    }

    [Activity("leaf")]
    public static int Leaf(string label) => label.Length;

    [Activity("outer")]
    public int OuterAfterFailure(string label)
    {
        try
        {
            FailingStep(label);
        }
        catch (InvalidDataException)
        {
            // The pipeline handles it and goes on.
        }

        return Inner(label + "/after");
    }

    // Overloads that are different activities.
    [Activity("inner")]
    public static string Label(string label) => label;

    [Activity("outer")]
    public static string Label(string label, int repeat) => string.Concat(Enumerable.Repeat(label, repeat));

    [Activity("collect")]
    public static void Collect(IReadOnlyList<string> inputs, string output)
        => File.WriteAllLines(output, inputs.Select(File.ReadAllText));

    [Activity("gather")]
    public static int Gather(IEnumerable<object?> parts, string folder, double threshold) => parts.Count(p => p is not null) + (threshold > 0 ? 1 : 0) + folder.Length;

    [Activity("identify")]
    public static int Identify(string byPath, string unhashed) => byPath.Length + unhashed.Length;

    [Activity]
    public static int NotInModel(int x, string path, string apiToken = "") => x + path.Length + apiToken.Length;

    [Activity("connect")]
    public static void Connect(string connection, string password, string proxy)
        => throw new IOException($"cannot reach the store at '{connection}' through {proxy} (password {password.Length} characters)");
}

/// <summary>An activity in a generic class: one woven method, called for several type arguments.</summary>
public sealed class GenericStage<T>
{
    [Activity("typed_step")]
    public static int TypedStep(double ratio, decimal price, long count, DateTime when, float scale, int number, string label, bool flag) => number;

    [Activity("generic_step")]
    public T Run(T label, string path) => label;
}
