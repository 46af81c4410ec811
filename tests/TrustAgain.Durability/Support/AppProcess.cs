using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrustAgain.Durability.Support;

// The published app running as a child process on a data folder, over real Kestrel on a loopback port, as it runs
// in production. It can be killed outright (SIGKILL), asked to stop (SIGTERM), and restarted on the same folder and
// port, so the cookies of people already signed in keep working across restarts.
public sealed class AppProcess : IAsyncDisposable
{
    // Generous: on a loaded two-core machine the first start (JIT, model building, migrations) takes seconds.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
        _process.OutputDataReceived += (_, line) => Record(line.Data);
        _process.ErrorDataReceived += (_, line) => Record(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    // Its data folder: the database, and the mail it writes (no SMTP host is configured), sign-up links included.
    public string DataDirectory { get; }

    // Everything the app wrote to standard output and error: its log.
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Starts the app and waits until /healthz answers.
    public static async Task<AppProcess> StartAsync(string dataDirectory, int port)
    {
        var address = new Uri($"http://127.0.0.1:{port}");
        var app = new AppProcess(await LaunchAsync(dataDirectory, address), address, dataDirectory);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (app._process.HasExited)
            {
                var exited = new InvalidOperationException($"The app exited with {app._process.ExitCode} while starting:\n{app.Output}");
                await app.DisposeAsync();
                throw exited;
            }
            try
            {
                if ((await http.GetAsync(new Uri(address, "/healthz"))).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > StartTimeout)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"The app did not answer /healthz within {StartTimeout}:\n{app.Output}");
            }
            await Task.Delay(20);
        }
    }

    // Starts the app on a data folder it is expected to refuse, and returns its exit code and output.
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string dataDirectory, TimeSpan timeout)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        await using var app = new AppProcess(await LaunchAsync(dataDirectory, address), address, dataDirectory);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await app._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            app.Kill();
            throw new TimeoutException($"The app was still running after {timeout}:\n{app.Output}");
        }
        return (app._process.ExitCode, app.Output);
    }

    // What a power cut or the OOM killer does: no shutdown code runs.
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    // What a deploy or `systemctl stop` does: SIGTERM, then waits for the process to end. Returns the exit code.
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The app was still running {timeout} after SIGTERM:\n{Output}");
        }
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<Process> LaunchAsync(string dataDirectory, Uri address)
    {
        var folder = await PublishedApp.FolderAsync();
        var start = new ProcessStartInfo("dotnet", ["TrustAgain.Web.dll"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["TrustAgain__DataDirectory"] = dataDirectory;
        // Outside Development account mail names the site's own address.
        start.Environment["TrustAgain__Mail__SiteUrl"] = address.ToString();
        // Plain HTTP on loopback, and limits lifted: the harness measures durability, not the rate limiter.
        start.Environment["TrustAgain__SecureCookies"] = "false";
        start.Environment["TrustAgain__RateLimits__ReflectionSavesPerMinute"] = "1000000000";
        start.Environment["TrustAgain__RateLimits__AccountFormsPerMinute"] = "1000000";
        return new Process { StartInfo = start };
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
