using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account;

// The page behind the mailed sign-up link: the account is created here, for the address the link vouches for.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class FinishSignUpModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, SignUpLinks links, JournalCipher cipher, TimeProvider clock) : PageModel
{
    public enum LinkState { Usable, NotValid, AlreadyUsed }

    // The GET reads it from the link; the form carries it back as a hidden field, so the POST's URL holds nothing.
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public NewPasswordInput Input { get; set; } = new();

    public LinkState State { get; private set; }

    public string Email => _invitation?.Email ?? "";

    private SignUpInvitation? _invitation;

    public async Task<IActionResult> OnGetAsync() => await CheckLinkAsync() is { } answer ? answer : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CheckLinkAsync() is { } answer)
        {
            return answer;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (user, result) = await CreateAccountAsync();
        if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            // Another tab used the same link a moment ago.
            State = LinkState.AlreadyUsed;
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, "Input.Password");
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(Url.SafeReturnUrl(_invitation!.ReturnUrl is null or "/" ? "/journeys" : _invitation.ReturnUrl));
    }

    private async Task<(AppUser, IdentityResult)> CreateAccountAsync()
    {
        var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
        user.WrappedDataKey = cipher.NewWrappedDataKey(user.Id);
        try
        {
            return (user, await users.CreateAsync(user, Input.Password));
        }
        catch (DbUpdateException)
        {
            // A double-click sends the form twice: the database's unique index refuses the second account.
            if (await users.FindByEmailAsync(Email) is null)
            {
                throw;
            }
            return (user, IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(Email)));
        }
    }

    // Null when the link can still create its account; otherwise the page that says why not. A link whose address
    // got an account meanwhile (used twice) says so and changes nothing.
    private async Task<IActionResult?> CheckLinkAsync()
    {
        _invitation = links.Read(Token);
        if (_invitation is null)
        {
            State = LinkState.NotValid;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        if (await users.FindByEmailAsync(_invitation.Email) is not null)
        {
            State = LinkState.AlreadyUsed;
            return Page();
        }
        return null;
    }

    public sealed class NewPasswordInput
    {
        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaxLength, MinimumLength = PasswordRules.MinLength, ErrorMessage = PasswordRules.LengthMessage)]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Type the password again.")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}
