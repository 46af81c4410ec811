using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace TrustAgain.Tests.Support;

// A real SMTP server for the tests: the smtp4dev .NET tool (.config/dotnet-tools.json), started on free loopback
// ports with an in-memory store. Tests read what it received through its web API, as a person reads their inbox.
public sealed class Smtp4dev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _api;

    private Smtp4dev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }

    // Settings that point the app at this server.
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["TrustAgain:Mail:SmtpHost"] = "127.0.0.1",
        ["TrustAgain:Mail:SmtpPort"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TrustAgain:Mail:SmtpSecurity"] = "None",
    };

    // `refuse` names a start of address whose mail the server refuses at RCPT TO (550), as a real server does for
    // an address that does not exist.
    public static async Task<Smtp4dev> StartAsync(string? refuse = null)
    {
        var (smtp, web) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestApp.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (refuse is not null)
        {
            start.Environment["ServerOptions__RecipientValidationExpression"] = $"!recipient.startsWith(\"{refuse}\")";
        }
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--", $"--smtpport={smtp}", $"--urls=http://127.0.0.1:{web}", "--db=", "--imapport=", "--pop3port=",
            "--nousersettings", "--tlsmode=None", "--bindaddress=127.0.0.1", "--messagestokeep=100000",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Smtp4dev(process, smtp, web);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, smtp);
                (await server._api.GetAsync("api/messages")).EnsureSuccessStatusCode();
                return server;
            }
            catch (Exception e) when (e is SocketException or HttpRequestException && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }

    public sealed record Received(string Id, string Subject, IReadOnlyList<string> To);

    public async Task<IReadOnlyList<Received>> MessagesAsync()
    {
        var page = await _api.GetFromJsonAsync<JsonElement>("api/messages?pageSize=100000");
        return [.. page.GetProperty("results").EnumerateArray().Select(m => new Received(
            m.GetProperty("id").GetString()!, m.GetProperty("subject").GetString() ?? "",
            [.. m.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    // The message exactly as the server received it: headers, blank line, body.
    public Task<string> RawAsync(string id) => _api.GetStringAsync($"api/messages/{id}/raw");

    public async Task<string> OnlyMessageToAsync(string address)
    {
        var to = (await MessagesAsync()).Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.Single(to);
        return await RawAsync(to[0].Id);
    }

    public async Task ClearAsync() => (await _api.DeleteAsync("api/messages/*")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
