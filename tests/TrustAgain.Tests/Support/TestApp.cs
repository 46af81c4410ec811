using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TrustAgain.Tests.Support;

// The real app, in memory, on a real SQLite file in a temporary data folder. Pass the folder of an earlier
// TestApp to "restart" on the same data. Disposing the app that created a folder deletes it.
// With TRUSTAGAIN_TEST_POSTGRES set to a PostgreSQL connection string without a database name, every TestApp
// instead gets a fresh database of its own on that server (dropped on disposal; kept by RestartAsync), so the
// whole suite runs against PostgreSQL too.
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;
    private bool _ownsData;
    private bool _ownsDatabase;

    // `services` adds to the app's own services, e.g. an EF Core interceptor that injects storage faults.
    public TestApp(string? dataDirectory = null, string? contentDirectory = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
        : this(dataDirectory, contentDirectory, ownsData: dataDirectory is null, PostgresServer is null ? null : CreatePostgresDatabase(), settings, services)
    {
    }

    private TestApp(string? dataDirectory, string? contentDirectory, bool ownsData, string? postgresDatabase,
        IReadOnlyDictionary<string, string>? settings, Action<IServiceCollection>? services)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _services = services;
        _ownsData = ownsData;
        _ownsDatabase = postgresDatabase is not null;
        PostgresDatabase = postgresDatabase;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("trustagain-test-").FullName;
        ContentDirectory = contentDirectory ?? RepositoryContent;
    }

    // The PostgreSQL server the suite runs against, or null for SQLite.
    public static string? PostgresServer { get; } =
        Environment.GetEnvironmentVariable("TRUSTAGAIN_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    // This app's own database on PostgresServer, or null on SQLite.
    public string? PostgresDatabase { get; }

    public string? PostgresConnectionString => PostgresDatabase is null ? null : $"{PostgresServer};Database={PostgresDatabase}";

    public string DataDirectory { get; }

    public string ContentDirectory { get; }

    public CapturedLogs Logs { get; } = new();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RepositoryContent => Path.Combine(RepositoryRoot, "content");

    public HttpClient NewClient(bool followRedirects = true) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    // Stops this app and starts a new one on the same data folder (optionally with other content), as a deploy or
    // a restart would. The new app takes over the folder and deletes it when disposed.
    public async Task<TestApp> RestartAsync(string? contentDirectory = null)
    {
        var ownsData = _ownsData;
        _ownsData = false;
        _ownsDatabase = false;
        await DisposeAsync();
        return new TestApp(DataDirectory, contentDirectory ?? ContentDirectory, ownsData, PostgresDatabase, _settings, _services);
    }

    // Copies the guide to a temporary folder that a test may change.
    public static string CopyOfContent()
    {
        var copy = Directory.CreateTempSubdirectory("trustagain-content-").FullName;
        foreach (var file in Directory.GetFiles(RepositoryContent, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(RepositoryContent, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TrustAgain:DataDirectory", DataDirectory);
        builder.UseSetting("TrustAgain:ContentDirectory", ContentDirectory);
        // Debug lines too (a visitor's page read is logged at Debug), so the privacy checks read every line.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("TrustAgain:Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Default", PostgresConnectionString);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // Pooled connections keep the files open; release them so the folder can be read raw or deleted.
        SqliteConnection.ClearAllPools();
        if (disposing && _ownsData && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        if (disposing && _ownsDatabase)
        {
            NpgsqlConnection.ClearAllPools();
            RunOnPostgresServer($"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)");
            _ownsDatabase = false;
        }
    }

    private static string CreatePostgresDatabase()
    {
        var name = $"trustagain_test_{Guid.NewGuid():N}";
        RunOnPostgresServer($"CREATE DATABASE \"{name}\"");
        return name;
    }

    private static void RunOnPostgresServer(string sql)
    {
        using var connection = new NpgsqlConnection($"{PostgresServer};Database=postgres;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustAgain.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The tests must run from inside the repository.");
    }
}

// Every log event the app writes, rendered to text, so tests can prove nothing private is logged.
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {properties} {exception}");
        }
    }
}
