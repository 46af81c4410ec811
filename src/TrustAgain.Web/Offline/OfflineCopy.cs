using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using TrustAgain.Web.Content;

namespace TrustAgain.Web.Offline;

// What a browser keeps for reading offline, and the service worker that keeps it. Only public addresses are listed:
// the home page, the guide and every section, "Doing this together", the safety page, the offline page, and the styles, scripts and icons
// they use. The worker's script names a version made from all of it, so any change to the guide, an asset or the
// app makes browsers install the worker again and delete the old copy.
public sealed class OfflineCopy(GuideLibrary guide, EndpointDataSource endpoints, IOptions<InstallOptions> install)
{
    public const string OfflinePage = "/offline";

    private const string ScriptResource = "TrustAgain.Web.Offline.service-worker.js";

    // Icons the layout links without a fingerprint, so pages shown offline still have them.
    private static readonly string[] Icons = ["/favicon.ico", "/icons/icon.svg"];

    // Worked out on first use, once every endpoint is mapped. Two requests racing here compute the same value.
    private IReadOnlyList<string>? _precache;
    private string? _script;

    public IReadOnlyList<string> Precache => _precache ??= [.. Pages(guide), .. Assets(endpoints), .. Icons];

    public string ServiceWorkerScript => _script ??= Script();

    private static IEnumerable<string> Pages(GuideLibrary guide) =>
        ["/", "/guide", .. guide.Sections.Select(section => $"/guide/{section.Key}"), "/guide/together", "/safety", OfflinePage];

    // The fingerprinted styles and scripts, at the addresses pages link them by (the static assets' labels map a
    // file's own name to its fingerprinted address). Razor Pages carry the collection as endpoint metadata.
    private static IEnumerable<string> Assets(EndpointDataSource endpoints)
    {
        var assets = endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(c => c is not null)
            ?? ResourceAssetCollection.Empty;
        return assets
            .Where(asset => asset.Properties?.Any(p => p.Name == "label" && (p.Value.EndsWith(".css", StringComparison.Ordinal) || p.Value.EndsWith(".js", StringComparison.Ordinal))) == true)
            .Select(asset => "/" + asset.Url.TrimStart('/'))
            .Order(StringComparer.Ordinal);
    }

    private string Script()
    {
        using var stream = typeof(OfflineCopy).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The service worker script {ScriptResource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var logic = reader.ReadToEnd();
        var version = Version(logic);
        return $"const version = {JsonSerializer.Serialize(version)};\nconst precache = {JsonSerializer.Serialize(Precache)};\n\n{logic}";
    }

    // Everything that can change what is kept: the app build (its layout and pages), every kept address (the
    // fingerprints of assets), the guide's words, the installed name and the worker itself.
    private string Version(string logic)
    {
        var text = new StringBuilder()
            .AppendLine(typeof(OfflineCopy).Assembly.ManifestModule.ModuleVersionId.ToString())
            .AppendJoin('\n', Precache).AppendLine()
            .AppendJoin('\n', guide.Sections.SelectMany(s => s.Steps.Select(step => step.Html).Prepend(s.IntroHtml).Prepend(s.Title))).AppendLine()
            .AppendLine(guide.Together.Html)
            .AppendLine(guide.Safety.Html)
            .AppendLine(install.Value.Name).AppendLine(install.Value.ShortName)
            .Append(logic);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
