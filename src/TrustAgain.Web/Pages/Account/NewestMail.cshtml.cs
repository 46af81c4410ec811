using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TrustAgain.Web.Accounts;

namespace TrustAgain.Web.Pages.Account;

// A developer's shortcut, on a development server that writes mail to its pickup folder: the newest message, with
// its links ready to follow. Everywhere else this page does not exist.
public sealed class NewestMailModel(Mailer mailer, IHostEnvironment environment) : PageModel
{
    public string Subject { get; private set; } = "";

    public IReadOnlyList<string> Lines { get; private set; } = [];

    public bool Found { get; private set; }

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment() || !mailer.WritesToFolder)
        {
            return NotFound();
        }
        if (mailer.NewestInPickupFolder() is { } file)
        {
            var message = System.IO.File.ReadAllLines(file.FullName);
            var headers = message.TakeWhile(line => line.Length > 0).ToList();
            Subject = headers.FirstOrDefault(h => h.StartsWith("Subject: ", StringComparison.Ordinal))?["Subject: ".Length..] ?? "";
            Lines = [.. message.Skip(headers.Count + 1)];
            Found = true;
        }
        return Page();
    }

    public static bool IsLink(string line) =>
        Uri.TryCreate(line.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
