using TrustAgain.Web.Content;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Together;

// What the other person chose to let this person see: titles of finished steps, and check-in numbers.
public sealed record SharedProgress(IReadOnlyList<(string Title, DateTime CompletedAt)>? FinishedSteps,
    IReadOnlyList<(DateTime At, int Trust, int Safety)>? CheckInTrend);

public sealed record TogetherView(
    bool SafePairingDone, bool LinkEnded, PairLink? Link, PendingInvitation? Pending, IReadOnlyList<OfferView> Offers,
    IReadOnlyList<DisclosureLine> Record, SharedProgress? Shared);

// Everything /together shows, gathered from the stores in one place so the page model stays thin.
public sealed class TogetherStatus(PairLinks links, PartnerOffers offers, SafetyChecks checks, JourneyProgress progress, CheckIns checkIns,
    GuideLibrary guide)
{
    public const string SafePairingKey = SafetyChecks.SafePairing;

    // Only the most recent check-ins are shown as a trend; the whole history stays with its owner.
    private const int TrendLength = 10;

    public async Task<TogetherView> ForAsync(string userId)
    {
        var link = await links.FindAsync(userId);
        return new(
            await checks.IsCompletedAsync(userId, SafePairingKey),
            link is null && await links.LinkEndedAsync(userId),
            link,
            link is null ? await links.PendingAsync(userId) : null,
            await offers.ListAsync(userId),
            await offers.RecordAsync(userId),
            link is null ? null : await SharedAsync(link));
    }

    public string StepTitle(string stepKey) => guide.FindStep(stepKey)?.Title ?? "A step no longer in the guide";

    private async Task<SharedProgress> SharedAsync(PairLink link) => new(
        link.OtherSharesFinishedSteps
            ? [.. (await progress.CompletedStepsAsync(link.OtherId)).Select(s => (s.Step.Title, s.CompletedAt))]
            : null,
        link.OtherSharesCheckInTrend
            ? [.. (await checkIns.AllAsync(link.OtherId)).Where(c => c.Answers is not null).TakeLast(TrendLength)
                .Select(c => (c.CreatedAt, c.Answers!.Trust, c.Answers.Safety))]
            : null);
}
