using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Journal;
using TrustAgain.Web.Content;
using TrustAgain.Web.Insights;
using TrustAgain.Web.TimeZones;

namespace TrustAgain.Web.Pages.Journal;

// A reflection that can go into a summary, with where it was written. Text is the person's edited version once
// they have been through step 2, otherwise the reflection as stored.
public sealed record SummaryReflection(Guid Id, string Where, string? Prompt, DateTime CreatedAt, string Text)
{
    public IReadOnlyList<Passage> Passages => Passage.Split(Text);
}

// The chosen check-ins, already laid out as the same charts /insights draws.
public sealed record SummaryCheckIns(DateOnly? From, DateOnly? To, IReadOnlyList<CheckInEntry> Entries, TrustTimeline Timeline, TrustByStep ByStep);

// Everything a person could choose from on step 1.
public sealed record SummaryOptions(
    IReadOnlyList<IGrouping<string, SummaryReflection>> ReflectionsByStep, int CheckInCount, IReadOnlyList<Agreement> Commitments);

// Span is the first and last day (on the person's own clock) anything in the summary happened on; null for a
// summary of nothing dated.
public sealed record CounsellorSummary(
    IReadOnlyList<SummaryReflection> Reflections, SummaryCheckIns? CheckIns, IReadOnlyList<Agreement> Commitments, DateOnly Today,
    (DateOnly From, DateOnly To)? Span);

// Gathers one person's reflections, check-ins and commitments for a summary. Every item comes from that person's
// own data through the services that own it, so an id of someone else's item posted by hand matches nothing and
// is simply left out.
public sealed class CounsellorSummaries(
    ReflectionJournal journal, CheckIns checkIns, CommitmentLedger ledger, JourneyProgress progress, GuideLibrary guide, PersonClock clock)
{
    public async Task<SummaryOptions> OptionsAsync(string userId)
    {
        var reflections = await ReflectionsAsync(userId);
        var readableCheckIns = (await checkIns.AllAsync(userId)).Count(c => !c.IsDamaged);
        var commitments = (await ledger.AllAsync(userId)).Where(c => !c.IsDamaged).ToList();
        return new([.. reflections.GroupBy(r => r.Where)], readableCheckIns, commitments);
    }

    public async Task<CounsellorSummary> ForAsync(string userId, SummaryChoice choice)
    {
        var chosen = choice.ReflectionIds.ToHashSet();
        var reflections = (await ReflectionsAsync(userId))
            .Where(r => chosen.Contains(r.Id))
            .Select(r => choice.Texts.TryGetValue(r.Id, out var edited) ? r with { Text = edited ?? "" } : r)
            .ToList();
        var commitmentIds = choice.CommitmentIds.ToHashSet();
        var commitments = (await ledger.AllAsync(userId)).Where(c => !c.IsDamaged && commitmentIds.Contains(c.Id)).ToList();
        var chosenCheckIns = choice.IncludeCheckIns ? await CheckInsAsync(userId, choice.CheckInsFrom, choice.CheckInsTo) : null;
        var days = reflections.Select(r => clock.DayOf(r.CreatedAt))
            .Concat(chosenCheckIns?.Entries.Select(c => clock.DayOf(c.CreatedAt)) ?? [])
            .Concat(commitments.SelectMany(c => c.Log.Select(e => e.On).Append(clock.DayOf(c.CreatedAt))))
            .ToList();
        return new(reflections, chosenCheckIns, commitments, clock.Today, days.Count == 0 ? null : (days.Min(), days.Max()));
    }

    // Oldest first, so a summary reads in the order things happened. Damaged entries cannot be shown, so they
    // cannot be chosen either.
    private async Task<List<SummaryReflection>> ReflectionsAsync(string userId) =>
        [.. (await journal.AllAsync(userId))
            .Where(r => !r.IsDamaged)
            .Select(r => new SummaryReflection(r.Id, Where(r.StepKey), r.Prompt, r.CreatedAt, r.Text!))];

    private string Where(string stepKey) =>
        guide.FindStep(stepKey) is { } step
            ? $"{guide.JourneyOf(step)?.Title ?? guide.SectionOf(step).Title} · {step.Title}"
            : "A step no longer in the guide";

    private async Task<SummaryCheckIns> CheckInsAsync(string userId, DateOnly? from, DateOnly? to)
    {
        // The dates chosen are the person's own days.
        bool InRange(DateTime at) =>
            (from is null || clock.DayOf(at) >= from) && (to is null || clock.DayOf(at) <= to);

        var entries = (await checkIns.AllAsync(userId)).Where(c => !c.IsDamaged && InRange(c.CreatedAt)).ToList();
        var completed = await progress.CompletedStepsAsync(userId);
        // The timeline covers only the chosen dates; trust by step still needs every completed step, to know which
        // step each check-in came after.
        var timeline = TrustTimeline.From(entries, [.. completed.Where(c => InRange(c.CompletedAt))], clock.Zone);
        return new(from, to, entries, timeline, TrustByStep.From(entries, completed, guide));
    }
}
