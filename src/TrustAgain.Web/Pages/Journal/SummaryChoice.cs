namespace TrustAgain.Web.Pages.Journal;

// What a person chose to put in a summary, carried from step to step in POST bodies only, because edited
// reflection text is private and must never reach a URL. Nothing here is ever saved.
public sealed class SummaryChoice
{
    public List<Guid> ReflectionIds { get; set; } = [];

    public bool IncludeCheckIns { get; set; }

    public DateOnly? CheckInsFrom { get; set; }

    public DateOnly? CheckInsTo { get; set; }

    public List<Guid> CommitmentIds { get; set; } = [];

    // Each chosen reflection's text as the person edited it, by reflection id; absent until step 2 is sent.
    public Dictionary<Guid, string> Texts { get; set; } = [];

    public bool IsEmpty => ReflectionIds.Count == 0 && !IncludeCheckIns && CommitmentIds.Count == 0;
}
