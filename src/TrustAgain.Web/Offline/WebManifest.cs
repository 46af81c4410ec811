using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustAgain.Web.Offline;

// The web app manifest: what a browser needs to offer "Add to home screen" and open the app in its own window.
// Colours are the page backgrounds of site.css, so the window's frame matches the page behind it.
public sealed record WebManifest(
    string Id,
    string Name,
    [property: JsonPropertyName("short_name")] string ShortName,
    [property: JsonPropertyName("start_url")] string StartUrl,
    string Scope,
    string Display,
    [property: JsonPropertyName("background_color")] string BackgroundColor,
    [property: JsonPropertyName("theme_color")] string ThemeColor,
    IReadOnlyList<ManifestIcon> Icons)
{
    public const string ContentType = "application/manifest+json";

    public const string LightBackground = "#fbf8f3";

    public const string DarkBackground = "#1a1917";

    public static WebManifest For(InstallOptions install) => new(
        Id: "/",
        Name: install.Name,
        ShortName: string.IsNullOrEmpty(install.ShortName) ? install.Name : install.ShortName,
        StartUrl: "/",
        Scope: "/",
        Display: "standalone",
        BackgroundColor: LightBackground,
        ThemeColor: LightBackground,
        Icons:
        [
            new("/icons/icon-192.png", "192x192", "image/png", "any"),
            new("/icons/icon-512.png", "512x512", "image/png", "any"),
            new("/icons/icon-maskable-192.png", "192x192", "image/png", "maskable"),
            new("/icons/icon-maskable-512.png", "512x512", "image/png", "maskable"),
        ]);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

public sealed record ManifestIcon(string Src, string Sizes, string Type, string Purpose);
