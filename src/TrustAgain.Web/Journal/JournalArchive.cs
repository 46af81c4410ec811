using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Web.Journal;

// Everything a person has written and done, out as a file and back in again.
public sealed class JournalArchive(AppDbContext db, ReflectionJournal journal, PersonKeys keys, GuideLibrary guide, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<JournalExport> ExportAsync(string userId)
    {
        var progress = await db.Progress.AsNoTracking()
            .Where(p => p.UserId == userId)
            .OrderBy(p => p.CompletedAt)
            .Select(p => new ExportedProgress(p.StepKey, p.CompletedAt))
            .ToListAsync();
        var reflections = (await journal.AllAsync(userId))
            .Select(r => new ExportedReflection(r.StepKey, r.Prompt, r.Text, r.CreatedAt, r.UpdatedAt))
            .ToList();
        return new JournalExport(JournalExport.FormatName, JournalExport.CurrentVersion, clock.GetUtcNow().UtcDateTime, progress, reflections);
    }

    // Readable Markdown grouped by journey and step, in guide order; steps in no journey come last.
    public async Task<string> ExportMarkdownAsync(string userId)
    {
        var export = await ExportAsync(userId);
        var byStep = export.Reflections.ToLookup(r => r.StepKey);
        var done = export.Progress.Select(p => p.StepKey).ToHashSet();
        var markdown = new StringBuilder("# My TrustAgain journal\n\n")
            .Append(CultureInfo.InvariantCulture, $"Exported {export.ExportedAt:yyyy-MM-dd HH:mm} UTC.\n");

        var written = new HashSet<string>();
        foreach (var journey in guide.Journeys)
        {
            var steps = journey.Steps.Where(s => byStep.Contains(s.Key) || done.Contains(s.Key)).ToList();
            if (steps.Count == 0)
            {
                continue;
            }
            markdown.Append(CultureInfo.InvariantCulture, $"\n## {journey.Title}\n");
            foreach (var step in steps)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"\n### {step.Title}{(done.Contains(step.Key) ? " (done)" : "")}\n");
                AppendReflections(markdown, byStep[step.Key]);
                written.Add(step.Key);
            }
        }

        var others = byStep.Where(g => !written.Contains(g.Key)).ToList();
        if (others.Count > 0)
        {
            markdown.Append("\n## Other steps\n");
            foreach (var group in others)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"\n### {guide.FindStep(group.Key)?.Title ?? group.Key}\n");
                AppendReflections(markdown, group);
            }
        }
        return markdown.ToString();
    }

    // Restores an export into an account that has nothing yet, so nothing is ever duplicated or overwritten.
    public async Task<ImportResult> ImportAsync(string userId, Stream json)
    {
        JournalExport? export;
        try
        {
            export = await JsonSerializer.DeserializeAsync<JournalExport>(json, Json);
        }
        catch (JsonException)
        {
            return ImportResult.Failed("That file is not a TrustAgain export: it could not be read as JSON.");
        }
        if (export is null || export.Format != JournalExport.FormatName || export.Reflections is null || export.Progress is null)
        {
            return ImportResult.Failed("That file is not a TrustAgain export.");
        }
        if (export.Version > JournalExport.CurrentVersion)
        {
            return ImportResult.Failed("That export comes from a newer version of TrustAgain and cannot be imported here.");
        }
        if (await db.Reflections.AnyAsync(r => r.UserId == userId) || await db.Progress.AnyAsync(p => p.UserId == userId))
        {
            return ImportResult.Failed("Import restores into an empty journal, and yours already has entries or progress.");
        }

        var key = await keys.ForAsync(userId);
        var restorable = export.Reflections.Where(r => r.Text is not null && !string.IsNullOrWhiteSpace(r.StepKey)).ToList();
        foreach (var entry in restorable)
        {
            var id = Guid.CreateVersion7(entry.CreatedAt);
            db.Reflections.Add(new Reflection
            {
                Id = id,
                UserId = userId,
                StepKey = entry.StepKey,
                Prompt = entry.Prompt,
                Ciphertext = key.Encrypt(id, entry.Text!),
                CreatedAt = DateTime.SpecifyKind(entry.CreatedAt, DateTimeKind.Utc),
                UpdatedAt = DateTime.SpecifyKind(entry.UpdatedAt, DateTimeKind.Utc),
                Version = 1,
            });
        }
        foreach (var step in export.Progress.DistinctBy(p => p.StepKey))
        {
            db.Progress.Add(new StepProgress { UserId = userId, StepKey = step.StepKey, CompletedAt = DateTime.SpecifyKind(step.CompletedAt, DateTimeKind.Utc) });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return new ImportResult(null, restorable.Count, export.Progress.Count, export.Reflections.Count - restorable.Count);
    }

    private static void AppendReflections(StringBuilder markdown, IEnumerable<ExportedReflection> reflections)
    {
        foreach (var reflection in reflections)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\n**{reflection.CreatedAt:yyyy-MM-dd HH:mm} UTC**");
            if (reflection.Prompt is not null)
            {
                markdown.Append(CultureInfo.InvariantCulture, $" — *{reflection.Prompt}*");
            }
            markdown.Append("\n\n").Append(reflection.Text ?? "(This entry was damaged and could not be read.)").Append('\n');
        }
    }
}

public sealed record ImportResult(string? Error, int Reflections, int StepsDone, int Skipped)
{
    public static ImportResult Failed(string error) => new(error, 0, 0, 0);
}
