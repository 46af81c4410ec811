namespace TrustAgain.Tests.Support;

// Hostile input for every field and view: markup and script injection (each payload would set window.__pwned if
// it ever ran), SQL, control characters, right-to-left and emoji text, and sizes at the edges. At least 500.
public static class HostileStrings
{
    public const string Marker = "__pwned";

    private static readonly string[] Payloads =
    [
        "<script>window.__pwned=1</script>",
        "\"><img src=x onerror=\"window.__pwned=1\">",
        "'><svg onload=window.__pwned=1>",
        "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
        "</textarea><script>window.__pwned=1</script>",
        "</title><script>window.__pwned=1</script>",
        "<a href=\"javascript:window.__pwned=1\">click</a>",
        "<body onload=window.__pwned=1>",
        "<details open ontoggle=window.__pwned=1>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
        "{{constructor.constructor('window.__pwned=1')()}}",
        "${window.__pwned=1}",
        "<scr<script>ipt>window.__pwned=1</scr</script>ipt>",
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
        "<img src=x onerror=&#119;indow.__pwned=1>",
        "javascript:window.__pwned=1",
        "'; DROP TABLE Reflections; --",
        "\" OR 1=1 --",
        "1; UPDATE AspNetUsers SET PasswordHash = NULL; --",
        "%27%20OR%201%3D1%20--",
        "\u0000null\u0000byte",
        "bell\u0007and\u001b[31mescape",
        "line\r\nbreak\r\n\r\nand more",
        "\u2028line separator\u2029paragraph",
        "\u202Etxet desrever\u202C",
        "שלום, מה שלומך?",
        "مرحبا، كيف حالك؟",
        "💔😢🫶🏽👩‍❤️‍👨🏳️‍🌈",
        "Z̷̢̛͚a̴l̶g̵o̷ text",
        "../../../../etc/passwd",
        "%00%0d%0a",
        "Supercalifragilisticexpialidocious" + new string('o', 400),
        "<input autofocus onfocus=window.__pwned=1>",
        "<object data=\"javascript:window.__pwned=1\"></object>",
        "<style>@import 'javascript:window.__pwned=1';</style>",
    ];

    private static readonly Func<string, string>[] Wrappings =
    [
        p => p,
        p => "Before " + p,
        p => p + " after",
        p => "Line one\n" + p + "\nline three",
        p => p + p,
        p => "  " + p + "  ",
        p => "\"" + p + "\"",
        p => "<b>" + p + "</b>",
        p => p.ToUpperInvariant(),
        p => "שלום " + p + " 💔",
        p => p.Replace(" ", "\t", StringComparison.Ordinal),
        p => "'" + p + "'",
        p => "**" + p + "** _markdown_",
        p => p + "\u0000",
        p => "[link](" + p + ")",
        p => "# " + p,
    ];

    public static IReadOnlyList<string> All { get; } =
        [.. Payloads.SelectMany(p => Wrappings.Select(w => w(p)))
            .Append(new string('x', 19_999))
            .Append(string.Concat(Enumerable.Repeat("<script>window.__pwned=1</script>", 600)))
            .Distinct()];
}
