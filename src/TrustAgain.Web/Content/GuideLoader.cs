using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrustAgain.Web.Content;

// Reads content/ into a GuideLibrary, collecting every problem (with file and line) before failing,
// so an author fixes them all in one pass. Layout:
//   content/guide/NN-name/section.md      a section's key, title, summary and introduction
//   content/guide/NN-name/NN-step.md      its steps, ordered by file name
//   content/safety.md                     the safety and support page
//   content/journeys.yml                  journeys: ordered lists of step keys
//   content/together.md                   "Doing this together", the page about linking two accounts
//   content/partner-texts.yml             short interface texts of the features for two linked people, by key
// Translations under content/<language>/ are not read yet.
public static class GuideLoader
{
    private const int WordsReadPerMinute = 200;
    private const int MinPrompts = 2;
    private const int MaxPrompts = 4;

    // One pipeline for all guide text. Raw HTML is disabled, so content can never inject markup or script.
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .Build();

    // Loads the guide, or throws ContentInvalidException listing every problem.
    public static GuideLibrary Load(string contentDirectory)
    {
        var problems = new List<ContentProblem>();
        var root = new DirectoryInfo(contentDirectory);
        if (!root.Exists)
        {
            throw new ContentInvalidException([new(contentDirectory, 0, "the content folder does not exist")]);
        }

        var sections = LoadSections(root, problems);
        // A step that failed to load would also show up as an unknown step in every journey naming it;
        // report only the step's own problem then.
        var stepsLoadedCleanly = problems.Count == 0;
        var safety = LoadSafetyPage(root, problems);
        var journeys = LoadJourneys(root, sections, problems, stepsLoadedCleanly);
        var together = LoadPage(root, "together.md", "the page about doing this together", problems);
        var partnerTexts = LoadPartnerTexts(root, problems);

        if (problems.Count > 0 || safety is null || together is null || partnerTexts is null)
        {
            throw new ContentInvalidException(problems);
        }
        return new GuideLibrary(sections, safety, journeys, together, partnerTexts);
    }

    private static List<GuideSection> LoadSections(DirectoryInfo root, List<ContentProblem> problems)
    {
        var guide = new DirectoryInfo(Path.Combine(root.FullName, "guide"));
        if (!guide.Exists)
        {
            problems.Add(new("guide/", 0, "there is no guide/ folder"));
            return [];
        }

        var sections = new List<GuideSection>();
        var sectionFiles = new Dictionary<string, string>();
        var stepFiles = new Dictionary<string, string>();
        foreach (var folder in guide.GetDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var sectionPath = Path.Combine(folder.FullName, "section.md");
            var sectionName = Relative(root, sectionPath);
            if (!File.Exists(sectionPath))
            {
                problems.Add(new(sectionName, 0, "every section folder needs a section.md"));
                continue;
            }

            var front = FrontMatter.Read(sectionName, File.ReadAllText(sectionPath), problems);
            if (front is null)
            {
                continue;
            }
            var key = front.Key();
            var title = front.Text("title");
            var summary = front.Text("summary");
            front.RejectUnknownFields();
            var intro = Render(front, sectionName, problems, allowEmpty: false);
            if (key is not null && !sectionFiles.TryAdd(key, sectionName))
            {
                problems.Add(new(sectionName, front.LineOf("key"), $"section key '{key}' is already used by {sectionFiles[key]}"));
            }

            var steps = new List<GuideStep>();
            foreach (var file in folder.GetFiles("*.md").Where(f => f.Name != "section.md").OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var step = LoadStep(root, file, key ?? "", problems);
                if (step is null)
                {
                    continue;
                }
                if (!stepFiles.TryAdd(step.Key, Relative(root, file.FullName)))
                {
                    problems.Add(new(Relative(root, file.FullName), 2, $"step key '{step.Key}' is already used by {stepFiles[step.Key]}"));
                    continue;
                }
                steps.Add(step);
            }

            if (key is null || title is null || summary is null || intro is null)
            {
                continue;
            }
            var words = CountWords(intro.Value.PlainText) + steps.Sum(s => CountWords(s.Title + " " + s.PlainText));
            // An introduction sits directly under the section's h1, so it takes the lifted rendering.
            sections.Add(new GuideSection(key, title, summary, intro.Value.StandaloneHtml, intro.Value.PlainText, steps,
                Math.Max(1, (int)Math.Ceiling(words / (double)WordsReadPerMinute))));
        }
        if (sections.Count == 0 && problems.Count == 0)
        {
            problems.Add(new("guide/", 0, "the guide has no sections"));
        }
        return sections;
    }

