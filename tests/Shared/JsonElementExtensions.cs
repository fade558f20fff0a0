using System.Text.Json;

namespace Provenance.Capture.Tests.Shared;

/// <summary>Short reads of a record's fields in tests, compiled into each test project that reads records.</summary>
internal static class JsonElementExtensions
{
    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;

    public static string? StrOrNull(this JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
