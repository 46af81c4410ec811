using Microsoft.AspNetCore.Identity;
using TrustAgain.Web.Data;

namespace TrustAgain.Web.Accounts;

// NIST 800-63B: no composition rules, but refuse passwords that attackers try first. The list of the 10,000 most
// common passwords ships beside the app (common-passwords.txt) and is read once.
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Accounts", "common-passwords.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.ToLowerInvariant())]);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var candidate = (password ?? "").Trim().ToLowerInvariant();
        var isCommon = CommonPasswords.Value.Contains(candidate);
        var isOwnAddress = user.Email is { } email && string.Equals(candidate, email, StringComparison.OrdinalIgnoreCase);
        return Task.FromResult(isCommon || isOwnAddress
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "That password is one of the most commonly used, so it is easy to guess. Choose another — a few unrelated words work well.",
            })
            : IdentityResult.Success);
    }
}