    private static GuideStep? LoadStep(DirectoryInfo root, FileInfo file, string sectionKey, List<ContentProblem> problems)
    {
        var name = Relative(root, file.FullName);
        var front = FrontMatter.Read(name, File.ReadAllText(file.FullName), problems);
        if (front is null)
        {
            return null;
        }
        var key = front.Key();
        var title = front.Text("title");
        var prompts = front.List("prompts");
        front.RejectUnknownFields();
        if (prompts.Count is > 0 and (< MinPrompts or > MaxPrompts))
        {
            problems.Add(new(name, front.LineOf("prompts"),
                $"a step needs {MinPrompts} to {MaxPrompts} reflection prompts (found {prompts.Count})"));
        }
        var body = Render(front, name, problems, allowEmpty: false);
        return key is null || title is null || body is null
            ? null
            : new GuideStep(key, title, [.. prompts.Select(p => p.Value)], body.Value.Html, body.Value.StandaloneHtml,
                body.Value.PlainText, sectionKey);
    }

    private static GuidePage? LoadSafetyPage(DirectoryInfo root, List<ContentProblem> problems) =>
        LoadPage(root, "safety.md", "the safety and support page", problems);

    // A page of its own (safety, doing this together): front matter with key and title, then Markdown that may use
    // "##" headings, because the page's title is its only h1.
    private static GuidePage? LoadPage(DirectoryInfo root, string name, string description, List<ContentProblem> problems)
    {
        var path = Path.Combine(root.FullName, name);
        if (!File.Exists(path))
        {
            problems.Add(new(name, 0, $"{description} is missing"));
            return null;
        }
        var front = FrontMatter.Read(name, File.ReadAllText(path), problems);
        if (front is null)
        {
            return null;
        }
        var key = front.Key();
        var title = front.Text("title");
        front.RejectUnknownFields();
        var body = Render(front, name, problems, allowEmpty: false, allowSectionHeadings: true);
        return key is null || title is null || body is null ? null : new GuidePage(key, title, body.Value.Html, body.Value.PlainText);
    }

    // The short texts beside the features for two people: plain strings by key, and the safe-pairing questions as
    // a list of key and text. Every key the app asks for must be there, so a missing text fails at start-up and in
    // check-content rather than on a page.
    private static PartnerTexts? LoadPartnerTexts(DirectoryInfo root, List<ContentProblem> problems)
    {
        const string name = "partner-texts.yml";
        var path = Path.Combine(root.FullName, name);
        if (!File.Exists(path))
        {
            problems.Add(new(name, 0, "the partner texts file is missing"));
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            problems.Add(new(name, e is YamlException y ? (int)y.Start.Line : 1, "not valid YAML: check indentation, quotes and colons"));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            problems.Add(new(name, 1, "the file must map each text's key to its text"));
            return null;
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var questions = new List<PartnerQuestion>();
        var before = problems.Count;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = (int)keyNode.Start.Line;
            if (key == PartnerTexts.SafePairingQuestions)
            {
                if (value is not YamlSequenceNode list)
                {
                    problems.Add(new(name, line, $"'{key}' must be a list of questions, each with a key and a text"));
                    continue;
                }
                foreach (var item in list)
                {
                    if (item is YamlMappingNode question
                        && question.Children.TryGetValue(new YamlScalarNode("key"), out var k) && k is YamlScalarNode { Value: { Length: > 0 } questionKey }
                        && question.Children.TryGetValue(new YamlScalarNode("text"), out var t) && t is YamlScalarNode { Value: { Length: > 0 } questionText })
                    {
                        questions.Add(new(questionKey.Trim(), questionText.Trim()));
                    }
                    else
                    {
                        problems.Add(new(name, (int)item.Start.Line, "each question needs a 'key' and a 'text'"));
                    }
                }
            }
            else if (value is YamlScalarNode { Value: { Length: > 0 } text })
            {
                texts[key] = text.Trim();
            }
            else
            {
                problems.Add(new(name, line, $"'{key}' needs a text"));
            }
        }
        foreach (var required in PartnerTexts.RequiredKeys.Where(k => !texts.ContainsKey(k)))
        {
            problems.Add(new(name, 0, $"the text '{required}' is missing"));
        }
        if (questions.Count is < 2 or > 6)
        {
            problems.Add(new(name, 0, $"'{PartnerTexts.SafePairingQuestions}' needs 2 to 6 questions (found {questions.Count})"));
        }
        return problems.Count > before ? null : new PartnerTexts(texts, questions);
    }

