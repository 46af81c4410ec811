using TrustAgain.Web.Content;

namespace TrustAgain.Tests.Content;

public sealed class GuideSearchTests
{
    private static readonly GuideLibrary Guide = GuideLoader.Load(TestApp.RepositoryContent);
    private readonly GuideSearch _search = new(Guide);

    [Fact]
    public void FindsAStepByAWordFromItsBody()
    {
        var step = Guide.FindStep("apologise-sincerely")!;
        var word = step.PlainText.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.Length > 9 && w.All(char.IsLetter));

        var results = _search.Search(word);

        Assert.Contains(results, r => r.Url == "/guide/rebuilding-trust#apologise-sincerely");
    }

    [Fact]
    public void ShowsNothingForNonsense()
    {
        Assert.Empty(_search.Search("zxqvbnm qwrtzpl"));
    }

    [Fact]
    public void EveryTermMustMatch()
    {
        Assert.NotEmpty(_search.Search("forgiveness"));
        Assert.Empty(_search.Search("forgiveness zxqvbnm"));
    }

    [Fact]
    public void SnippetsHighlightTheTermAndEncodeTheRest()
    {
        var result = _search.Search("boundaries")[0];

        Assert.Contains("<mark>", result.SnippetHtml);
        Assert.DoesNotContain("<script", result.SnippetHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AQueryIsNeverTreatedAsMarkup()
    {
        Assert.Empty(_search.Search("<script>alert(1)</script>"));
    }
}
