using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustAgain.Web.Journal.Archive;

// Export times are written on the person's own clock as ISO 8601 with the offset in force at that moment
// ("2026-11-25T21:10:00+01:00"), so the file says exactly when without anyone needing to know the zone. Read back,
// any time with an offset or a Z is turned into UTC, and one without (older exports, all in UTC) is taken as UTC.
public sealed class ZonedTimes(TimeZoneInfo zone) : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A time must be a string.");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : throw new JsonException($"'{text}' is not a time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)), zone)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}
