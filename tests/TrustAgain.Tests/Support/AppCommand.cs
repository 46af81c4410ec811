using System.Diagnostics;

namespace TrustAgain.Tests.Support;

// Runs the real app (TrustAgain.Web.dll, built beside the tests) as its own process, as an operator would:
// commands like `backup` and `restore`, or a server start that is expected to refuse.
public static class AppCommand
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string dataDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TrustAgain.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["TrustAgain__DataDirectory"] = dataDirectory;
        start.Environment["TrustAgain__ContentDirectory"] = TestApp.RepositoryContent;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A server that should have refused to start is still serving.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', args)}` was still running after 90 s: {await output}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> RunAsync(string dataDirectory, params string[] args) => RunAsync(dataDirectory, null, args);
}
