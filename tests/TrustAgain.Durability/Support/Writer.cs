using System.Net;
using System.Security.Cryptography;
using System.Text;
using TrustAgain.Web.Journal;

namespace TrustAgain.Durability.Support;

// One person writing and editing reflections of random sizes as fast as the app answers. Its ledger holds, for every
// write the app acknowledged, the reflection and a hash of the text, and the one write whose answer never came.
public sealed class Writer(Person person, int number, Random random)
{
    // Enough reflections to spread edits over, few enough that the step page stays small.
    private const int MaxReflections = 12;

    private static readonly string[] Words =
    [
        "trust", "again", "I", "felt", "the", "café", "naïve", "“quoted”", "—", "日本語", "🌱", "<script>", "&amp;",
        "when", "you", "said", "nothing", "and", "I", "waited", "slowly", "honest", "boundary", "sorry", "ümlaut",
    ];

    private readonly Dictionary<Guid, string> _acknowledged = [];
    // Adds the app acknowledged before the writer could read their id (the app died in between).
    private readonly HashSet<string> _acknowledgedWithoutId = [];
    private (Guid? Id, string Hash)? _unanswered;
    private int _sequence;

    public int AcknowledgedWrites { get; private set; }

    // Writes until `stop` or until the app stops answering.
    public async Task WriteUntilStoppedAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await WriteOnceAsync();
            }
        }
        catch (HttpRequestException)
        {
            // The app died or shut down during the request: the ledger keeps the write as unanswered.
        }
    }

    // Compares the journal the restarted app serves with the ledger. An unanswered write may or may not have
    // landed; once seen it counts as the current version.
    public async Task<LedgerCheck> CheckAsync()
    {
        person.Reconnect();
        var texts = await person.StoredTextsAsync();
        var stored = texts.OfType<string>().Select(Hash).ToHashSet();
        var unanswered = _unanswered;
        var unansweredLanded = unanswered is { Hash: var h } && stored.Contains(h);
        _unanswered = null;

        var lost = 0;
        foreach (var (id, hash) in _acknowledged.ToList())
        {
            if (unanswered is { Id: { } editing } && editing == id && unansweredLanded)
            {
                _acknowledged[id] = unanswered.Value.Hash;
            }
            else if (!stored.Contains(hash))
            {
                lost++;
            }
        }
        lost += _acknowledgedWithoutId.Count(hash => !stored.Contains(hash));
        if (unanswered is { Id: null } && unansweredLanded)
        {
            _acknowledgedWithoutId.Add(unanswered.Value.Hash);
        }
        return new LedgerCheck(_acknowledged.Count + _acknowledgedWithoutId.Count, lost, texts.Count(t => t is null), unansweredLanded);
    }

    private async Task WriteOnceAsync()
    {
        var text = RandomText();
        var hash = Hash(text);
        if (_acknowledged.Count == 0 || (_acknowledged.Count + _acknowledgedWithoutId.Count < MaxReflections && random.Next(3) == 0))
        {
            _unanswered = (null, hash);
            ExpectSaved(await person.WriteAsync(text));
            _unanswered = null;
            AcknowledgedWrites++;
            _acknowledgedWithoutId.Add(hash);
            _acknowledged[await person.FindIdAsync(text)] = hash;
            _acknowledgedWithoutId.Remove(hash);
        }
        else
        {
            var id = _acknowledged.Keys.ElementAt(random.Next(_acknowledged.Count));
            _unanswered = (id, hash);
            ExpectSaved(await person.EditAsync(id, text));
            _unanswered = null;
            AcknowledgedWrites++;
            _acknowledged[id] = hash;
        }
    }

    // Mostly short, sometimes long, now and then close to the 20,000-character limit; each text is unique.
    private string RandomText()
    {
        var length = random.Next(100) switch
        {
            < 70 => random.Next(10, 500),
            < 95 => random.Next(500, 5_000),
            _ => random.Next(5_000, ReflectionInput.MaxLength - 100),
        };
        var text = new StringBuilder($"[writer {number}, write {++_sequence}]");
        while (text.Length < length)
        {
            text.Append(random.Next(12) == 0 ? ".\n" : " ").Append(Words[random.Next(Words.Length)]);
        }
        return text.ToString();
    }

    private static void ExpectSaved(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("saved=true", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"A save answered {(int)response.StatusCode} {response.Headers.Location}, not the redirect to \"Saved\".");
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

// Stored: reflections the ledger expects; Lost: acknowledged writes missing or replaced by an older version;
// Damaged: reflections that no longer decrypt; UnansweredLanded: the write whose answer never came was stored.
public sealed record LedgerCheck(int Stored, int Lost, int Damaged, bool UnansweredLanded);
