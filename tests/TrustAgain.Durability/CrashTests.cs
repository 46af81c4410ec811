using System.Diagnostics;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace TrustAgain.Durability;

// People save and edit reflections while the server dies (SIGKILL) or is told to stop (SIGTERM). After each
// restart: the database is intact, and every write the app acknowledged is there, decrypts, and is the last
// version acknowledged.
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Writers = 4;

    // 20 rounds in the README's `dotnet test`; `tests/durability/run --rounds 200` for the full run.
    private static int Rounds =>
        int.TryParse(Environment.GetEnvironmentVariable("TRUSTAGAIN_DURABILITY_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 20;

    [Fact]
    public async Task NoAcknowledgedWriteIsLostWhenTheServerIsKilledAtARandomMoment()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var data = Directory.CreateTempSubdirectory("trustagain-durability-").FullName;
        var port = AppProcess.FreePort();
        var clock = Stopwatch.StartNew();
        List<Person> people = [];
        List<Writer> writers = [];
        var (lost, damaged, integrityFailures) = (0, 0, 0);
        try
        {
            for (var round = 1; round <= Rounds + 1; round++)
            {
                await using var app = await AppProcess.StartAsync(data, port);
                if (round == 1)
                {
                    people = [.. await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Person.RegisterAsync(app)))];
                    writers = [.. people.Select((person, i) => new Writer(person, i, new Random(random.Next())))];
                }
                foreach (var check in round == 1 ? [] : await Task.WhenAll(writers.Select(w => w.CheckAsync())))
                {
                    (lost, damaged) = (lost + check.Lost, damaged + check.Damaged);
                }
                // The extra start only checks what the last round wrote.
                if (round > Rounds)
                {
                    break;
                }

                using var stop = new CancellationTokenSource();
                var writing = writers.Select(w => w.WriteUntilStoppedAsync(stop.Token)).ToList();
                await Task.Delay(random.Next(100, 1500));
                app.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(writing);

                if (await Database.IntegrityCheckAsync(data) is var integrity and not "ok")
                {
                    integrityFailures++;
                    output.WriteLine($"Round {round}: integrity_check said {integrity}");
                }
            }
        }
        finally
        {
            people.ForEach(p => p.Dispose());
            Directory.Delete(data, recursive: true);
        }

        var acknowledged = writers.Sum(w => w.AcknowledgedWrites);
        output.WriteLine($"kill -9: {Rounds} rounds, {acknowledged} acknowledged writes, {lost} lost, {damaged} undecryptable, " +
            $"{integrityFailures} integrity failures, {clock.Elapsed.TotalSeconds:0} s (seed {seed})");
        Assert.Equal(0, lost);
        Assert.Equal(0, damaged);
        Assert.Equal(0, integrityFailures);
        Assert.True(acknowledged >= Rounds, $"Only {acknowledged} writes were acknowledged in {Rounds} rounds: the harness is not exercising the app.");
    }

    [Fact]
    public async Task SavesInFlightWhenTheServerIsToldToStopFinishOrAreRefusedAndNoneIsLost()
    {
        // The host's default shutdown timeout: in-flight requests get this long to finish.
        var shutdownTimeout = TimeSpan.FromSeconds(30);
        var data = Directory.CreateTempSubdirectory("trustagain-durability-").FullName;
        var port = AppProcess.FreePort();
        List<Person> people = [];
        try
        {
            List<Writer> writers;
            await using (var app = await AppProcess.StartAsync(data, port))
            {
                people = [.. await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Person.RegisterAsync(app)))];
                writers = [.. people.Select((person, i) => new Writer(person, i, new Random(i)))];
                using var stop = new CancellationTokenSource();
                var writing = writers.Select(w => w.WriteUntilStoppedAsync(stop.Token)).ToList();
                // Stop once saving is in full swing, so saves are in flight when the signal comes.
                while (writers.Sum(w => w.AcknowledgedWrites) < 40 && writing.All(w => !w.IsCompleted))
                {
                    await Task.Delay(20);
                }

                var clock = Stopwatch.StartNew();
                var exitCode = await app.TerminateAsync(shutdownTimeout);
                var stopped = clock.Elapsed;
                await stop.CancelAsync();
                await Task.WhenAll(writing);

                output.WriteLine($"SIGTERM: exit code {exitCode} after {stopped.TotalMilliseconds:0} ms, " +
                    $"{writers.Sum(w => w.AcknowledgedWrites)} acknowledged writes before it");
                Assert.Equal(0, exitCode);
                Assert.True(stopped < shutdownTimeout);
            }

            await using (await AppProcess.StartAsync(data, port))
            {
                var checks = await Task.WhenAll(writers.Select(w => w.CheckAsync()));
                Assert.All(checks, check => Assert.Equal((0, 0), (check.Lost, check.Damaged)));
                // A save that got no answer was refused before it started: none was cut off after storing.
                Assert.DoesNotContain(checks, check => check.UnansweredLanded);
            }
            Assert.Equal("ok", await Database.IntegrityCheckAsync(data));
        }
        finally
        {
            people.ForEach(p => p.Dispose());
            Directory.Delete(data, recursive: true);
        }
    }
}