    private static List<Journey> LoadJourneys(DirectoryInfo root, List<GuideSection> sections, List<ContentProblem> problems,
        bool reportUnknownSteps)
    {
        const string name = "journeys.yml";
        var path = Path.Combine(root.FullName, name);
        if (!File.Exists(path))
        {
            problems.Add(new(name, 0, "the journeys file is missing"));
            return [];
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            problems.Add(new(name, e is YamlException y ? (int)y.Start.Line : 1, "not valid YAML: check indentation, quotes and colons"));
            return [];
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlSequenceNode list)
        {
            problems.Add(new(name, 1, "the file must be a list of journeys, each starting with '- key:'"));
            return [];
        }

        var steps = sections.SelectMany(s => s.Steps).ToDictionary(s => s.Key);
        var journeys = new List<Journey>();
        foreach (var node in list)
        {
            var line = (int)node.Start.Line;
            if (node is not YamlMappingNode map)
            {
                problems.Add(new(name, line, "each journey must have key, title, description and steps"));
                continue;
            }
            string? Field(string field)
            {
                if (map.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text })
                {
                    return text.Trim();
                }
                problems.Add(new(name, line, $"this journey has no '{field}'"));
                return null;
            }
            var key = Field("key");
            var title = Field("title");
            var description = Field("description");
            if (key is not null && journeys.Any(j => j.Key == key))
            {
                problems.Add(new(name, line, $"journey key '{key}' is used twice"));
            }

            var journeySteps = new List<GuideStep>();
            if (!map.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode) || stepsNode is not YamlSequenceNode stepKeys || stepKeys.Children.Count == 0)
            {
                problems.Add(new(name, line, "this journey needs a list of 'steps' (step keys from the guide)"));
                continue;
            }
            foreach (var stepKey in stepKeys.OfType<YamlScalarNode>())
            {
                if (stepKey.Value is { } k && steps.TryGetValue(k, out var step))
                {
                    journeySteps.Add(step);
                }
                else if (reportUnknownSteps)
                {
                    problems.Add(new(name, (int)stepKey.Start.Line, $"no step in the guide has the key '{stepKey.Value}'"));
                }
            }
            if (key is not null && title is not null && description is not null)
            {
                journeys.Add(new Journey(key, title, description, journeySteps));
            }
        }
        return journeys;
    }

    private static (string Html, string StandaloneHtml, string PlainText)? Render(FrontMatter front, string file, List<ContentProblem> problems,
        bool allowEmpty, bool allowSectionHeadings = false)
    {
        if (!allowEmpty && string.IsNullOrWhiteSpace(front.Body))
        {
            problems.Add(new(file, front.BodyFirstLine, "there is no text after the front matter"));
            return null;
        }

        var document = Markdown.Parse(front.Body, Pipeline);
        var ok = true;
        foreach (var node in document.Descendants())
        {
            // Pages own levels 1 and 2 (the section and its steps); content headings start at level 3.
            if (node is HeadingBlock { Level: <= 2 } heading && !allowSectionHeadings)
            {
                problems.Add(new(file, front.BodyFirstLine + heading.Line, "use '###' or deeper for headings inside a section or step"));
                ok = false;
            }
            else if (node is LinkInline link && !IsSafeUrl(link.Url))
            {
                problems.Add(new(file, front.BodyFirstLine + link.Line,
                    $"links must point inside the site ('/...', '#...') or to https://, mailto:, tel: or sms: (found '{link.Url}')"));
                ok = false;
            }
        }
        if (!ok)
        {
            return null;
        }
        var html = document.ToHtml(Pipeline);
        // The same text for a page where it sits directly under the h1: every heading one level higher.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level--;
        }
        return (html, document.ToHtml(Pipeline), Markdown.ToPlainText(front.Body, Pipeline).Trim());
    }

    private static bool IsSafeUrl(string? url) =>
        url is not null && (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith('#')
            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("sms:", StringComparison.OrdinalIgnoreCase));

    private static int CountWords(string text) =>
        text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Relative(DirectoryInfo root, string path) =>
        Path.GetRelativePath(root.FullName, path).Replace('\\', '/');
}
