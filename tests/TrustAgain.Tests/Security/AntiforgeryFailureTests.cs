using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TrustAgain.Tests.Security;

// A load generator such as wrk ends its run by closing every connection, some in the middle of a POST. A form that
// never fully arrived fails the antiforgery check too, but it is a dropped connection, not a forged form, so it is
// not recorded as a security event; a whole form without its token still is.
public sealed class AntiforgeryFailureTests : IDisposable
{
    private const string Form = "Input.Email=someone%40example.com&Input.Password=a+guess+at+a+password";

    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AClientThatCutsTheConnectionMidPostIsNotRecordedAsAForgedForm(bool reset)
    {
        _app.UseKestrel(0);
        _app.StartServer();
        var server = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        await PostAsync(server, Form[..20], reset);
        await WaitForRequestsLoggedAsync(1);
        Assert.Empty(AntiforgeryEvents());

        await PostAsync(server, Form, reset: false);
        await WaitForRequestsLoggedAsync(2);
        Assert.Single(AntiforgeryEvents());
    }

    // Sends a POST over a plain socket announcing the whole form's length. A cut one waits until the app starts
    // reading the form (Kestrel answers "100 Continue" then), sends only the first part and closes the connection as
    // a load generator does: gracefully, or with a reset. A whole one is read to its answer, as a browser would.
    private static async Task PostAsync(Uri server, string sent, bool reset)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port);
        var cut = sent.Length < Form.Length;
        await socket.SendAsync(Encoding.ASCII.GetBytes($"POST /account/sign-in HTTP/1.1\r\nHost: {server.Authority}\r\n" +
            $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {Form.Length}\r\n" +
            (cut ? "Expect: 100-continue\r\n" : "") + "\r\n"));
        if (cut)
        {
            Assert.StartsWith("HTTP/1.1 100", await ReceiveAsync(socket));
        }
        await socket.SendAsync(Encoding.ASCII.GetBytes(sent));
        if (!cut)
        {
            Assert.StartsWith("HTTP/1.1 400", await ReceiveAsync(socket));
        }
        if (reset)
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        else
        {
            socket.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var answer = new byte[4096];
        var read = await socket.ReceiveAsync(answer);
        return Encoding.ASCII.GetString(answer, 0, read);
    }

    // The one line per request is written when the app is done with it, whatever became of the client.
    private async Task WaitForRequestsLoggedAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_app.Logs.Lines.Count(line => line.Contains("RequestMethod=POST", StringComparison.Ordinal)
            && line.Contains("RequestPath=/account/sign-in", StringComparison.Ordinal)) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private IEnumerable<string> AntiforgeryEvents() =>
        _app.Logs.Lines.Where(line => line.Contains("Security event AntiforgeryFailed", StringComparison.Ordinal));
}
