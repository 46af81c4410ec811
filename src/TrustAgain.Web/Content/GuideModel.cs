namespace TrustAgain.Web.Content;

// The guide as read from content/: immutable, loaded once at start-up and shared by every request.

// Html sits under the step's h2 on a section page; StandaloneHtml, with headings one level higher, sits under
// the step's h1 on its own journey page, so heading levels never skip.
public sealed record GuideStep(
    string Key, string Title, IReadOnlyList<string> Prompts, string Html, string StandaloneHtml, string PlainText, string SectionKey);

public sealed record GuideSection(
    string Key, string Title, string Summary, string IntroHtml, string IntroPlainText,
    IReadOnlyList<GuideStep> Steps, int ReadingMinutes);

public sealed record GuidePage(string Key, string Title, string Html, string PlainText);

// One of the private questions asked before linking with another person.
public sealed record PartnerQuestion(string Key, string Text);

// The interface texts of the features for two linked people, from content/partner-texts.yml.
public sealed class PartnerTexts(IReadOnlyDictionary<string, string> texts, IReadOnlyList<PartnerQuestion> safePairingQuestions)
{
    public const string SafePairingQuestions = "safe-pairing-questions";

    // The texts the app shows; the loader refuses a content folder without any of them.
    public static IReadOnlyList<string> RequiredKeys { get; } =
        ["safe-pairing-intro", "safe-pairing-worrying", "offer-pressure-question", "offer-pressure-yes", "not-ready-yet", "link-ended"];

    public IReadOnlyList<PartnerQuestion> Questions => safePairingQuestions;

    public string this[string key] => texts[key];
}

public sealed record Journey(string Key, string Title, string Description, IReadOnlyList<GuideStep> Steps);

// One thing wrong with a content file, precise enough for an author to fix it without reading code.
public sealed record ContentProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

public sealed class ContentInvalidException(IReadOnlyList<ContentProblem> problems)
    : Exception($"The guide in content/ has {problems.Count} problem(s):{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
