using TrustAgain.Web.Content;

namespace TrustAgain.Tests.Content;

public sealed class GuideLoaderTests : IDisposable
{
    private readonly string _content = TestApp.CopyOfContent();

    private const string StepFile = "guide/02-rebuilding-trust/01-acknowledge-the-breach.md";

    public void Dispose() => Directory.Delete(_content, recursive: true);

    [Fact]
    public void TheShippedGuideHasEverySectionOfTheArticleInOrder()
    {
        var guide = GuideLoader.Load(TestApp.RepositoryContent);

        Assert.Equal(
            ["introduction", "rebuilding-trust", "impact-of-broken-trust", "healing-from-betrayal", "forgiveness-and-letting-go",
             "setting-boundaries", "effective-communication", "transparency-and-honesty", "vulnerability-and-intimacy", "key-takeaways"],
            guide.Sections.Select(s => s.Key));
        Assert.All(guide.Sections.Skip(1).SkipLast(1), s => Assert.Equal(5, s.Steps.Count));
        Assert.All(guide.AllSteps, s => Assert.InRange(s.Prompts.Count, 2, 4));
        Assert.All(guide.AllSteps, s => Assert.False(string.IsNullOrWhiteSpace(s.PlainText)));
    }

    [Fact]
    public void StepsAreOrderedByFileNameNotByKey()
    {
        var guide = GuideLoader.Load(TestApp.RepositoryContent);

        Assert.Equal(
            ["acknowledge-the-breach", "talk-openly-and-honestly", "apologise-sincerely", "show-consistent-behaviour", "be-patient"],
            guide.FindSection("rebuilding-trust")!.Steps.Select(s => s.Key));
    }

    [Fact]
    public void EveryJourneyNamesStepsThatExist()
    {
        var guide = GuideLoader.Load(TestApp.RepositoryContent);

        Assert.Equal(7, guide.Journeys.Count);
        Assert.All(guide.Journeys, j => Assert.Equal(5, j.Steps.Count));
    }

    [Fact]
    public void UnclosedFrontMatterIsReportedWithFileAndLine()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\n\nBody text.\n");

