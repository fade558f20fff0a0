using System.Text;
using System.Text.Json;
using Provenance.Capture.Prov.Document;
using Provenance.Capture.Prov.Merge;
using Provenance.Capture.Prov.Writers;

namespace Provenance.Capture.Prov.Tests;

/// <summary>
/// The PROV-JSON writer formats bytes itself (a merge's sections from its symbols, on several threads)
/// and must make exactly the text System.Text.Json's writer made before: the same escaping, the same
/// indentation, the same document as the merge's elements and relations give.
/// </summary>
public sealed class DirectJsonTests(NightFixture night) : IClassFixture<NightFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("provcap-direct-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<Granularity, bool> Shapes => new()
    {
        { Granularity.Subrun, true },
        { Granularity.Subrun, false },
        { Granularity.Run, true },
        { Granularity.Run, false },
        { Granularity.Night, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_merge_writes_from_its_symbols_the_text_its_elements_and_relations_give(Granularity granularity, bool indented)
    {
        string[] logs = [night.Real.LogPath, AwkwardLog(), night.DryRun.LogPath];
        var options = new MergeOptions { Granularity = granularity };

        var direct = Write(ProvenanceMerger.Merge(logs, options).Graph, indented);
        var fromElements = Write(new ElementsOnly(ProvenanceMerger.Merge(logs, options).Graph), indented);

        Encoding.UTF8.GetString(direct).ShouldBe(Encoding.UTF8.GetString(fromElements));
        direct.Length.ShouldBeGreaterThan(10_000);
    }

    [Theory]
    [InlineData(Granularity.Subrun, ProvFormat.ProvN)]
    [InlineData(Granularity.Subrun, ProvFormat.Dot)]
    [InlineData(Granularity.Run, ProvFormat.ProvN)]
    [InlineData(Granularity.Run, ProvFormat.Dot)]
    [InlineData(Granularity.Night, ProvFormat.ProvN)]
    [InlineData(Granularity.Night, ProvFormat.Dot)]
    public void A_merge_writes_PROV_N_and_DOT_in_parallel_parts_and_from_its_symbols_as_its_elements_give_them(Granularity granularity, ProvFormat format)
    {
        string[] logs = [night.Real.LogPath, AwkwardLog(), night.DryRun.LogPath];
        var options = new MergeOptions { Granularity = granularity, IncludeMembers = true };
        var direct = Path.Combine(_directory, $"direct-{granularity}.{format}");
        var fromElements = Path.Combine(_directory, $"elements-{granularity}.{format}");

        var counts = ProvOutput.Write(ProvenanceMerger.Merge(logs, options).Graph, direct, format);
        ProvOutput.Write(new ElementsOnly(ProvenanceMerger.Merge(logs, options).Graph), fromElements, format).ShouldBe(counts);

        var text = File.ReadAllText(direct);
        text.ShouldBe(File.ReadAllText(fromElements));
        var elements = new ElementsOnly(ProvenanceMerger.Merge(logs, options).Graph);
        text.ShouldBe(format == ProvFormat.ProvN ? ProvNWriter.ToProvN(elements) : DotWriter.ToDot(elements), "the text writers' way");
        text.ShouldContain("rôle \\\"in\\\"", Case.Sensitive, "roles are quoted");
        counts.Relations.ShouldBeGreaterThan(100);
    }

    [Theory]
    [InlineData(ProvFormat.ProvN)]
    [InlineData(ProvFormat.Dot)]
    public void A_full_disk_fails_the_writing_of_PROV_N_and_DOT_and_nothing_waits_for_ever(ProvFormat format)
    {
        var merged = ProvenanceMerger.Merge([LargeLog(30_000)], new MergeOptions { Granularity = Granularity.Subrun }).Graph;

        Should.Throw<IOException>(() => ProvOutput.Write(merged, "/dev/full", format)).Message.ShouldContain("No space left on device");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_text_is_what_System_Text_Json_writes_of_the_same_document(bool indented)
    {
        string[] logs = [night.Real.LogPath, AwkwardLog()];
        var written = Write(ProvenanceMerger.Merge(logs, new MergeOptions { Granularity = Granularity.Subrun }).Graph, indented);

        Encoding.UTF8.GetString(written).ShouldBe(Encoding.UTF8.GetString(Rewritten(written, indented)));
    }

    [Theory]
    [InlineData("n1")]
    [InlineData("n2")]
    [InlineData("n3")]
    public void A_session_agent_holds_its_nested_values_flattened_in_the_order_of_their_names(string session)
    {
        var merged = ProvenanceMerger.Merge([AwkwardLog()], new MergeOptions { Granularity = Granularity.Subrun }).Graph;

        using var document = JsonDocument.Parse(Write(merged, indented: true));
        var agent = document.RootElement.GetProperty("agent").GetProperty("agent:session_" + session);
        var names = agent.EnumerateObject().Select(p => p.Name).ToList();
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToList(), "attributes in ordinal order of their names");
        names.ShouldNotContain("provcap:nothing");
        names.ShouldNotContain("provcap:empty");
        names.ShouldNotContain("provcap:none");
        string Text(string name) => agent.GetProperty(name).GetString()!;
        string Typed(JsonElement value) => value.GetProperty("$").GetString() + " " + value.GetProperty("type").GetString();
        string TypedAttribute(string name) => Typed(agent.GetProperty(name));
        Text("prov:label").ShouldBe("nested");
        Text("provcap:session_id").ShouldBe(session);
        Text("provcap:model_path").ShouldBe("/m.yaml", "the shared block, at its first, second and third use");
        Text("provcap:model_hash_type").ShouldBe("md5");
        Text("provcap:env_A_b").ShouldBe("2", "two keys that sanitise alike: the later set wins");
        Text("provcap:env_JOB").ShouldBe(session);
        agent.GetProperty("provcap:x_y").EnumerateArray().Select(v => v.GetString()).ShouldBe(["scalar", "one", "two"], "a map's scalar set, then a list's items added once each");
        TypedAttribute("provcap:x_z_deep").ShouldBe("5 xsd:int", "a set after a set of the same name, across levels");
        agent.GetProperty("provcap:n_um").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : Typed(v)).ShouldBe(["7 xsd:int", "7", "8"], "a number and a text of the same digits are two values");
        TypedAttribute("provcap:flag").ShouldBe("true xsd:boolean");
        TypedAttribute("provcap:ratio").ShouldBe("2.5 xsd:double");
        TypedAttribute("prov:type").ShouldBe("prov:SoftwareAgent xsd:QName");
    }

    [Fact]
    public void Awkward_texts_are_escaped_as_System_Text_Json_escapes_them()
    {
        var document = new ProvDocument();
        string[] awkward = ["plain", "quote \" and \\ back", "tab\tnew\nline\r\u0001\u001f", "é ü 東京 😀", "<a href='x'>&+`</a>", "del \u007f", string.Empty, "a/b:c;d=e%f~g"];
        foreach (var (text, i) in awkward.Select((t, i) => (t, i)))
        {
            document.Element(ProvElementKind.Entity, "ent:" + text + i)
                .Set(text + ":name", ProvLiteral.String(text))
                .Set("prov:type", new ProvLiteral(text, text))
                .Add("provcap:many", ProvLiteral.String(text))
                .Add("provcap:many", ProvLiteral.QName(text + "x"));
        }

        var activity = document.Element(ProvElementKind.Activity, "act:times");
        activity.StartTime = new DateTimeOffset(2020, 11, 20, 22, 0, 1, 123, TimeSpan.FromHours(-5.5));
        activity.EndTime = new DateTimeOffset(999, 1, 2, 3, 4, 5, TimeSpan.FromHours(14));
        document.Element(ProvElementKind.Agent, "agent:empty");
        document.Add(new ProvRelation(ProvRelationKind.Used, "act:times", "ent:plain0") { Role = "rôle \"1\"", Time = DateTimeOffset.UnixEpoch });

        foreach (var indented in new[] { true, false })
        {
            var written = Write(document, indented);
            Encoding.UTF8.GetString(written).ShouldBe(Encoding.UTF8.GetString(Rewritten(written, indented)));
        }
    }

    [Fact]
    public void Items_that_end_at_the_edge_of_the_text_s_buffer_are_written_whole()
    {
        // Not flushed between items: a long first string puts the item after it at every offset around the buffer's end.
        var capacity = JsonText.FlushSize + (JsonText.FlushSize >> 2);
        var time = new DateTimeOffset(2020, 11, 20, 22, 0, 1, 123, TimeSpan.FromHours(5.5)); // the longest text: its + escaped
        var items = new (Action<JsonText> Text, Action<Utf8JsonWriter> Expected)[]
        {
            (j => j.String("k"u8, "value in bytes"u8), w => w.WriteString("k", "value in bytes")),
            (j => j.String("k"u8, "value as text"), w => w.WriteString("k", "value as text")),
            (j => { j.Name("_:u"u8, 123456789); j.StringValue("x"); }, w => w.WriteString("_:u123456789", "x")),
            (j => j.QualifiedName("k"u8, "ent:"u8, "abcdef"u8), w => w.WriteString("k", "ent:abcdef")),
            (j => j.Time("t"u8, time), w => w.WriteString("t", ProvTime.Format(time))),
            (j => j.NumberText("n"u8, long.MinValue), w => w.WriteString("n", long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (j => { j.StartObject("o"u8); j.StartObject("p"u8); j.EndObject(); j.EndObject(); }, w => { w.WriteStartObject("o"); w.WriteStartObject("p"); w.WriteEndObject(); w.WriteEndObject(); }),
        };

        foreach (var (text, expected) in items)
        {
            // '{', a new line and two spaces, "p": and the filler's quotes come before the item.
            for (var filler = capacity - 11 - 48; filler <= capacity - 11 + 2; filler++)
            {
                var value = new string('x', filler);
                using var written = new MemoryStream();
                var json = new JsonText(indented: true, Into(written));
                json.StartObject();
                json.String("p"u8, value);
                text(json);
                json.EndObject();
                json.Flush();

                using var reference = new MemoryStream();
                using (var writer = new Utf8JsonWriter(reference, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteString("p", value);
                    expected(writer);
                    writer.WriteEndObject();
                }

                written.ToArray().AsSpan(filler).SequenceEqual(reference.ToArray().AsSpan(filler)).ShouldBeTrue($"the item after {filler} bytes of filler");
            }
        }
    }

    [Fact]
    public void Lines_that_end_at_the_edge_of_the_buffer_or_outgrow_it_are_written_whole()
    {
        var capacity = JsonText.FlushSize + (JsonText.FlushSize >> 2);
        var big = new string('é', 3 << 20);
        for (var filler = capacity - 40; filler <= capacity + 2; filler++)
        {
            using var written = new MemoryStream();
            var text = new LineText(Into(written));
            var head = new string('x', filler);
            text.Append(Encoding.UTF8.GetBytes(head)); // bytes are not flushed as they come: the next line lands at the edge
            "room\n"u8.CopyTo(text.Room(16));
            text.Advance(5);
            text.Append("bytes\n"u8);
            text.Append("line é\n");
            text.Append(filler == capacity ? big : "end\n");
            text.Append(Encoding.UTF8.GetBytes(filler == capacity ? big : "last\n"));
            text.Flush();

            var tail = filler == capacity ? big + big : "end\nlast\n";
            Encoding.UTF8.GetString(written.ToArray()).ShouldBe(head + "room\nbytes\nline é\n" + tail, $"after {filler} bytes");
        }
    }

    [Fact]
    public void A_value_larger_than_twice_the_buffer_is_written_whole()
    {
        var big = new string('v', 3 * (JsonText.FlushSize + (JsonText.FlushSize >> 2)));
        using var written = new MemoryStream();
        var json = new JsonText(indented: false, Into(written));
        json.StartObject();
        json.String("a"u8, big);
        json.String("b"u8, Encoding.UTF8.GetBytes(big));
        json.EndObject();
        json.Flush();

        Encoding.UTF8.GetString(written.ToArray()).ShouldBe("{\"a\":\"" + big + "\",\"b\":\"" + big + "\"}");
    }

    [Theory]
    [InlineData(ProvFormat.Json)]
    [InlineData(ProvFormat.ProvN)]
    [InlineData(ProvFormat.Dot)]
    public void A_small_document_to_a_full_disk_fails_and_a_new_folder_is_made_for_one_that_fits(ProvFormat format)
    {
        // One buffer: the disk's refusal comes only when the last bytes are handed over, at the end.
        IProvGraph[] graphs = [ApprovedOutputTests.Example(), ProvenanceMerger.Merge([AwkwardLog()], new MergeOptions { Granularity = Granularity.Subrun }).Graph];
        foreach (var graph in graphs)
        {
            Should.Throw<IOException>(() => ProvOutput.Write(graph, "/dev/full", format)).Message.ShouldContain("No space left on device");
            var path = Path.Combine(_directory, Path.GetRandomFileName(), "new", "document." + format);
            ProvOutput.Write(graph, path, format).Relations.ShouldBeGreaterThan(5);
            new FileInfo(path).Length.ShouldBeGreaterThan(500);
        }
    }

    [Fact]
    public void Times_are_spelled_as_ProvTime_spells_them_with_the_plus_escaped_as_System_Text_Json_does()
    {
        var random = new Random(20201120);
        Span<byte> bytes = stackalloc byte[TimeText.MaxLength];
        for (var i = 0; i < 10_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay);
            var time = new DateTimeOffset(ticks, TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1)));
            Encoding.ASCII.GetString(bytes[..TimeText.Format(time, bytes)]).ShouldBe(ProvTime.Format(time).Replace("+", "\\u002B", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_stream_that_fails_fails_the_writing_and_nothing_waits_for_ever()
    {
        // Tens of megabytes: every queue between the formatting threads and the stream fills up behind the failure.
        var merged = ProvenanceMerger.Merge([LargeLog(30_000)], new MergeOptions { Granularity = Granularity.Subrun }).Graph;
        var document = new ProvDocument();
        for (var i = 0; i < 100_000; i++)
        {
            document.Element(ProvElementKind.Entity, "ent:" + i).Set("prov:location", ProvLiteral.String("/data/" + new string('x', 200)));
        }

        foreach (var graph in new IProvGraph[] { merged, document })
        {
            using var full = new FailingStream();
            Should.Throw<IOException>(() => ProvJsonWriter.Write(graph, full)).Message.ShouldBe("No space left on device");
        }

        Write(merged, indented: true).Length.ShouldBeGreaterThan(8 * JsonText.FlushSize);
    }

    [Fact]
    public void Attributes_kept_as_calls_write_what_an_element_given_the_same_calls_writes()
    {
        // Random sequences of sets (some null), adds, whole sets and whole adds over a few names, long enough to
        // outgrow the calls' first order buffer: a set replaces what adds gave, an add keeps what is there, Has sees
        // a name once given. A whole add is the element's adds one by one, through either implementation.
        var random = new Random(20201120);
        string[] names = ["b", "a", "prov:type", "ab", "a:b"];
        ProvLiteral[] values = [ProvLiteral.String("x"), ProvLiteral.String("y"), ProvLiteral.QName("ent:x"), new ProvLiteral("x", "xsd:int"), new ProvLiteral("2", "xsd:int"), ProvLiteral.String("2")];
        var direct = new DirectAttributes();
        for (var trial = 0; trial < 300; trial++)
        {
            var element = new ProvElement(ProvElementKind.Activity, "act:" + trial);
            var bulk = new ProvElement(ProvElementKind.Activity, element.Id);
            direct.Clear();
            var calls = random.Next(1, 80);
            for (var call = 0; call < calls; call++)
            {
                var name = names[random.Next(names.Length)];
                var value = values[random.Next(values.Length)];
                IElementAttributes.Of(element).Has(name).ShouldBe(element.Attributes.ContainsKey(name));
                direct.Has(name).ShouldBe(element.Attributes.ContainsKey(name), $"trial {trial}, call {call}: has {name}");
                List<ProvLiteral> several = [.. values.Where(_ => random.Next(2) == 0).DefaultIfEmpty(value)];
                switch (random.Next(5))
                {
                    case 0:
                        element.Set(name, value);
                        bulk.Set(name, value);
                        direct.Set(name, value);
                        break;
                    case 1:
                        element.Set(name, null);
                        bulk.Set(name, null);
                        direct.Set(name, null);
                        break;
                    case 2:
                        IElementAttributes.Of(element).SetAll(name, [.. several]);
                        IElementAttributes.Of(bulk).SetAll(name, [.. several]);
                        direct.SetAll(name, several);
                        break;
                    case 3:
                        several.ForEach(one => element.Add(name, one));
                        IElementAttributes.Of(bulk).AddAll(name, [.. several]);
                        direct.AddAll(name, several);
                        break;
                    default:
                        IElementAttributes.Of(element).Add(name, value);
                        IElementAttributes.Of(bulk).Add(name, value);
                        direct.Add(name, value);
                        break;
                }
            }

            element.StartTime = trial % 3 == 0 ? null : new DateTimeOffset(2020, 11, 20, 22, 0, trial % 60, TimeSpan.Zero);
            element.EndTime = trial % 5 == 0 ? null : element.StartTime?.AddSeconds(1);
            (bulk.StartTime, bulk.EndTime) = (element.StartTime, element.EndTime);
            var expected = Encoding.UTF8.GetString(WriteMember(json => ProvJsonWriter.WriteElement(json, element)));
            Encoding.UTF8.GetString(WriteMember(json => direct.Write(json, element.Id, element.StartTime, element.EndTime))).ShouldBe(expected, $"trial {trial}");
            Encoding.UTF8.GetString(WriteMember(json => ProvJsonWriter.WriteElement(json, bulk))).ShouldBe(expected, $"trial {trial}");
        }
    }

    [Fact]
    public void Values_added_at_once_are_those_not_held_yet_a_plain_text_being_a_plain_literal_of_it()
    {
        List<object> held = ["2", ProvLiteral.String("x"), new ProvLiteral("3", "xsd:int")];
        AttributeValues.AddAll(held, [ProvLiteral.String("2"), new ProvLiteral("2", "xsd:int"), ProvLiteral.String("x"), new ProvLiteral("3", "xsd:int"), ProvLiteral.String("3"), ProvLiteral.QName("x")]);
        held.ShouldBe(["2", ProvLiteral.String("x"), new ProvLiteral("3", "xsd:int"), new ProvLiteral("2", "xsd:int"), ProvLiteral.String("3"), ProvLiteral.QName("x")]);
    }

    // A text's sink that keeps every buffer handed over in the stream and hands the same buffer back.
    private static Func<byte[], int, byte[]> Into(MemoryStream written) => (buffer, count) =>
    {
        written.Write(buffer, 0, count);
        return buffer;
    };

    // One member written inside an object of its own.
    private static byte[] WriteMember(Action<JsonText> member)
    {
        using var written = new MemoryStream();
        var json = new JsonText(indented: true, Into(written));
        json.StartObject();
        member(json);
        json.EndObject();
        json.Flush();
        return written.ToArray();
    }

    private static byte[] Write(IProvGraph graph, bool indented)
    {
        using var stream = new MemoryStream();
        ProvJsonWriter.Write(graph, stream, indented);
        return stream.ToArray();
    }

    // The document read back and written again by Utf8JsonWriter (which escapes every string anew).
    private static byte[] Rewritten(byte[] json, bool indented)
    {
        using var parsed = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            parsed.WriteTo(writer);
        }

        return stream.ToArray();
    }

    // Texts that need escaping or sanitising everywhere a symbol goes: ids that sanitise alike, an agent
    // named like a session's agent, quotes, backslashes, controls, HTML characters, non-ASCII, a time
    // with a negative offset, a second agent and session on one activity.
    private string AwkwardLog()
    {
        var path = Path.Combine(_directory, "awkward.log");
        if (File.Exists(path))
        {
            return path;
        }

        var lines = new List<string>();
        void Line(object record) => lines.Add(JsonSerializer.Serialize(record));
        Line(new Dictionary<string, object> { ["@t"] = "2020-11-20T22:00:00Z", ["prov_kind"] = "session", ["prov_schema"] = 1, ["session_id"] = "s x", ["session_tag"] = "tag \"é\"" });
        Line(new Dictionary<string, object> { ["@t"] = "2020-11-20T22:00:00Z", ["prov_kind"] = "session", ["prov_schema"] = 1, ["session_id"] = "s_x", ["session_tag"] = "<b>" });
        string[] entities = ["e 1", "e#1", "ü<&>", "q\"\\\t"];
        string[] types = ["File", "Other", "FileCollection", "Value"];
        foreach (var (id, type) in entities.Zip(types))
        {
            var entity = new Dictionary<string, object>
            {
                ["@t"] = "2020-11-20T22:00:01Z",
                ["prov_kind"] = "entity",
                ["prov_schema"] = 1,
                ["entity_id"] = id,
                ["name"] = "Kind " + id,
                ["type"] = type,
                ["location"] = "/data/" + id + "/x+y.h5",
                ["hash"] = "h+" + id,
                ["hash_type"] = "md5",
                ["size"] = 12,
                ["in_session"] = "s x",
            };
            if (type == "Value")
            {
                entity["problem"] = "not hashed: \"gone\"";
            }

            Line(entity);
        }

        for (var i = 0; i < 4; i++)
        {
            var activity = i % 2 == 0 ? $"a {i}" : $"a_{i - 1}";
            var start = new Dictionary<string, object>
            {
                ["@t"] = "2020-11-20T22:00:02Z",
                ["prov_kind"] = "activity_start",
                ["prov_schema"] = 1,
                ["activity_id"] = activity,
                ["name"] = "step é",
                ["startTime"] = "2020-11-20T17:00:02.5-05:00",
                ["in_session"] = i < 2 ? "s x" : "s_x",
                ["agent_name"] = i == 3 ? "session_s_x" : "agent <1>",
                ["run"] = 1618,
                ["subrun"] = i,
                ["parameters"] = new Dictionary<string, object> { ["text"] = "v \"" + i, ["n"] = i },
                ["used"] = new[] { new Dictionary<string, string> { ["used_id"] = entities[i], ["used_role"] = "rôle \"in\"" }, new Dictionary<string, string> { ["used_id"] = entities[(i + 1) % 4], ["used_role"] = "rôle \"in\"" } },
            };
            if (i % 2 == 1)
            {
                // Nested calls, two of one parent: the merge says each activity was informed by its parent's.
                start["parent_activity_id"] = "a 0";
            }

            Line(start);
            Line(new Dictionary<string, object>
            {
                ["@t"] = "2020-11-20T22:00:03Z",
                ["prov_kind"] = "activity_end",
                ["prov_schema"] = 1,
                ["activity_id"] = activity,
                ["endTime"] = "2020-11-20T22:00:03+00:00",
                ["in_session"] = i < 2 ? "s x" : "s_x",
                ["status"] = i == 2 ? "failed" : "succeeded",
                // The third call makes again a file the second made, with the same agent: one attribution, not two.
                ["generated"] = (i == 2 ? new[] { 0, 3 } : [(i + 2) % 4]).Select(e => new Dictionary<string, string> { ["generated_id"] = entities[e], ["generated_role"] = "out\\" }).ToArray(),
                ["derivations"] = new[] { new Dictionary<string, string> { ["generated_id"] = entities[(i + 2) % 4], ["progenitor_id"] = entities[i] } },
            });
        }

        // Sessions with nested values: a block the three share (flattened anew, then once for the rest), keys
        // that sanitise alike, a list and a map's scalar of one name, a set after a set across levels, no values.
        foreach (var session in new[] { "n1", "n2", "n3" })
        {
            Line(new Dictionary<string, object?>
            {
                ["@t"] = "2020-11-20T22:00:04Z",
                ["prov_kind"] = "session",
                ["prov_schema"] = 1,
                ["session_id"] = session,
                ["session_tag"] = "nested",
                ["model"] = new Dictionary<string, object> { ["path"] = "/m.yaml", ["hash"] = "abc", ["hash_type"] = "md5" },
                ["env"] = new Dictionary<string, object> { ["A b"] = "1", ["A_b"] = "2", ["JOB"] = session },
                ["x"] = new Dictionary<string, object> { ["y"] = "scalar", ["z"] = new Dictionary<string, object> { ["deep"] = 3 } },
                ["x_y"] = new[] { "one", "scalar", "two", "one" },
                ["x_z_deep"] = 5,
                ["n"] = new Dictionary<string, object> { ["um"] = 7 },
                ["n_um"] = new[] { "7", "8" },
                ["tags"] = new[] { "alpha", "beta" },
                ["flag"] = true,
                ["ratio"] = 2.5,
                ["nothing"] = null,
                ["empty"] = new Dictionary<string, object>(),
                ["none"] = Array.Empty<string>(),
            });
            Line(new Dictionary<string, object>
            {
                ["@t"] = "2020-11-20T22:00:05Z",
                ["prov_kind"] = "activity_start",
                ["prov_schema"] = 1,
                ["activity_id"] = "in " + session,
                ["name"] = "nested",
                ["startTime"] = "2020-11-20T22:00:05Z",
                ["in_session"] = session,
            });
            Line(new Dictionary<string, object>
            {
                ["@t"] = "2020-11-20T22:00:06Z",
                ["prov_kind"] = "activity_end",
                ["prov_schema"] = 1,
                ["activity_id"] = "in " + session,
                ["endTime"] = "2020-11-20T22:00:06Z",
                ["in_session"] = session,
                ["status"] = "succeeded",
            });
        }

        File.WriteAllLines(path, lines);
        return path;
    }

    // Activities that each use one file and make another, in runs of 100 subruns.
    private string LargeLog(int activities)
    {
        var path = Path.Combine(_directory, $"large-{activities}.log");
        using var log = new StreamWriter(path);
        log.WriteLine("{\"@t\":\"2020-11-20T22:00:00Z\",\"prov_kind\":\"session\",\"prov_schema\":1,\"session_id\":\"s\"}");
        for (var i = 0; i < activities; i++)
        {
            log.WriteLine($"{{\"@t\":\"2020-11-20T22:00:01Z\",\"prov_kind\":\"entity\",\"prov_schema\":1,\"entity_id\":\"in{i}\",\"name\":\"R0\",\"location\":\"/data/R0/{i}.fits.fz\",\"hash\":\"{i:x32}\",\"hash_type\":\"md5\",\"size\":{i}}}");
            log.WriteLine($"{{\"@t\":\"2020-11-20T22:00:01Z\",\"prov_kind\":\"activity_start\",\"prov_schema\":1,\"activity_id\":\"a{i}\",\"name\":\"r0_to_dl1\",\"startTime\":\"2020-11-20T22:00:01Z\",\"in_session\":\"s\",\"agent_name\":\"seq\",\"run\":{1600 + (i / 100)},\"subrun\":{i % 100},\"used\":[{{\"used_id\":\"in{i}\",\"used_role\":\"R0\"}}]}}");
            log.WriteLine($"{{\"@t\":\"2020-11-20T22:00:02Z\",\"prov_kind\":\"activity_end\",\"prov_schema\":1,\"activity_id\":\"a{i}\",\"endTime\":\"2020-11-20T22:00:02Z\",\"in_session\":\"s\",\"status\":\"succeeded\",\"generated\":[{{\"generated_id\":\"out{i}\",\"generated_role\":\"DL1\"}}]}}");
        }

        return path;
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");
    }
}
