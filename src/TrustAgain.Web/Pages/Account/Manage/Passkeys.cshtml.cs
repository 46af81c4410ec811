using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using TrustAgain.Web.Data;
using TrustAgain.Web.Security;

namespace TrustAgain.Web.Pages.Account.Manage;

// Passkeys let a person sign in with their device's lock (fingerprint, face, PIN) instead of a password.
// Adding or removing one asks for the password again, whoever is holding the signed-in device.
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class PasskeysModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public const int MaxPasskeys = 10;

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    [BindProperty]
    public AddPasskeyInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "added")]
    public bool WasAdded { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } user ? await ShowAsync(user) : NotFound();

    // The browser asks for creation options before it prompts the person; the password is checked first, so nobody
    // is asked to touch their authenticator for a passkey that would then be refused.
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        if (await RefusalAsync(user) is { } refusal)
        {
            return BadRequest(new { error = refusal });
        }
        var optionsJson = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.Email!,
            DisplayName = user.Email!,
        });
        return Content(optionsJson, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(user);
        }
        if (await RefusalAsync(user) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return await ShowAsync(user);
        }
        if (await AttestAsync() is not { } passkey)
        {
            ModelState.AddModelError("", "That passkey could not be added. Try again, or use another browser or device.");
            return await ShowAsync(user);
        }
        passkey.Name = string.IsNullOrWhiteSpace(Input.Name) ? "Passkey" : Input.Name.Trim();
        if (!(await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
        {
            ModelState.AddModelError("", "That passkey could not be saved. Try again.");
            return await ShowAsync(user);
        }
        return Redirect("/account/passkeys?added=true");
    }

    // Null when the browser sent nothing, sent something that does not verify, or answered a ceremony this browser
    // never started (Identity throws for that; it is the person's failed attempt, not a server error).
    private async Task<UserPasskeyInfo?> AttestAsync()
    {
        if (string.IsNullOrEmpty(Input.CredentialJson))
        {
            return null;
        }
        try
        {
            var attestation = await signIn.PerformPasskeyAttestationAsync(Input.CredentialJson);
            return attestation.Succeeded ? attestation.Passkey : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id, string? password)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return NotFound();
        }
        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? "");
        }
        catch (FormatException)
        {
            return NotFound();
        }
        if (await users.GetPasskeyAsync(user, credentialId) is null)
        {
            return NotFound();
        }
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            ModelState.AddModelError("", "That is not your password. The passkey is still there.");
            return await ShowAsync(user);
        }
        await users.RemovePasskeyAsync(user, credentialId);
        return Redirect("/account/passkeys");
    }

    public static string IdOf(UserPasskeyInfo passkey) => WebEncoders.Base64UrlEncode(passkey.CredentialId);

    private async Task<string?> RefusalAsync(AppUser user)
    {
        if (!await users.CheckPasswordAsync(user, Input.Password ?? ""))
        {
            return "That is not your password.";
        }
        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeys)
        {
            return $"You already have {MaxPasskeys} passkeys. Remove one you no longer use first.";
        }
        return null;
    }

    private async Task<PageResult> ShowAsync(AppUser user)
    {
        Passkeys = [.. (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)];
        return Page();
    }

    public sealed class AddPasskeyInput
    {
        [StringLength(60, ErrorMessage = "Keep the name under 60 characters.")]
        [Display(Name = "A name to recognise it by (optional)")]
        public string? Name { get; set; }

        [DataType(DataType.Password)]
        [Display(Name = "Your password")]
        public string? Password { get; set; }

        public string? CredentialJson { get; set; }
    }
}
