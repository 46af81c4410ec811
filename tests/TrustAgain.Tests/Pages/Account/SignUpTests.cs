using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Accounts;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Pages.Account;

// Sign-up proves the address by mail before any account exists, and the register form answers the same for every
// address, so it cannot tell anyone who has an account.
public sealed partial class SignUpTests : IDisposable
{
    private const string NotValid = "This link has expired or is not valid";
    private const string AlreadyHasAnAccount = "This address already has an account";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RegisteringAKnownAndAnUnknownAddressGivesByteIdenticalAnswers()
    {
        var known = $"{Guid.NewGuid():N}@example.com";
        var unknown = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(known)).Dispose();

        async Task<(HttpStatusCode, string?, string)> Answer(string address)
        {
            var response = await _app.NewClient().SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = address });
            var html = await response.Content.ReadAsStringAsync();
            // Each answer echoes the address typed; everything else must match to the byte.
            html = AntiforgeryValue().Replace(html.Replace(address, "ADDRESS", StringComparison.Ordinal), "value=\"TOKEN\"");
            return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), html);
        }

        var forKnown = await Answer(known);
        var forUnknown = await Answer(unknown);

        Assert.Equal(HttpStatusCode.OK, forKnown.Item1);
        Assert.Contains("Check your inbox", forKnown.Item3);
        Assert.Equal(forKnown, forUnknown);
    }

    [Fact]
    public async Task AKnownAddressIsToldItHasAnAccountAndNothingAboutItChanges()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        (await _app.RegisteredClientAsync(email)).Dispose();
        var before = await UserRowsAsync();

        var response = await _app.NewClient().SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Contains("Check your inbox", (await response.ParseAsync()).Text());
        var mail = MailPickup.NewestTo(_app.DataDirectory, email);
        Assert.Contains("Subject: You already have a TrustAgain account", mail);
        Assert.Equal("/account/sign-in", MailPickup.LinkIn(mail, "/account/sign-in"));
        Assert.Equal("/account/forgot-password", MailPickup.LinkIn(mail, "/account/forgot-password"));
        Assert.DoesNotContain("finish-sign-up", mail);
        Assert.Equal(before, await UserRowsAsync());
        (await _app.SignedInClientAsync(email)).Dispose();
    }

    [Fact]
    public async Task AnUnknownAddressGetsALinkAndTheAccountExistsOnlyOnceThePasswordIsChosen()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var client = _app.NewClient();

        var link = await _app.SignUpLinkAsync(email);
        Assert.DoesNotContain(email, link);
        Assert.Empty(await UserRowsAsync());

        var page = await client.GetPageAsync(link);
        Assert.Contains(email, page.Text());
        Assert.DoesNotContain(page.QuerySelectorAll("input"), input => input.GetAttribute("value") == email);
        Assert.All(page.QuerySelectorAll("input[type=password]"), input => Assert.Equal("new-password", input.GetAttribute("autocomplete")));
        Assert.Empty(await UserRowsAsync());

        var finished = await client.FinishSignUpAsync(link);

        Assert.Equal("/journeys", finished.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/journal")).StatusCode);
        using var scope = _app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.SingleAsync();
        Assert.Equal(email, user.Email);
        Assert.True(user.EmailConfirmed);
        Assert.NotNull(user.WrappedDataKey);
        (await _app.SignedInClientAsync(email)).Dispose();
    }

    [Fact]
    public async Task TheRegisterFormKeepsWhatWasTypedAndSendsNothingWhenTheAddressIsNotOne()
    {
        var response = await _app.NewClient().SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = "Sam <sam@example.com>" });
        var page = await response.ParseAsync();

        Assert.Equal("Sam <sam@example.com>", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Contains("like name@example.com", page.QuerySelector("#email-error")!.TextContent);
        Assert.False(Directory.Exists(MailPickup.Folder(_app.DataDirectory)) && Directory.EnumerateFiles(MailPickup.Folder(_app.DataDirectory)).Any());
    }

    [Fact]
    public async Task WithoutAMailServerTheAnswerSaysWhereTheMessageWasWrittenAndLinksToItInDevelopment()
    {
        var client = _app.NewClient();
        var response = await client.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" });
        var page = await response.ParseAsync();

        var folder = MailPickup.Folder(_app.DataDirectory);
        Assert.Contains($"no mail server set up, so the message was written as a file to {folder} instead", page.Text());
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        Assert.Contains(_app.Logs.Lines, line => line.Contains("Account mail", StringComparison.Ordinal) && line.Contains($"MailFile={file}", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains("someone@example.com", StringComparison.OrdinalIgnoreCase));
        var newest = await client.GetPageAsync(page.QuerySelector("main a[href='/account/mail/newest']")!.GetAttribute("href")!);
        Assert.Equal(MailPickup.LinkIn(File.ReadAllText(file), "/account/finish-sign-up"),
            new Uri(newest.QuerySelector("main a[href*='/account/finish-sign-up']")!.GetAttribute("href")!).PathAndQuery);
    }

    [Fact]
    public async Task OutsideDevelopmentThereIsNoLinkToTheMailFolder()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["environment"] = "Production", ["TrustAgain:SecureCookies"] = "false", ["TrustAgain:Mail:SiteUrl"] = "http://localhost",
        });
        var client = app.NewClient();

        var page = await (await client.SubmitAsync("/account/register", new Dictionary<string, string> { ["Input.Email"] = "someone@example.com" })).ParseAsync();

        Assert.Contains(MailPickup.Folder(app.DataDirectory), page.Text());
        Assert.Null(page.QuerySelector("a[href='/account/mail/newest']"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/mail/newest")).StatusCode);
    }

    [Fact]
    public async Task AMissingOrTamperedLinkSaysItIsNotValidAndCreatesNothing()
    {
        var link = await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com");
        var token = Uri.UnescapeDataString(link.Split("token=")[1]);
        var tampered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        var client = _app.NewClient();

        foreach (var url in new[] { "/account/finish-sign-up", "/account/finish-sign-up?token=", "/account/finish-sign-up?token=" + tampered })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await response.ParseAsync();
            Assert.Contains(NotValid, page.Text("h1"));
            Assert.NotNull(page.QuerySelector("main a[href='/account/register']"));
        }
        // The form's hidden token changed after the page was loaded.
        var posted = await client.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Token"] = tampered, ["Input.Password"] = People.Password, ["Input.ConfirmPassword"] = People.Password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains(NotValid, (await posted.ParseAsync()).Text("h1"));
        Assert.Empty(await UserRowsAsync());
    }

    [Fact]
    public async Task AnExpiredLinkSaysItIsNotValidAndCreatesNothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TrustAgain.SignUp").ToTimeLimitedDataProtector();
        string Link(DateTimeOffset expires) =>
            "/account/finish-sign-up?token=" + protector.Protect(JsonSerializer.Serialize(new SignUpInvitation(email, null)), expires);

        // The same token made to last opens the page, so only its expiry differs.
        Assert.Contains(email, (await _app.NewClient().GetPageAsync(Link(DateTimeOffset.UtcNow.AddHours(1)))).Text());
        var expired = await _app.NewClient().GetAsync(Link(DateTimeOffset.UtcNow.AddSeconds(-1)));

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains(NotValid, (await expired.ParseAsync()).Text("h1"));
        Assert.Empty(await UserRowsAsync());
    }

    [Fact]
    public async Task ALinkUsedTwiceSaysTheAddressHasAnAccountAndChangesNothing()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var link = await _app.SignUpLinkAsync(email);
        var secondTab = _app.NewClient();
        var formOpenedEarlier = await secondTab.GetPageAsync(link);
        await _app.NewClient().FinishSignUpAsync(link);
        var before = await UserRowsAsync();

        var again = await _app.NewClient().GetAsync(link);
        var earlierForm = await secondTab.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)formOpenedEarlier.QuerySelector("main form")!, link,
            new Dictionary<string, string> { ["Input.Password"] = "another password entirely", ["Input.ConfirmPassword"] = "another password entirely" });

        foreach (var response in new[] { again, earlierForm })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ParseAsync();
            Assert.Contains(AlreadyHasAnAccount, page.Text("h1"));
            Assert.NotNull(page.QuerySelector("main a[href='/account/sign-in']"));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await _app.NewClient(followRedirects: false).GetAsync("/journal")).StatusCode);
        Assert.Equal(before, await UserRowsAsync());
        (await _app.SignedInClientAsync(email)).Dispose();
    }

    [Fact]
    public async Task TheSameFormSentTwiceAtOnceCreatesOneAccountAndNoError()
    {
        var link = await _app.SignUpLinkAsync($"{Guid.NewGuid():N}@example.com");
        var tabs = new[] { _app.NewClient(), _app.NewClient(), _app.NewClient() };
        var forms = await Task.WhenAll(tabs.Select(async tab => (tab, form: (AngleSharp.Html.Dom.IHtmlFormElement)(await tab.GetPageAsync(link)).QuerySelector("main form")!)));

        var answers = await Task.WhenAll(forms.Select(f => f.tab.SubmitAsync(f.form, link, new Dictionary<string, string>
        {
            ["Input.Password"] = People.Password, ["Input.ConfirmPassword"] = People.Password,
        })));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Single(answers, answer => answer.RequestMessage!.RequestUri!.AbsolutePath == "/journeys");
        Assert.Single(await UserRowsAsync());
    }

    [Theory]
    [InlineData("a calm quiet lake 42", "a calm quiet lake 43", "#confirm-error", "The two passwords are not the same.")]
    [InlineData("iloveyou", "iloveyou", "#password-error", "one of the most commonly used")]
    public async Task ACommonOrMismatchedPasswordKeepsTheFormWithTheErrorAndCreatesNothing(string password, string again, string field, string error)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var link = await _app.SignUpLinkAsync(email);

        var response = await _app.NewClient().SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Password"] = password, ["Input.ConfirmPassword"] = again,
        });
        var page = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, page.QuerySelector(field)!.TextContent);
        Assert.Contains(email, page.Text());
        Assert.All(page.QuerySelectorAll("input[type=password]"), input => Assert.True(string.IsNullOrEmpty(input.GetAttribute("value"))));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("input[name=Token]")!.GetAttribute("value")));
        Assert.Empty(await UserRowsAsync());
    }

    [Theory]
    [InlineData("/journal", "/journal")]
    [InlineData("https://elsewhere.example/", "/")]
    public async Task FinishingReturnsToTheLocalPageSignUpStartedFromButNeverOffSite(string returnUrl, string landsOn)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await _app.NewClient().SubmitAsync("/account/register?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Input.Email"] = email });
        var link = MailPickup.LinkIn(MailPickup.NewestTo(_app.DataDirectory, email), "/account/finish-sign-up");

        var finished = await _app.NewClient().FinishSignUpAsync(link);

        Assert.Equal(landsOn, finished.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("localhost", finished.RequestMessage.RequestUri.Host);
    }

    [Fact]
    public async Task NeitherTheAddressNorTheTokenReachesTheLogsAndThePostUrlCarriesNoToken()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var link = await _app.SignUpLinkAsync(email);
        var token = Uri.UnescapeDataString(link.Split("token=")[1]);

        var posted = await _app.NewClient(followRedirects: false).FinishSignUpAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("", posted.RequestMessage!.RequestUri!.Query);
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_app.Logs.Lines, line => line.Contains(token[..24], StringComparison.Ordinal));
        Assert.Contains(_app.Logs.Lines, line => line.Contains("/account/finish-sign-up", StringComparison.Ordinal));
    }

    // Every account row as it is stored: who, their password hash and security stamp.
    private async Task<List<string>> UserRowsAsync()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.OrderBy(u => u.Id)
            .Select(u => $"{u.Id}:{u.Email}:{u.PasswordHash}:{u.SecurityStamp}").ToListAsync();
    }

    [GeneratedRegex("value=\"[^\"]*\"(?=[^>]*name=\"__RequestVerificationToken\")|(?<=name=\"__RequestVerificationToken\"[^>]*)value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();
}
