namespace TrustAgain.Web.Content;

// The loaded guide with the look-ups pages need. Registered as a singleton.
public sealed class GuideLibrary
{
    private readonly Dictionary<string, GuideSection> _sectionsByKey;
    private readonly Dictionary<string, GuideStep> _stepsByKey;
    private readonly Dictionary<string, Journey> _journeysByKey;

    public GuideLibrary(IReadOnlyList<GuideSection> sections, GuidePage safety, IReadOnlyList<Journey> journeys, GuidePage together,
        PartnerTexts partnerTexts)
    {
        Together = together;
        PartnerTexts = partnerTexts;
        Sections = sections;
        Safety = safety;
        Journeys = journeys;
        _sectionsByKey = sections.ToDictionary(s => s.Key);
        _stepsByKey = sections.SelectMany(s => s.Steps).ToDictionary(s => s.Key);
        _journeysByKey = journeys.ToDictionary(j => j.Key);
    }

    public IReadOnlyList<GuideSection> Sections { get; }

    public GuidePage Safety { get; }

    public IReadOnlyList<Journey> Journeys { get; }

    // "Doing this together": when linking two accounts helps, and when not to.
    public GuidePage Together { get; }

    public PartnerTexts PartnerTexts { get; }

    public IEnumerable<GuideStep> AllSteps => Sections.SelectMany(s => s.Steps);

    public GuideSection? FindSection(string key) => _sectionsByKey.GetValueOrDefault(key);

    public GuideStep? FindStep(string key) => _stepsByKey.GetValueOrDefault(key);

    public Journey? FindJourney(string key) => _journeysByKey.GetValueOrDefault(key);

    // The journey a person works on a step in (the first that includes it), or null when none does.
    public Journey? JourneyOf(GuideStep step) => Journeys.FirstOrDefault(j => j.Steps.Contains(step));

    // Where a person works on a step: its journey page, or the guide when no journey includes it.
    public string StepUrl(GuideStep step) =>
        JourneyOf(step) is { } journey
            ? $"/journeys/{journey.Key}/{step.Key}"
            : $"/guide/{step.SectionKey}#{step.Key}";

    public GuideSection SectionOf(GuideStep step) => _sectionsByKey[step.SectionKey];

    public GuideSection? PreviousSection(GuideSection section) => Neighbour(section, -1);

    public GuideSection? NextSection(GuideSection section) => Neighbour(section, +1);

    private GuideSection? Neighbour(GuideSection section, int offset)
    {
        var index = Sections.ToList().IndexOf(section) + offset;
        return index >= 0 && index < Sections.Count ? Sections[index] : null;
    }
}
