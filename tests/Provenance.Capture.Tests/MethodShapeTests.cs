using System.Collections.Concurrent;
using Provenance.Capture.Records;
using Provenance.Capture.Runtime;
using Provenance.Capture.Tests.Pipeline;

namespace Provenance.Capture.Tests;

public sealed class MethodShapeTests : IDisposable
{
    private readonly CaptureFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Async_activity_ends_when_its_task_completes_not_when_it_is_returned()
    {
        var input = _fixture.File("in.dat", "input");
        var output = Path.Combine(_fixture.Directory, "out.dat");
        using (_fixture.Start())
        {
            var task = new TestPipeline().AsyncStep(input, output, TimeSpan.FromMilliseconds(300));
            task.IsCompleted.ShouldBeFalse();
            _fixture.Records(RecordKinds.ActivityEnd).ShouldBeEmpty();
            (await task).ShouldBe(output);
        }

        var start = _fixture.Records(RecordKinds.ActivityStart).ShouldHaveSingleItem();
        var end = _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem();
        var elapsed = end.GetProperty("endTime").GetDateTimeOffset() - start.GetProperty("startTime").GetDateTimeOffset();
        elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        var generated = end.GetProperty("generated").EnumerateArray().ShouldHaveSingleItem();
        var entity = _fixture.Records(RecordKinds.Entity).Single(e => e.Str("entity_id") == generated.Str("generated_id"));
        entity.Str("location").ShouldBe(output);
    }

    [Fact]
    public async Task Plain_task_and_value_task_activities_are_recorded_on_completion()
    {
        var input = _fixture.File("in.dat", "input");
        var pipeline = new TestPipeline();
        using (_fixture.Start())
        {
            await pipeline.AsyncVoidStep(input, TimeSpan.FromMilliseconds(50));
            (await pipeline.ValueTaskStep(21)).ShouldBe(42);
        }

        pipeline.BodyRuns.ShouldBe(1);
        var names = _fixture.Records(RecordKinds.ActivityStart).ToDictionary(s => s.Str("activity_id"), s => s.Str("name"));
        var ends = _fixture.Records(RecordKinds.ActivityEnd);
        ends.Select(e => names[e.Str("activity_id")]).ShouldBe(["async_void_step", "value_task_step"]);
        ends.ShouldAllBe(e => e.Str("status") == ActivityStatus.Succeeded);
    }

    [Fact]
    public async Task Task_and_value_task_activities_that_complete_at_once_are_ended_with_their_result()
    {
        var input = _fixture.File("in.dat", "input");
        var output = Path.Combine(_fixture.Directory, "out.dat");
        using (_fixture.Start())
        {
            (await TestPipeline.AsyncStepAtOnce(input, output)).ShouldBe(output);
            (await TestPipeline.ValueTaskStepAtOnce(4)).ShouldBe(12);
        }

        var ends = _fixture.Records(RecordKinds.ActivityEnd);
        ends.Count.ShouldBe(2);
        ends.ShouldAllBe(e => e.Str("status") == ActivityStatus.Succeeded);
        ends[0].GetProperty("generated").EnumerateArray().ShouldHaveSingleItem().Str("generated_id").ShouldBe(CaptureFixture.FileEntityId(output), "the task's result names the output");
    }

    [Fact]
    public async Task Generic_async_methods_are_ended_with_their_result_for_each_type_argument()
    {
        var input = _fixture.File("in.dat", "input");
        using (_fixture.Start())
        {
            (await TestPipeline.GenericStepAsync(7, input)).ShouldBe(7);
            (await TestPipeline.GenericStepAsync("seven", input)).ShouldBe("seven");
            (await TestPipeline.GenericStepValueAsync(8, input)).ShouldBe(8);
            (await TestPipeline.GenericStepValueAsync("eight", input)).ShouldBe("eight");
        }

        _fixture.Records(RecordKinds.ActivityStart).Select(s => s.GetProperty("parameters").GetProperty("label").ToString()).ShouldBe(["7", "seven", "8", "eight"]);
        var ends = _fixture.Records(RecordKinds.ActivityEnd);
        ends.Count.ShouldBe(4);
        ends.ShouldAllBe(e => e.Str("status") == ActivityStatus.Succeeded);
    }

