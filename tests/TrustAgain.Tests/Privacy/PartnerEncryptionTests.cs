using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;

namespace TrustAgain.Tests.Privacy;

// What one person offers the other is sealed with their pair's key, never stored in the clear, and a sealed offer
// opens only as the row of the pair it was written for.
public sealed class PartnerEncryptionTests
{
    [SqliteFact("scans the SQLite files; the PostgreSQL dump scan in EncryptionTests covers the provider")]
    public async Task AnOfferItsLeftOutPassageAndItsNoteAreNeverInTheDatabaseFilesOrLogsInTheClear()
    {
        const string kept = "CanaryOfferKept4412";
        const string hidden = "CanaryOfferLeftOut4412";
        const string note = "CanaryOfferNote4412";
        var data = Directory.CreateTempSubdirectory("trustagain-canary-").FullName;
        await using (var app = new TestApp(data))
        {
            var (a, b) = await app.LinkedPairAsync();
            var id = await a.WriteReflectionAsync(JourneySteps.FirstStep, "Plain words.");
            var offerId = await a.OfferAsync(id, text: $"{kept} [[{hidden}]]", note: note);
            await b.SubmitAsync($"/together/offers/{offerId}", new Dictionary<string, string>(), action: "handler=Open");
            var opened = await b.GetStringAsync($"/together/offers/{offerId}");
            Assert.Contains(kept, opened);
            Assert.Contains(note, opened);
            Assert.DoesNotContain(hidden, opened);
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Canary", StringComparison.Ordinal));
        }

        var databaseFiles = Directory.GetFiles(data, "trustagain.db*");
        Assert.NotEmpty(databaseFiles);
        foreach (var file in databaseFiles)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { kept, hidden, note })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            }
        }
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task AnOfferMovedToAnotherPairOrReadWithAPersonsKeyDoesNotOpen()
    {
        await using var app = new TestApp();
        var (a, _) = await app.LinkedPairAsync();
        var offerId = await a.OfferAsync(await a.WriteReflectionAsync(JourneySteps.FirstStep, "Ours alone."));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<JournalCipher>();
        var offer = await db.Offers.SingleAsync(o => o.Id == offerId);
        var pair = await db.Pairs.SingleAsync();

        Assert.Contains("Ours alone.", cipher.UnwrapPairKey(pair.Id, pair.WrappedKey).Decrypt(offer.Id, offer.Ciphertext));
        Assert.Null(cipher.UnwrapPairKey(pair.Id, pair.WrappedKey).Decrypt(Guid.NewGuid(), offer.Ciphertext));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => cipher.UnwrapPairKey(Guid.NewGuid(), pair.WrappedKey));
        var author = await db.Users.SingleAsync(u => u.Id == offer.AuthorId);
        Assert.Null(cipher.Unwrap(author.Id, author.WrappedDataKey).Decrypt(offer.Id, offer.Ciphertext));
    }
}
