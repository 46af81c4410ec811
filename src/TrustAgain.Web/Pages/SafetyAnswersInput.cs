using Microsoft.AspNetCore.Mvc.ModelBinding;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Pages;

// The journey's safety check and the safe-pairing questions before linking are answered with the same choices,
// and every question needs an answer ("Not sure" counts), so both pages read their form the same way.
public static class SafetyAnswersInput
{
    public static Dictionary<string, SafetyAnswer> Read(IEnumerable<string> questionKeys, IReadOnlyDictionary<string, string> posted, ModelStateDictionary modelState)
    {
        var answers = new Dictionary<string, SafetyAnswer>();
        foreach (var key in questionKeys)
        {
            if (posted.TryGetValue(key, out var value) && Enum.TryParse<SafetyAnswer>(value, out var answer) && Enum.IsDefined(answer))
            {
                answers[key] = answer;
            }
            else
            {
                modelState.AddModelError(key, "Choose an answer. “Not sure” is fine.");
            }
        }
        return answers;
    }
}
