using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Insights;

public sealed class InsightsTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithNoCheckInsThePageInvitesAFirstOneAndDrawsNoChart()
    {
        var client = await _app.RegisteredClientAsync();

        var page = await client.GetPageAsync("/insights");

        Assert.Equal("No check-ins yet", page.QuerySelector("#empty-heading")!.TextContent);
        Assert.NotNull(page.QuerySelector(".empty-state a[href='/check-in']"));
        Assert.Empty(page.QuerySelectorAll("svg"));
    }

    [Fact]
    public async Task OneCheckInIsASinglePointWithNoLine()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await _app.AddCheckInAsync(email, Start, trust: 4, safety: 6);

        var page = await client.GetPageAsync("/insights");

        var chart = page.QuerySelector("svg.timeline")!;
        Assert.Single(chart.QuerySelectorAll(".point.trust"));
        Assert.Single(chart.QuerySelectorAll(".point.safety"));
        Assert.Empty(chart.QuerySelectorAll("polyline"));
        Assert.Equal("One check-in so far, on 1 Sep 2026: trust 4 and safety 6 out of 10.", page.QuerySelector("#timeline-summary")!.TextContent);
        Assert.Equal([["1 Sep 2026, 09:00 UTC", "4", "6"]], TableRows(page, "#timeline-heading"));
    }

    [Fact]
    public async Task ASingleCheckInsAxisEndsAtItAndRunsIntoNoOtherDay()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await _app.AddCheckInAsync(email, Start, trust: 4, safety: 6);

        var chart = (await client.GetPageAsync("/insights")).QuerySelector("svg.timeline")!;

        var dates = chart.QuerySelectorAll("text.axis-label").Select(t => t.TextContent).Where(t => !int.TryParse(t, out _)).ToList();
        Assert.Equal(["1 Sep"], dates);
        var point = double.Parse(chart.QuerySelector(".point.trust")!.GetAttribute("cx")!, System.Globalization.CultureInfo.InvariantCulture);
        var label = double.Parse(chart.QuerySelectorAll("text.axis-label")[^1].GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(point, label, 0.1);
        Assert.Equal("end", chart.QuerySelectorAll("text.axis-label")[^1].GetAttribute("text-anchor"));
    }

    [Fact]
    public async Task ChecksInsAreDrawnAndListedOnThePersonsOwnClock()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.SubmitAsync("/account", new Dictionary<string, string> { ["timeZone"] = "Pacific/Auckland" }, action: "handler=TimeZone");
        // 22:30 UTC on 1 September is 10:30 the next morning in Auckland (NZST, +12:00).
        await _app.AddCheckInAsync(email, new DateTime(2026, 9, 1, 22, 30, 0, DateTimeKind.Utc), trust: 4, safety: 6);

        var page = await client.GetPageAsync("/insights");

        Assert.Equal("One check-in so far, on 2 Sep 2026: trust 4 and safety 6 out of 10.", page.QuerySelector("#timeline-summary")!.TextContent);
        Assert.Equal([["2 Sep 2026, 10:30", "4", "6"]], TableRows(page, "#timeline-heading"));
        Assert.Equal("2026-09-02T10:30:00+12:00", page.QuerySelector("#timeline-heading ~ details time, .chart-data time")!.GetAttribute("datetime"));
        Assert.Equal(["2 Sep"], page.QuerySelectorAll("svg.timeline text.axis-label").Select(t => t.TextContent).Where(t => !int.TryParse(t, out _)));
    }

    [Fact]
    public async Task ManyCheckInsAreJoinedByLinesSummarisedInASentenceAndListedInATable()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await _app.AddCheckInAsync(email, Start.AddDays(14), trust: 5, safety: 4);
        await _app.AddCheckInAsync(email, Start, trust: 3, safety: 5);
        await _app.AddCheckInAsync(email, Start.AddDays(35), trust: 6, safety: 5);

        var page = await client.GetPageAsync("/insights");

        var chart = page.QuerySelector("svg.timeline")!;
        Assert.Equal("timeline-heading timeline-summary", chart.GetAttribute("aria-labelledby"));
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal(3, chart.QuerySelector("polyline.trust")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal(3, chart.QuerySelectorAll(".point.trust").Length);
        Assert.Equal("Over 5 weeks and 3 check-ins, trust rose from 3 to 6 and safety began and ended at 5 (out of 10).",
            page.QuerySelector("#timeline-summary")!.TextContent);
        Assert.Equal(
            [["1 Sep 2026, 09:00 UTC", "3", "5"], ["15 Sep 2026, 09:00 UTC", "5", "4"], ["6 Oct 2026, 09:00 UTC", "6", "5"]],
            TableRows(page, "#timeline-heading"));
        // Higher trust is drawn higher: SVG y grows downwards.
        var ys = chart.QuerySelectorAll("circle.point.trust").Select(c => double.Parse(c.GetAttribute("cy")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(ys[0] > ys[1] && ys[1] > ys[2], string.Join(", ", ys));
    }

    [Fact]
    public async Task CompletedStepsAreMarkedOnTheSameTimeline()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.MarkDoneAsync(JourneySteps.FirstStep);
        await client.MarkDoneAsync(JourneySteps.SecondStep);
        await _app.SetCompletedAtAsync(email, "acknowledge-the-breach", Start.AddDays(10));
        await _app.SetCompletedAtAsync(email, "talk-openly-and-honestly", Start.AddDays(20));
        await _app.AddCheckInAsync(email, Start, trust: 2, safety: 3);
        await _app.AddCheckInAsync(email, Start.AddDays(30), trust: 5, safety: 6);

        var page = await client.GetPageAsync("/insights");

        var chart = page.QuerySelector("svg.timeline")!;
        var markers = chart.QuerySelectorAll("line.step-marker").Select(X).ToList();
        var points = chart.QuerySelectorAll("circle.point.trust").Select(c => Number(c, "cx")).ToList();
        Assert.Equal(2, markers.Count);
        // A third and two thirds of the way between the check-ins, as the dates are.
        Assert.Equal(points[0] + (points[1] - points[0]) / 3, markers[0], 0.5);
        Assert.Equal(points[0] + (points[1] - points[0]) * 2 / 3, markers[1], 0.5);
        Assert.Equal([("1", "Acknowledge what happened · 11 Sep 2026"), ("2", "Talk openly and honestly · 21 Sep 2026")],
            page.QuerySelectorAll(".step-key li").Select(li => (li.Children[0].TextContent, Normalise(li.Children[1].TextContent))));
        Assert.EndsWith("2 completed steps marked on the timeline.", page.QuerySelector("#timeline-summary")!.TextContent);
    }

    [Fact]
    public async Task TrustByStepAveragesTheCheckInsBelongingToEachStep()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await client.MarkDoneAsync(JourneySteps.FirstStep);
        await client.MarkDoneAsync(JourneySteps.SecondStep);
        await _app.SetCompletedAtAsync(email, "acknowledge-the-breach", Start.AddDays(10));
        await _app.SetCompletedAtAsync(email, "talk-openly-and-honestly", Start.AddDays(20));
        await _app.AddCheckInAsync(email, Start, trust: 2, safety: 3);
        // After the first step and before the second: the first step's.
        await _app.AddCheckInAsync(email, Start.AddDays(11), trust: 4, safety: 5);
        await _app.AddCheckInAsync(email, Start.AddDays(15), trust: 7, safety: 5);
        // Made from the second step's "check in" offer: the second step's, whatever its time.
        await _app.AddCheckInAsync(email, Start.AddDays(12), trust: 8, safety: 6, stepKey: "talk-openly-and-honestly");
        await _app.AddCheckInAsync(email, Start.AddDays(25), trust: 9, safety: 7);

        var page = await client.GetPageAsync("/insights");

        Assert.Equal(
            [["Before any step", "2", "1"], ["Acknowledge what happened", "5.5", "2"], ["Talk openly and honestly", "8.5", "2"]],
            TableRows(page, "#by-step-heading"));
        Assert.Equal(["Before any step", "Acknowledge what happened", "Talk openly and honestly"],
            page.QuerySelectorAll("svg.by-step .bar-label").Select(t => t.TextContent));
        Assert.Equal("Trust was highest with \u201cTalk openly and honestly\u201d (average 8.5) and lowest with \u201cBefore any step\u201d (average 2), out of 10.",
            page.QuerySelector("#by-step-summary")!.TextContent);
    }

    [Fact]
    public async Task ADamagedCheckInIsLeftOutOfTheChartsWithANote()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        await _app.AddCheckInAsync(email, Start, trust: 4, safety: 6);
        await _app.AddCheckInAsync(email, Start.AddDays(1), trust: 9, safety: 9);
        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.CheckIns.OrderBy(c => c.CreatedAt).LastAsync();
            row.Ciphertext[^1] ^= 0xFF;
            db.Entry(row).Property(c => c.Ciphertext).IsModified = true;
            await db.SaveChangesAsync();
        }

        var page = await client.GetPageAsync("/insights");

        Assert.Equal([["1 Sep 2026, 09:00 UTC", "4", "6"]], TableRows(page, "#timeline-heading"));
        Assert.Equal("1 check-in could not be read and is left out of the charts.", page.QuerySelector("p.damaged")!.TextContent);
        Assert.Equal("This check-in is damaged and cannot be shown.", page.QuerySelector(".check-in-entry .damaged")!.TextContent);
    }

    // The rows of the data table in the chart section headed by `heading`, as text.
    private static List<string[]> TableRows(IDocument page, string heading) =>
        [.. page.QuerySelector(heading)!.ParentElement!.QuerySelectorAll("table tbody tr")
            .Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray())];

    private static double X(IElement line) => Number(line, "x1");

    private static double Number(IElement element, string attribute) =>
        double.Parse(element.GetAttribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
