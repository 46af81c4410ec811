using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

// An address moves to an account only when the link mailed to that address is followed, so nobody can claim an
// address they do not read (account pre-hijacking), and the form answers the same whether the address is free.
public sealed partial class EmailChangeTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheAddressChangesOnlyWhenTheLinkMailedToItIsFollowedAndTheOldAddressIsTold()
    {
        var oldEmail = $"{Guid.NewGuid():N}@example.com";
        var newEmail = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(oldEmail);
        var stampBefore = await SecurityStampAsync(oldEmail);

        var asked = await RequestChangeAsync(client, newEmail);

        Assert.Contains("Check your new inbox", (await asked.ParseAsync()).Text("h1"));
        Assert.Equal(oldEmail, await EmailOfAsync(stampBefore.UserId));
        var mail = MailPickup.NewestTo(_app.DataDirectory, newEmail);
        Assert.Contains("Subject: Confirm your new TrustAgain e-mail address", mail);
        var link = MailPickup.LinkIn(mail, "/account/email/confirm");
        Assert.DoesNotContain(newEmail, link);
        Assert.DoesNotContain(Uri.EscapeDataString(newEmail), link);

        // Opening the link (as a mail program's preview might) changes nothing; its button does.
        var opened = await _app.NewClient().GetPageAsync(link);
        Assert.Contains(newEmail, opened.Text());
        Assert.Equal(oldEmail, await EmailOfAsync(stampBefore.UserId));
        var confirmed = await _app.NewClient().SubmitAsync(link, new Dictionary<string, string>());

        Assert.Contains("Your e-mail address has been changed", (await confirmed.ParseAsync()).Text("h1"));
        Assert.Equal(newEmail, await EmailOfAsync(stampBefore.UserId));
        Assert.NotEqual(stampBefore.Stamp, (await SecurityStampAsync(newEmail)).Stamp);
        var told = MailPickup.NewestTo(_app.DataDirectory, oldEmail);
        Assert.Contains("Subject: Your TrustAgain e-mail address was changed", told);
        Assert.DoesNotContain(newEmail, told);
        (await _app.SignedInClientAsync(newEmail)).Dispose();
        var oldAddress = await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = oldEmail, ["Input.Password"] = People.Password,
        });
        Assert.Equal("/account/sign-in", oldAddress.RequestMessage!.RequestUri!.AbsolutePath);
        // Confirmed in another browser, so this one, like every other session, was signed out.
        Assert.Equal("/account/sign-in", (await client.GetAsync("/journal")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task AskingForAnAddressThatHasAnAccountAnswersTheSameAndChangesNothing()
    {
        var taken = $"{Guid.NewGuid():N}@example.com";
        var free = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(taken)).Dispose();
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);

        async Task<(HttpStatusCode, string)> Answer(string address)
        {
            var response = await RequestChangeAsync(client, address);
            var html = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, AntiforgeryValue().Replace(html.Replace(address, "ADDRESS", StringComparison.Ordinal), "value=\"TOKEN\""));
        }

        Assert.Equal(await Answer(free), await Answer(taken));
        var toTaken = MailPickup.NewestTo(_app.DataDirectory, taken);
        Assert.Contains("Subject: Your address already has a TrustAgain account", toTaken);
        Assert.DoesNotContain("/account/email/confirm", toTaken);
        Assert.Equal(email, (await SecurityStampAsync(email)).Email);
    }

    [Fact]
    public async Task AnAttackersPasskeyCannotBeMovedOntoSomeoneElsesAddress()
    {
        // The attack from the issue: claim the victim's unused address for an account the attacker controls.
        var attacker = await _app.RegisteredClientAsync();
        var victim = $"{Guid.NewGuid():N}@example.com";

        await RequestChangeAsync(attacker, victim);

        // Without the victim's inbox the change never happens, so she can still sign up with her own address.
        var link = await _app.SignUpLinkAsync(victim);
        var signedUp = await _app.NewClient().FinishSignUpAsync(link);
        Assert.Equal("/journeys", signedUp.RequestMessage!.RequestUri!.AbsolutePath);
        using var scope = _app.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.Email == victim));
    }

    [Fact]
    public async Task ALinkForAnAddressThatGotAnAccountMeanwhileChangesNothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = await _app.RegisteredClientAsync(email);
        var wanted = $"{Guid.NewGuid():N}@example.com";
        await RequestChangeAsync(client, wanted);
        var link = MailPickup.LinkIn(MailPickup.NewestTo(_app.DataDirectory, wanted), "/account/email/confirm");
        (await _app.RegisteredClientAsync(wanted)).Dispose();

        var confirmed = await _app.NewClient().SubmitAsync(link, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("This address already has an account", (await confirmed.ParseAsync()).Text("h1"));
        Assert.Equal(email, (await SecurityStampAsync(email)).Email);
    }

    [Fact]
    public async Task ATamperedOrReusedLinkSaysItIsNotValid()
    {
        var client = await _app.RegisteredClientAsync();
        var newEmail = $"{Guid.NewGuid():N}@example.com";
        await RequestChangeAsync(client, newEmail);
        var link = MailPickup.LinkIn(MailPickup.NewestTo(_app.DataDirectory, newEmail), "/account/email/confirm");
        var token = Uri.UnescapeDataString(link.Split("token=")[1]);
        var tampered = "/account/email/confirm?token=" + Uri.EscapeDataString(token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..]);

        Assert.Equal(HttpStatusCode.BadRequest, (await _app.NewClient().GetAsync(tampered)).StatusCode);
        await _app.NewClient().SubmitAsync(link, new Dictionary<string, string>());
        var reused = await _app.NewClient().SubmitAsync(link, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("This link has expired or is not valid", (await reused.ParseAsync()).Text("h1"));
    }

    private static Task<HttpResponseMessage> RequestChangeAsync(HttpClient client, string newEmail) =>
        client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail, ["Input.Password"] = People.Password,
        });

    private async Task<string?> EmailOfAsync(string userId)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
    }

    private async Task<(string UserId, string? Email, string? Stamp)> SecurityStampAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == email);
        return (user.Id, user.Email, user.SecurityStamp);
    }

    [GeneratedRegex("value=\"[^\"]*\"(?=[^>]*name=\"__RequestVerificationToken\")|(?<=name=\"__RequestVerificationToken\"[^>]*)value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();
}
