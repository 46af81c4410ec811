namespace TrustAgain.Tests.Support;

// Reads the mail the app wrote to its data folder's pickup folder (no SMTP host configured), as a person would
// read their inbox: the newest message to an address, and a link in it.
public static class MailPickup
{
    public static string Folder(string dataDirectory) => Path.Combine(dataDirectory, "mail");

    public static string NewestTo(string dataDirectory, string address)
    {
        var folder = Folder(dataDirectory);
        var messages = Directory.Exists(folder)
            ? new DirectoryInfo(folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Select(f => File.ReadAllText(f.FullName))
            : [];
        return messages.FirstOrDefault(m => m.Contains($"To: {address}\r\n", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No mail to {address} in {folder}.");
    }

    // The path and query of the first link in the message whose path starts with `path`.
    public static string LinkIn(string message, string path) =>
        message.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("http", StringComparison.Ordinal) && Uri.TryCreate(l, UriKind.Absolute, out _))
            .Select(l => new Uri(l).PathAndQuery)
            .FirstOrDefault(l => l.StartsWith(path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {path} link in the message.");
}
