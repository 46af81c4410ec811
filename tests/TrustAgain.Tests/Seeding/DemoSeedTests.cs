using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Seeding;

namespace TrustAgain.Tests.Seeding;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task TheDemoAccountShowsSixWeeksOfCheckInsStepsAnswersAndCommitmentsAndSeedingAgainStartsItAfresh()
    {
        var folder = Directory.CreateTempSubdirectory("trustagain-demo-").FullName;
        try
        {
            // The app is started only after seeding (a running server holds an SQLite data folder); on PostgreSQL
            // the command seeds this app's own database.
            await using var app = new TestApp(folder);
            var database = app.PostgresConnectionString is { } postgres
                ? new Dictionary<string, string> { ["TrustAgain__Database__Provider"] = "PostgreSql", ["ConnectionStrings__Default"] = postgres }
                : null;
            var first = await AppCommand.RunAsync(folder, database, "seed", "--demo");
            Assert.True(first.ExitCode == 0, first.Error);
            Assert.Contains($"{DemoSeed.Email} with the password \"{DemoSeed.Password}\"", first.Output);
            var again = await AppCommand.RunAsync(folder, database, "seed", "--demo");
            Assert.True(again.ExitCode == 0, again.Error);

            var client = app.NewClient();
            var signIn = await client.SubmitAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = DemoSeed.Email,
                ["Input.Password"] = DemoSeed.Password,
            });
            Assert.Equal("/", signIn.RequestMessage!.RequestUri!.AbsolutePath);

            var insights = await client.GetPageAsync("/insights");
            Assert.Equal(18, insights.QuerySelectorAll(".check-in-entry").Length);
            Assert.Equal(18, insights.QuerySelectorAll("svg.timeline .point.trust").Length);
            Assert.Contains("6 completed steps marked on the timeline.", insights.QuerySelector("#timeline-summary")!.TextContent);
            Assert.Contains(insights.QuerySelectorAll(".check-in-entry .meta"), meta => meta.TextContent.Contains("after finishing Acknowledge what happened", StringComparison.Ordinal));

            var thenAndNow = await client.GetPageAsync("/insights/then-and-now");
            var prompts = thenAndNow.QuerySelectorAll("article.then-and-now h2").Select(h => h.TextContent).ToList();
            Assert.Contains("What exactly happened, described as plainly as you can, without softening or exaggerating it?", prompts);
            Assert.Equal(2, prompts.Count);

            var commitments = await client.GetPageAsync("/commitments");
            Assert.Equal(
                ["If I will be home later than eight, I send a message before then.",
                 "We talk for half an hour every Sunday or Monday evening, and say by Saturday which it will be."],
                commitments.QuerySelectorAll(".commitment h2 a").Select(a => a.TextContent));
            Assert.Equal(["6 logged entries", "5 logged entries"],
                commitments.QuerySelectorAll(".commitment > .meta").Select(meta => meta.TextContent.Trim().Split(" · ")[0].Trim()));
            Assert.Equal(2, commitments.QuerySelectorAll(".commitment svg").Length);

            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.Users.CountAsync(u => u.Email == DemoSeed.Email));
            Assert.Equal(18, await db.CheckIns.CountAsync());
            Assert.Equal(2, await db.Commitments.CountAsync());
            var doneOn = await db.Progress.Select(p => p.CompletedAt.Date).Distinct().CountAsync();
            Assert.Equal(6, doneOn);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
