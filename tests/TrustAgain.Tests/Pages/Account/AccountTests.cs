using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

public sealed class AccountTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ChoosingAShortPasswordKeepsTheLinksAddressAndExplains()
    {
        var link = await _app.SignUpLinkAsync("someone@example.com");

        var response = await _app.NewClient().FinishSignUpAsync(link, "short");
        var page = await response.ParseAsync();

        Assert.Contains("someone@example.com", page.Text());
        Assert.Contains("between 8 and 128 characters", page.QuerySelector("#password-error")!.TextContent);
    }

    [Theory]
    [InlineData("iloveyou")]
    [InlineData("PASSWORD1")]
    [InlineData("qwertyuiop")]
    public async Task ACommonPasswordIsRefusedWithAnExplanation(string password)
    {
        var link = await _app.SignUpLinkAsync("someone@example.com");

        var response = await _app.NewClient().FinishSignUpAsync(link, password);
        var page = await response.ParseAsync();

        Assert.Contains("one of the most commonly used", page.QuerySelector("#password-error")!.TextContent);
        Assert.Equal("/account/finish-sign-up", response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public void TheCommonPasswordListShipsWithTenThousandEntries()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Accounts", "common-passwords.txt"));

        Assert.Equal(10_000, lines.Count(l => l.Length > 0 && !l.StartsWith('#')));
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameAnswer()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();

        async Task<string> SignInError(string address)
        {
            var response = await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = address,
                ["Input.Password"] = "not the password",
            });
            return (await response.ParseAsync()).QuerySelector(".validation-summary")!.TextContent.Trim();
        }

        Assert.Equal(await SignInError("nobody@example.com"), await SignInError(email));
    }

    [Fact]
    public async Task RepeatedFailedSignInsLockTheAccount()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        for (var i = 0; i < 5; i++)
        {
            await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong password" });
        }

        var response = await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = People.Password,
        });

        Assert.Contains("signing in is paused", (await response.ParseAsync()).Text());
    }

    [Fact]
    public async Task TheSignInPageHasEachIdOnceAndBothFormsCarryTheReturnUrl()
    {
        var page = await _app.NewClient().GetPageAsync("/account/sign-in?ReturnUrl=%2Fjournal");

        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(2, page.QuerySelectorAll("main form input[name=ReturnUrl][value='/journal']").Length);
    }

    [Fact]
    public async Task AnUnknownAddressIsPausedAfterTheSameFailuresWithTheSameWords()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();

        async Task<List<string>> Answers(string address)
        {
            var answers = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                var response = await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string>
                {
                    ["Input.Email"] = address, ["Input.Password"] = "not the password",
                });
                answers.Add((await response.ParseAsync()).QuerySelector(".validation-summary")!.TextContent.Trim());
            }
            return answers;
        }

        var known = await Answers(email);
        Assert.Equal(known, await Answers($"{Guid.NewGuid():N}@example.com"));
        Assert.Contains("signing in is paused", known[^1]);
        Assert.DoesNotContain("signing in is paused", known[0]);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndClearsTheBrowsersCopy()
    {
        var client = _app.NewClient(followRedirects: false);
        await client.FinishSignUpAsync(await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journal")).StatusCode);

        var signOut = await client.SubmitAsync("/account/sign-out", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/signed-out", signOut.Headers.Location!.OriginalString);
        Assert.Contains("You are signed out", (await (await client.GetAsync(signOut.Headers.Location)).ParseAsync()).Text());
        Assert.Contains("\"storage\"", signOut.Headers.GetValues("Clear-Site-Data").Single());
        var after = await client.GetAsync("/journal");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/sign-in", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task MailedLinksLeadToTheConfiguredSiteWhateverHostARequestNames()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string> { ["TrustAgain:Mail:SiteUrl"] = "https://trustagain.example/" });
        var member = $"{Guid.NewGuid():N}@example.com";
        (await app.RegisteredClientAsync(member)).Dispose();
        var newcomer = $"{Guid.NewGuid():N}@example.com";
        var forger = app.NewClient();
        forger.DefaultRequestHeaders.Host = "attacker.example";

        await forger.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = member });
        await forger.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = newcomer });

        foreach (var message in new[] { MailPickup.NewestTo(app.DataDirectory, member), MailPickup.NewestTo(app.DataDirectory, newcomer) })
        {
            Assert.DoesNotContain("attacker.example", message, StringComparison.Ordinal);
            Assert.Contains("https://trustagain.example/account/", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AForgottenPasswordCanBeResetThroughTheMailPickupFolder()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        var client = _app.NewClient();

        var sent = await client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var unknown = await _app.NewClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com" });
        Assert.Equal((await sent.ParseAsync()).Text(), (await unknown.ParseAsync()).Text());

        var toNobody = MailPickup.NewestTo(_app.DataDirectory, "nobody@example.com");
        Assert.Contains("Subject: About your TrustAgain password", toNobody);
        Assert.DoesNotContain("reset-password", toNobody);
        var link = MailPickup.LinkIn(MailPickup.NewestTo(_app.DataDirectory, email), "/account/reset-password");
        Assert.DoesNotContain(Uri.EscapeDataString(email), link);
        Assert.DoesNotContain(email, link);

        var reset = await client.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new password",
            ["Input.ConfirmPassword"] = "a brand new password",
        });
        Assert.Contains("Your password has been changed", (await reset.ParseAsync()).Text());
        var signIn = await _app.NewClient().SubmitAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a brand new password",
        });
        Assert.Equal("/", signIn.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOne()
    {
        var client = await _app.RegisteredClientAsync();

        var wrong = await client.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not it at all",
            ["Input.NewPassword"] = "another long password",
            ["Input.ConfirmPassword"] = "another long password",
        });
        var right = await client.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = People.Password,
            ["Input.NewPassword"] = "another long password",
            ["Input.ConfirmPassword"] = "another long password",
        });

        Assert.Contains("That is not your current password.", (await wrong.ParseAsync()).QuerySelector("#current-error")!.TextContent);
        Assert.Contains("Your password has been changed.", (await right.ParseAsync()).Text());
    }

    [Fact]
    public async Task ChangingTheEmailAddressNeedsThePasswordAndKeepsWhatWasTyped()
    {
        var client = await _app.RegisteredClientAsync();
        var newEmail = $"{Guid.NewGuid():N}@example.com";

        var wrong = await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail, ["Input.Password"] = "not it at all",
        });

        var page = await wrong.ParseAsync();
        Assert.Contains("That is not your password.", page.QuerySelector("#password-error")!.TextContent);
        Assert.Equal(newEmail, page.QuerySelector("#Input_NewEmail")!.GetAttribute("value"));
        Assert.Throws<InvalidOperationException>(() => MailPickup.NewestTo(_app.DataDirectory, newEmail));
    }

    [Fact]
    public async Task DeletingTheAccountNeedsThePasswordAndRemovesEveryRow()
    {
        var client = await _app.RegisteredClientAsync();
        var other = await _app.RegisteredClientAsync();
        await client.WriteAsync(JourneySteps.FirstStep, "To be deleted.");
        await client.MarkDoneAsync(JourneySteps.FirstStep);
        var commitment = await client.AgreeAsync("To be deleted too.");
        await client.LogAsync(commitment, "Kept");
        await client.SubmitAsync("/journeys/forgiveness/safety-check", new Dictionary<string, string>
        {
            ["Answers[fear]"] = "No", ["Answers[threats]"] = "No", ["Answers[control]"] = "No", ["Answers[violence]"] = "No", ["KeepAnswers"] = "true",
        });
        await client.CheckInAsync(2, 3, ["sad"], "To be deleted too.");
        await other.WriteAsync(JourneySteps.FirstStep, "Must survive.");
        await other.CheckInAsync(7, 8, note: "Must survive too.");
        await other.LogAsync(await other.AgreeAsync("Must survive too."), "Slipped");

        var refused = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = "not my password" });
        Assert.Contains("Nothing has been deleted.", (await refused.ParseAsync()).Text());

        var deleted = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = People.Password });

        Assert.Equal("/account/deleted", deleted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Your account has been deleted", (await deleted.ParseAsync()).Text());
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.Reflections.CountAsync());
        Assert.Equal(0, await db.Progress.CountAsync());
        Assert.Equal(0, await db.SafetyChecks.CountAsync());
        Assert.Equal(["Must survive too."], (await other.GetPageAsync("/commitments")).QuerySelectorAll(".commitment h2 a").Select(a => a.TextContent));
        Assert.Equal(1, await db.Commitments.CountAsync());
        Assert.Equal(1, await db.CommitmentEntries.CountAsync());
        Assert.Equal(1, await db.CheckIns.CountAsync());
        Assert.Contains("Must survive too.", (await other.GetPageAsync("/insights")).Text());
        Assert.Equal(["Must survive."], await other.ReflectionTextsAsync("/journal"));
    }

    [Fact]
    public async Task ADiscreetTitleReplacesEveryTabTitleWithNotes()
    {
        var client = await _app.RegisteredClientAsync();
        Assert.Contains("TrustAgain", (await client.GetPageAsync("/journal")).Title);

        await client.SubmitAsync("/account", new Dictionary<string, string> { ["discreet"] = "true" }, action: "handler=Discreet");

        foreach (var url in new[] { "/", "/journal", JourneySteps.FirstStep, "/guide/setting-boundaries", "/account" })
        {
            Assert.Equal("Notes", (await client.GetPageAsync(url)).Title);
        }
        Assert.Contains("TrustAgain", (await _app.NewClient().GetPageAsync("/guide")).Title);
    }
}