    [Fact]
    public async Task A_task_with_a_result_failing_after_its_first_await_ends_the_activity_as_failed_and_the_caller_gets_the_exception()
    {
        var input = _fixture.File("bad.fits", "x");
        using (_fixture.Start())
        {
            (await Should.ThrowAsync<InvalidDataException>(() => TestPipeline.FailingCountAsync(input))).Message.ShouldBe("no count in bad.fits");
        }

        var end = _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem();
        end.Str("status").ShouldBe(ActivityStatus.Failed);
        end.Str("exception_message").ShouldBe("no count in bad.fits");
    }

    [Fact]
    public void Overloads_that_are_different_activities_are_told_apart()
    {
        using (_fixture.Start())
        {
            TestPipeline.Label("a").ShouldBe("a");
            TestPipeline.Label("b", 2).ShouldBe("bb");
            TestPipeline.Label("c").ShouldBe("c");
        }

        _fixture.Records(RecordKinds.ActivityStart).Select(s => (s.Str("name"), s.GetProperty("parameters").Str("label")))
            .ShouldBe([("inner", "a"), ("outer", "b"), ("inner", "c")]);
    }

    [Fact]
    public void An_overload_call_that_cannot_be_resolved_is_reported_once_and_not_recorded()
    {
        // A target delegate whose method is not named as AspectInjector names a moved body.
        var reports = new List<string>();
        var plan = new MethodPlan("any", CaptureMode.Blind, null, null);
        var woven = new WovenMethods(_ => plan, reports.Add);
        Func<object[], object> target = arguments => arguments;

        woven.PlanFor(typeof(TestPipeline), nameof(TestPipeline.Inner), target).ShouldBeSameAs(plan, "a name one activity method has is found without the target");
        woven.PlanFor(typeof(TestPipeline), nameof(TestPipeline.Label), target).ShouldBeSameAs(MethodPlan.Ignored);
        woven.PlanFor(typeof(TestPipeline), nameof(TestPipeline.Label), target).ShouldBeSameAs(MethodPlan.Ignored);
        reports.ShouldHaveSingleItem().ShouldContain($"{typeof(TestPipeline).FullName} named Label");
    }

