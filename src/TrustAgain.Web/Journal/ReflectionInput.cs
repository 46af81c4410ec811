using System.ComponentModel.DataAnnotations;

namespace TrustAgain.Web.Journal;

// What a person types into a reflection box. On a validation error the page shows it again untouched.
public sealed class ReflectionInput
{
    public const int MaxLength = 20_000;

    [Required(ErrorMessage = "Write something before saving — even a few words is enough.")]
    [StringLength(MaxLength, ErrorMessage = "This reflection is longer than 20,000 characters. Shorten it, or split it into two reflections — your text is still here.")]
    [Display(Name = "Your reflection")]
    public string Text { get; set; } = "";

    [Display(Name = "Answering")]
    public string? Prompt { get; set; }

    // A new id for every form the page renders, kept when the same form is shown again with an error: sending one
    // form twice stores one reflection (see ReflectionJournal.AddOnceAsync). Absent only from scripted posts.
    public Guid? FormId { get; set; }
}