        var problem = Assert.Single(Problems());
        Assert.Equal((StepFile, 1), (problem.File, problem.Line));
        Assert.Contains("never closed", problem.Reason);
    }

    [Fact]
    public void InvalidYamlIsReportedAtItsLine()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: [unclosed\nprompts:\n  - One?\n  - Two?\n---\nBody.\n");

        var problem = Assert.Single(Problems());
        Assert.Equal(StepFile, problem.File);
        Assert.Contains("not valid YAML", problem.Reason);
        Assert.InRange(problem.Line, 3, 8);
    }

    [Fact]
    public void AMissingTitleIsReported()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\nprompts:\n  - One?\n  - Two?\n---\nBody.\n");

        var problem = Assert.Single(Problems());
        Assert.Equal(StepFile, problem.File);
        Assert.Equal("the front matter has no 'title'", problem.Reason);
    }

    [Fact]
    public void AMissingKeyIsReported()
    {
        Write(StepFile, "---\ntitle: Acknowledge\nprompts:\n  - One?\n  - Two?\n---\nBody.\n");

        Assert.Contains(Problems(), p => p.File == StepFile && p.Reason == "the front matter has no 'key'");
    }

    [Fact]
    public void ADuplicateStepKeyNamesBothFiles()
    {
        Write("guide/02-rebuilding-trust/06-again.md", "---\nkey: be-patient\ntitle: Again\nprompts:\n  - One?\n  - Two?\n---\nBody.\n");

        var problem = Assert.Single(Problems());
        Assert.Equal("guide/02-rebuilding-trust/06-again.md", problem.File);
        Assert.Contains("'be-patient' is already used by guide/02-rebuilding-trust/05-be-patient.md", problem.Reason);
    }

    [Fact]
    public void ADuplicateSectionSlugIsReported()
    {
        var section = File.ReadAllText(Path.Combine(_content, "guide/03-impact-of-broken-trust/section.md"))
            .Replace("key: impact-of-broken-trust", "key: rebuilding-trust", StringComparison.Ordinal);
        Write("guide/03-impact-of-broken-trust/section.md", section);

        var problem = Assert.Single(Problems());
        Assert.Equal(("guide/03-impact-of-broken-trust/section.md", 2), (problem.File, problem.Line));
        Assert.Contains("section key 'rebuilding-trust' is already used", problem.Reason);
    }

    [Fact]
    public void AnEmptyStepIsReported()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\nprompts:\n  - One?\n  - Two?\n---\n\n   \n");

        var problem = Assert.Single(Problems());
        Assert.Equal((StepFile, 8), (problem.File, problem.Line));
        Assert.Equal("there is no text after the front matter", problem.Reason);
    }

    [Fact]
    public void AStepNeedsTwoToFourPrompts()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\nprompts:\n  - Only one?\n---\nBody.\n");

        var problem = Assert.Single(Problems());
        Assert.Equal((StepFile, 4), (problem.File, problem.Line));
        Assert.Contains("2 to 4 reflection prompts (found 1)", problem.Reason);
    }

    [Fact]
    public void AKeyThatIsNotASlugIsReported()
    {
        Write(StepFile, "---\nkey: Acknowledge The Breach\ntitle: Acknowledge\nprompts:\n  - One?\n  - Two?\n---\nBody.\n");

        Assert.Contains(Problems(), p => p.File == StepFile && p.Line == 2 && p.Reason.Contains("lower-case letters", StringComparison.Ordinal));
    }

    [Fact]
    public void AMisspelledFieldIsReported()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\ntilte: typo\nprompts:\n  - One?\n  - Two?\n---\nBody.\n");

        var problem = Assert.Single(Problems());
        Assert.Equal((StepFile, 4, "unknown field 'tilte'"), (problem.File, problem.Line, problem.Reason));
    }

    [Fact]
    public void AStepMayNotUseSectionLevelHeadings()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\nprompts:\n  - One?\n  - Two?\n---\nIntro.\n\n## Too big\n");

        var problem = Assert.Single(Problems());
        Assert.Equal((StepFile, 10), (problem.File, problem.Line));
    }

    [Fact]
    public void AScriptLinkIsRefused()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\nprompts:\n  - One?\n  - Two?\n---\nSee [this](javascript:alert(1)).\n");

        var problem = Assert.Single(Problems());
        Assert.Equal((StepFile, 8), (problem.File, problem.Line));
        Assert.Contains("javascript:alert(1)", problem.Reason);
    }

    [Fact]
    public void RawHtmlInContentIsShownAsTextNotMarkup()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\nprompts:\n  - One?\n  - Two?\n---\nHello <script>alert('x')</script> <img src=x onerror=alert(1)>\n");

        var step = GuideLoader.Load(_content).FindStep("acknowledge-the-breach")!;

        Assert.DoesNotContain("<script", step.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", step.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", step.Html);
    }

    [Fact]
    public void AJourneyNamingAnUnknownStepIsReportedAtItsLine()
    {
        var journeys = File.ReadAllText(Path.Combine(_content, "journeys.yml")).Replace("    - be-patient", "    - be-patiant", StringComparison.Ordinal);
        Write("journeys.yml", journeys);
        var line = journeys.Split('\n').ToList().FindIndex(l => l.Contains("be-patiant", StringComparison.Ordinal)) + 1;

        var problem = Assert.Single(Problems());
        Assert.Equal(("journeys.yml", line), (problem.File, problem.Line));
        Assert.Contains("no step in the guide has the key 'be-patiant'", problem.Reason);
    }

    [Fact]
    public void AMissingSafetyPageIsReported()
    {
        File.Delete(Path.Combine(_content, "safety.md"));

        Assert.Contains(Problems(), p => p.File == "safety.md");
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\nprompts:\n  - One?\n  - Two?\n---\n\n");
        Write("guide/02-rebuilding-trust/02-talk-openly-and-honestly.md", "no front matter\n");

        var problems = Problems();

        Assert.Equal(3, problems.Count);
        Assert.Equal(2, problems.Count(p => p.File == StepFile));
    }

    [Fact]
    public async Task CheckContentPrintsEveryProblemWithFileAndLine()
    {
        Write(StepFile, "---\nkey: acknowledge-the-breach\ntitle: Acknowledge\nprompts:\n  - Only one?\n---\nBody.\n");
        var data = Directory.CreateTempSubdirectory("trustagain-check-content-").FullName;
        try
        {
            var check = await AppCommand.RunAsync(data, new Dictionary<string, string> { ["TrustAgain__ContentDirectory"] = _content }, "check-content");

            Assert.Equal(1, check.ExitCode);
            Assert.Contains($"{StepFile}:4: a step needs 2 to 4 reflection prompts (found 1)", check.Error);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private void Write(string relativePath, string text) => File.WriteAllText(Path.Combine(_content, relativePath), text);

    private IReadOnlyList<ContentProblem> Problems() =>
        Assert.Throws<ContentInvalidException>(() => GuideLoader.Load(_content)).Problems;
}