    [Fact]
    public void Activity_of_a_generic_class_is_recorded_for_each_type_argument()
    {
        var input = _fixture.File("in.dat", "input");
        using (_fixture.Start())
        {
            new GenericStage<int>().Run(7, input).ShouldBe(7);
            new GenericStage<string>().Run("seven", input).ShouldBe("seven");
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        starts.Select(s => s.Str("name")).ShouldBe(["generic_step", "generic_step"]);
        starts[0].GetProperty("parameters").GetProperty("label").GetInt32().ShouldBe(7);
        starts[1].GetProperty("parameters").GetProperty("label").GetString().ShouldBe("seven");
    }

    [Fact]
    public void Generic_method_is_woven_and_recorded_for_each_type_argument()
    {
        var input = _fixture.File("in.dat", "input");
        using (_fixture.Start())
        {
            TestPipeline.GenericStep(42, input).ShouldBe(42);
            TestPipeline.GenericStep("label", input).ShouldBe("label");
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        starts.Count.ShouldBe(2);
        starts[0].GetProperty("parameters").GetProperty("label").GetInt32().ShouldBe(42);
        starts[1].GetProperty("parameters").GetProperty("label").GetString().ShouldBe("label");
        _fixture.Records(RecordKinds.Entity).Count.ShouldBe(1, "an unchanged file is recorded once per process");
    }

    [Fact]
    public void Throwing_activity_is_recorded_failed_and_the_exception_is_rethrown_unchanged()
    {
        var input = _fixture.File("bad.fits", "x");
        using (_fixture.Start())
        {
            var thrown = Should.Throw<InvalidDataException>(() => TestPipeline.FailingStep(input));
            thrown.Message.ShouldBe("corrupt header in bad.fits");
            thrown.StackTrace.ShouldNotBeNull().ShouldContain(nameof(TestPipeline.FailingStep));
        }

        var end = _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem();
        end.Str("status").ShouldBe(ActivityStatus.Failed);
        end.Str("exception_type").ShouldBe(typeof(InvalidDataException).FullName);
        end.Str("exception_message").ShouldBe("corrupt header in bad.fits");
        end.TryGetProperty("generated", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Async_failure_is_recorded_when_the_task_faults()
    {
        var input = _fixture.File("bad.fits", "x");
        using (_fixture.Start())
        {
            var thrown = await Should.ThrowAsync<InvalidDataException>(() => TestPipeline.FailingStepAsync(input));
            thrown.Message.ShouldBe("late failure in bad.fits");
        }

        var end = _fixture.Records(RecordKinds.ActivityEnd).ShouldHaveSingleItem();
        end.Str("status").ShouldBe(ActivityStatus.Failed);
        end.Str("exception_message").ShouldBe("late failure in bad.fits");
    }

    [Fact]
    public void Nested_activity_names_its_parent()
    {
        using (_fixture.Start())
        {
            new TestPipeline().Outer("a").ShouldBe(8);
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        var outer = starts.Single(s => s.Str("name") == "outer");
        var inner = starts.Single(s => s.Str("name") == "inner");
        inner.Str("parent_activity_id").ShouldBe(outer.Str("activity_id"));
        outer.TryGetProperty("parent_activity_id", out _).ShouldBeFalse();
    }

    [Fact]
    public void An_activity_called_alone_and_nested_in_turn_names_its_parent_only_when_nested()
    {
        // Records of one method are built from the last one's event properties: a field that comes and goes must too.
        var pipeline = new TestPipeline();
        using (_fixture.Start())
        {
            pipeline.Inner("a");
            pipeline.Outer("bb");
            pipeline.Inner("ccc");
            pipeline.Outer("dddd");
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        var outers = starts.Where(s => s.Str("name") == "outer").Select(s => s.Str("activity_id")).ToList();
        var inners = starts.Where(s => s.Str("name") == "inner").ToList();
        inners.Select(s => s.TryGetProperty("parent_activity_id", out var parent) ? parent.GetString() : null)
            .ShouldBe([null, outers[0], null, outers[1]]);
        inners.Select(s => s.Str("activity_id")).Distinct().Count().ShouldBe(4);
        _fixture.Records(RecordKinds.ActivityEnd).Select(e => e.Str("activity_id"))
            .ShouldBe(starts.Select(s => s.Str("activity_id")).Order(), ignoreOrder: true);
    }

    [Fact]
    public async Task Thousand_concurrent_activities_never_mix_up_their_records()
    {
        const int calls = 1000;
        using (_fixture.Start())
        {
            var pipeline = new TestPipeline();
            var tasks = Enumerable.Range(0, calls).Select(i => Task.Run(async () =>
            {
                await Task.Yield();
                return pipeline.Outer($"call-{i:D4}");
            }));
            await Task.WhenAll(tasks);
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        starts.Count.ShouldBe(2 * calls);
        var byId = starts.ToDictionary(s => s.Str("activity_id"));
        var outers = starts.Where(s => s.Str("name") == "outer").ToDictionary(s => s.Str("activity_id"), s => s.GetProperty("parameters").Str("label"));
        var mixed = new ConcurrentBag<string>();
        foreach (var inner in starts.Where(s => s.Str("name") == "inner"))
        {
            var parentLabel = outers[inner.Str("parent_activity_id")];
            if (inner.GetProperty("parameters").Str("label") != parentLabel + "/child")
            {
                mixed.Add(inner.Str("activity_id"));
            }
        }

        mixed.ShouldBeEmpty();
        var ends = _fixture.Records(RecordKinds.ActivityEnd);
        ends.Count.ShouldBe(2 * calls);
        ends.Select(e => e.Str("activity_id")).Distinct().Count().ShouldBe(2 * calls);
        ends.ShouldAllBe(e => byId.ContainsKey(e.Str("activity_id")));
    }

    [Fact]
    public async Task A_thousand_concurrent_async_chains_never_mix_up_their_records()
    {
        const int Chains = 1000;
        var pipeline = new TestPipeline();
        using (_fixture.Start())
        {
            await Task.WhenAll(Enumerable.Range(0, Chains).Select(i => Task.Run(() => pipeline.ChainAsync($"chain-{i:D4}"), TestContext.Current.CancellationToken)));
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        var labelOf = starts.ToDictionary(s => s.Str("activity_id"), s => s.GetProperty("parameters").Str("label"));
        var parentOf = starts.ToDictionary(s => s.Str("activity_id"), s => s.StrOrNull("parent_activity_id"));
        var mixed = 0;
        foreach (var start in starts.Where(s => s.Str("name") is "inner" or "leaf"))
        {
            var id = start.Str("activity_id");
            var parent = parentOf[id];
            var suffix = start.Str("name") == "inner" ? "/inner" : "/leaf";
            mixed += parent is not null && labelOf.TryGetValue(parent, out var parentLabel) && parentLabel + suffix == labelOf[id] ? 0 : 1;
        }

        var ends = _fixture.Records(RecordKinds.ActivityEnd).Select(e => e.Str("activity_id")).ToHashSet();
        TestContext.Current.TestOutputHelper?.WriteLine($"{Chains} concurrent outer -> inner -> leaf chains: {starts.Count} starts, {ends.Count} ends, {mixed} records naming another chain's parent");

        starts.Count.ShouldBe(3 * Chains);
        starts.Count(s => s.Str("name") == "outer").ShouldBe(Chains);
        starts.Where(s => s.Str("name") == "outer").ShouldAllBe(s => s.StrOrNull("parent_activity_id") == null);
        mixed.ShouldBe(0);
        ends.SetEquals(labelOf.Keys).ShouldBeTrue("every call ended once");
    }

    [Fact]
    public async Task Nested_activities_after_an_await_name_the_activity_of_their_own_async_flow()
    {
        const int calls = 16;
        var pipeline = new TestPipeline();
        using (_fixture.Start())
        {
            // Every flow awaits before and between its nested calls: its continuations run on pool threads
            // that other flows' activities used too.
            await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(() => pipeline.OuterAsync($"flow-{i:D2}", TimeSpan.FromMilliseconds(5 + (i % 4))))));
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        var outers = starts.Where(s => s.Str("name") == "outer").ToDictionary(s => s.GetProperty("parameters").Str("label"), s => s.Str("activity_id"));
        outers.Count.ShouldBe(calls);
        var inners = starts.Where(s => s.Str("name") == "inner").ToList();
        inners.Count.ShouldBe(2 * calls);
        foreach (var inner in inners)
        {
            var label = inner.GetProperty("parameters").Str("label");
            inner.StrOrNull("parent_activity_id").ShouldBe(outers[label[..label.IndexOf('/')]], label);
        }
    }

    [Fact]
    public void After_a_nested_activity_throws_the_next_nested_one_names_the_outer_activity_again()
    {
        using (_fixture.Start())
        {
            new TestPipeline().OuterAfterFailure("x.fits").ShouldBe("x.fits/after".Length);
        }

        var starts = _fixture.Records(RecordKinds.ActivityStart);
        var outer = starts.Single(s => s.Str("name") == "outer").Str("activity_id");
        starts.Single(s => s.Str("name") == "failing_step").Str("parent_activity_id").ShouldBe(outer);
        starts.Single(s => s.Str("name") == "inner").Str("parent_activity_id").ShouldBe(outer);
        _fixture.Records(RecordKinds.ActivityEnd).Select(e => e.Str("status")).ShouldBe([ActivityStatus.Failed, ActivityStatus.Succeeded, ActivityStatus.Succeeded], ignoreOrder: true);
    }

    [Fact]
    public void Without_a_running_capture_woven_methods_just_run()
    {
        new TestPipeline().Outer("plain").ShouldBe(12);
        File.Exists(_fixture.LogPath).ShouldBeFalse();
    }
}
