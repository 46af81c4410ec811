using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TrustAgain.Web.Accounts;

public static class IdentityErrors
{
    // Shows what Identity refused beside the field it is about: password rules beside `passwordField`, a wrong
    // current password beside `currentPasswordField` (when the form has one), anything else above the form.
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result, string passwordField,
        string? currentPasswordField = null)
    {
        foreach (var error in result.Errors)
        {
            var (field, message) = error.Code switch
            {
                "PasswordMismatch" when currentPasswordField is not null => (currentPasswordField, "That is not your current password."),
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => (passwordField, error.Description),
                _ => ("", error.Description),
            };
            modelState.AddModelError(field, message);
        }
    }
}
