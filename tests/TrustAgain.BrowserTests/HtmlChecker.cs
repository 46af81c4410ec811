using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TrustAgain.BrowserTests;

// The Nu HTML Checker (vnu.jar from npm, `npm ci` in this folder; the build runs it when npm is there), run once
// per test run as a local HTTP service under the system's Java, so each page costs a request, not a JVM start.
public static class HtmlChecker
{
    private static readonly string Jar = Environment.GetEnvironmentVariable("VNU_JAR") is { Length: > 0 } jar
        ? jar
        : Path.Combine(Repository.Root, "tests", "TrustAgain.BrowserTests", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private static readonly string? Java =
        new[] { Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } home ? Path.Combine(home, "bin", "java") : null, "/usr/bin/java" }
            .FirstOrDefault(p => p is not null && File.Exists(p));

    private static readonly Lazy<Task<Uri>> Service = new(StartAsync);

    // The checker refuses requests without a User-Agent.
    private static readonly HttpClient Client = new()
    {
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { { "User-Agent", "TrustAgain.BrowserTests" } },
    };

    public static string? Missing =>
        Java is null ? "Java is not installed (apt-get install default-jre-headless)"
        : !File.Exists(Jar) ? $"the Nu HTML Checker is not installed (npm ci in tests/TrustAgain.BrowserTests; looked for {Jar})"
        : null;

    // Every error the checker reports, as "line:column message"; warnings and notes are left out.
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string html)
    {
        var service = await Service.Value;
        using var content = new StringContent(html, Encoding.UTF8, "text/html");
        using var response = await Client.PostAsync(new Uri(service, "?out=json"), content);
        response.EnsureSuccessStatusCode();
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. report.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => $"{(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}:{(m.TryGetProperty("firstColumn", out var column) ? column.GetInt32() : 0)} {m.GetProperty("message").GetString()}")];
    }

    private static async Task<Uri> StartAsync()
    {
        if (Missing is { } missing)
        {
            throw new InvalidOperationException($"The HTML check cannot run: {missing}.");
        }
        var port = FreePort();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var java = new Process
        {
            StartInfo = new ProcessStartInfo(Java!)
            {
                // The checker's schema recursion needs more stack than a thread gets by default.
                ArgumentList = { "-Xss8m", "-Dnu.validator.servlet.bind-address=127.0.0.1", "-cp", Jar, "nu.validator.servlet.Main", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
            EnableRaisingEvents = true,
        };
        // The service says on its own output when it listens.
        void Watch(object? sender, DataReceivedEventArgs line)
        {
            if (line.Data?.Contains("Checker service started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }
        java.OutputDataReceived += Watch;
        java.ErrorDataReceived += Watch;
        java.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"The Nu HTML Checker stopped (exit code {java.ExitCode})."));
        java.Start();
        java.BeginOutputReadLine();
        java.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!java.HasExited)
            {
                java.Kill();
            }
        };
        await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
