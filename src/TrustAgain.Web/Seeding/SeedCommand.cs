using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using TrustAgain.Web.Content;
using TrustAgain.Web.Data;
using TrustAgain.Web.Encryption;
using TrustAgain.Web.Journal;

namespace TrustAgain.Web.Seeding;

// `seed --users N --reflections M [--prefix NAME]`: creates N people sharing M reflections between them, for demos
// and the benchmark. Text goes through the same length rule as the app's, and is written by the journal itself in
// batches, so it is encrypted with each person's key like anything they write.
// Every seeded person signs in as {prefix}-{i}@example.com with the password below.
public static class SeedCommand
{
    public const string Password = "seeded password 1";
    private const int BatchSize = 5_000;

    private static readonly string[] Openings =
    [
        "Today I noticed", "I keep coming back to", "It still hurts when I think about", "Something shifted when we talked about",
        "I was surprised by", "I want to remember", "It felt easier to talk about", "I am not ready to forgive",
    ];

    private static readonly string[] Subjects =
    [
        "the evening I found out", "how we used to plan weekends", "the way you looked away", "the messages",
        "my sister's advice", "the money we never discussed", "our walk by the river", "how tired I have been",
    ];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is [_, "--demo"])
        {
            return await DemoSeed.RunAsync(app);
        }
        if (!TryParse(args, out var users, out var reflections, out var prefix))
        {
            await Console.Error.WriteLineAsync("Usage: seed --users N --reflections M [--prefix NAME]   (N >= 1, M >= 0)\n       seed --demo   (one demo account with six weeks of a journey)");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var cipher = services.GetRequiredService<JournalCipher>();
        var journal = services.GetRequiredService<ReflectionJournal>();
        var normalizer = services.GetRequiredService<ILookupNormalizer>();
        var steps = services.GetRequiredService<GuideLibrary>().AllSteps.ToList();
        // Hashing is deliberately slow (PBKDF2, 210,000 rounds); everyone seeded shares one hash of one password.
        var passwordHash = services.GetRequiredService<IPasswordHasher<AppUser>>().HashPassword(new AppUser(), Password);
        var random = new Random(users * 31 + reflections);
        var now = DateTime.UtcNow;

        var people = new List<string>(users);
        for (var i = 0; i < users; i++)
        {
            var email = $"{prefix}-{i}@example.com";
            var user = new AppUser
            {
                UserName = email, NormalizedUserName = normalizer.NormalizeName(email),
                Email = email, NormalizedEmail = normalizer.NormalizeEmail(email), EmailConfirmed = true,
                PasswordHash = passwordHash, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now.AddDays(-400),
            };
            user.WrappedDataKey = cipher.NewWrappedDataKey(user.Id);
            db.Users.Add(user);
            people.Add(user.Id);
            if ((i + 1) % BatchSize == 0)
            {
                await SaveAsync(db);
            }
        }
        await SaveAsync(db);

        var batch = new List<NewReflection>(BatchSize);
        for (var n = 0; n < reflections; n++)
        {
            var userId = people[n % users];
            var step = steps[random.Next(steps.Count)];
            var text = $"{Openings[random.Next(Openings.Length)]} {Subjects[random.Next(Subjects.Length)]}. Entry {n.ToString(CultureInfo.InvariantCulture)}.";
            if (text.Length > ReflectionInput.MaxLength)
            {
                throw new InvalidOperationException("Seed text broke the reflection length rule.");
            }
            var createdAt = now.AddMinutes(-random.Next(1, 525_600)).AddTicks(n);
            var prompt = random.Next(3) == 0 ? step.Prompts[random.Next(step.Prompts.Count)] : null;
            batch.Add(new NewReflection(userId, step.Key, prompt, text, createdAt, createdAt));
            if (batch.Count == BatchSize)
            {
                await journal.AddManyAsync(batch);
                batch.Clear();
            }
        }
        await journal.AddManyAsync(batch);

        Console.WriteLine($"Seeded {users} people ({prefix}-0@example.com …, password \"{Password}\") and {reflections} reflections in {clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static async Task SaveAsync(AppDbContext db)
    {
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static bool TryParse(string[] args, out int users, out int reflections, out string prefix)
    {
        users = 0;
        reflections = 0;
        prefix = "seed";
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var ok = args[i] switch
            {
                "--users" => int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out users),
                "--reflections" => int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out reflections),
                "--prefix" => (prefix = args[i + 1]).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return users >= 1 && reflections >= 0 && args.Length % 2 == 1;
    }
}
