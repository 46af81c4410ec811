using System.ComponentModel.DataAnnotations;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages.Insights;

// What a person fills in on the check-in form. On a validation error the page shows it again untouched.
public sealed class CheckInInput : IValidatableObject
{
    public const int NoteMaxLength = 2_000;

    [Required(ErrorMessage = "Choose a number from 0 to 10 for trust.")]
    [Range(CheckInAnswers.Lowest, CheckInAnswers.Highest, ErrorMessage = "Choose a number from 0 to 10 for trust.")]
    public int? Trust { get; set; }

    [Required(ErrorMessage = "Choose a number from 0 to 10 for how safe you feel.")]
    [Range(CheckInAnswers.Lowest, CheckInAnswers.Highest, ErrorMessage = "Choose a number from 0 to 10 for how safe you feel.")]
    public int? Safety { get; set; }

    public List<string> Feelings { get; set; } = [];

    [StringLength(NoteMaxLength, ErrorMessage = "The note is longer than 2,000 characters. Shorten it, or write the rest as a reflection — your text is still here.")]
    public string? Note { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Feelings.All(Web.Insights.Feelings.IsKnown))
        {
            yield return new ValidationResult("Choose feelings from the list.", [nameof(Feelings)]);
        }
    }

    public CheckInAnswers ToAnswers() =>
        new(Trust!.Value, Safety!.Value, [.. Web.Insights.Feelings.All.Where(Feelings.Contains)], string.IsNullOrWhiteSpace(Note) ? null : Note);
}
