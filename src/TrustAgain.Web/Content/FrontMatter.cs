using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrustAgain.Web.Content;

// A content file split into its YAML front matter and Markdown body, with the line numbers authors see.
// Fields are read through YamlDotNet's node model rather than a deserializer so every problem can name its line.
internal sealed partial class FrontMatter
{
    // Each field's name node (for the line an author looks at) and value node.
    private readonly Dictionary<string, (YamlNode Name, YamlNode Value)> _fields;
    private readonly HashSet<string> _read = [];
    private readonly string _file;
    private readonly List<ContentProblem> _problems;

    private FrontMatter(string file, Dictionary<string, (YamlNode Name, YamlNode Value)> fields, string body, int bodyFirstLine,
        List<ContentProblem> problems)
    {
        _file = file;
        _fields = fields;
        _problems = problems;
        Body = body;
        BodyFirstLine = bodyFirstLine;
    }

    public string Body { get; }

    // The file line on which the body's first line stands, so Markdig's 0-based lines map back to the file.
    public int BodyFirstLine { get; }

    public static FrontMatter? Read(string file, string text, List<ContentProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines[0].Trim() != "---")
        {
            problems.Add(new(file, 1, "the file must start with front matter: a line '---', the fields, then '---'"));
            return null;
        }
        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0)
        {
            problems.Add(new(file, 1, "the front matter is never closed: add a line '---' after its last field"));
            return null;
        }

        var yaml = string.Join('\n', lines[1..close]);
        var body = string.Join('\n', lines[(close + 1)..]);
        var fields = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0)
            {
                if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
                {
                    problems.Add(new(file, 2, "the front matter must be a list of 'name: value' fields"));
                    return null;
                }
                foreach (var (name, value) in mapping.Children)
                {
                    fields[name is YamlScalarNode { Value: { } fieldName } ? fieldName : ""] = (name, value);
                }
            }
        }
        catch (YamlException e)
        {
            // YAML lines count from the line after the opening '---'.
            problems.Add(new(file, (int)e.Start.Line + 1, "the front matter is not valid YAML: " + YamlReason(e)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some malformed input without a position; find the line by parsing growing prefixes.
            problems.Add(new(file, FirstBadLine(lines[1..close]) + 1, "the front matter is not valid YAML: check brackets, quotes and colons"));
            return null;
        }
        return new FrontMatter(file, fields, body, close + 2, problems);
    }

    public string? Text(string name, bool required = true)
    {
        _read.Add(name);
        if (!_fields.TryGetValue(name, out var field))
        {
            if (required)
            {
                _problems.Add(new(_file, 1, $"the front matter has no '{name}'"));
            }
            return null;
        }
        if (field.Value is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
        {
            _problems.Add(new(_file, LineOf(field.Name), $"'{name}' must be a line of text"));
            return null;
        }
        return value.Trim();
    }

    public string? Key(string name = "key")
    {
        var key = Text(name);
        if (key is not null && !KeyPattern().IsMatch(key))
        {
            _problems.Add(new(_file, LineOf(name),
                $"'{name}' must be lower-case letters, digits and single hyphens, like 'be-patient' (found '{key}')"));
            return null;
        }
        return key;
    }

    public IReadOnlyList<(string Value, int Line)> List(string name)
    {
        _read.Add(name);
        if (!_fields.TryGetValue(name, out var field))
        {
            _problems.Add(new(_file, 1, $"the front matter has no '{name}'"));
            return [];
        }
        if (field.Value is not YamlSequenceNode sequence)
        {
            _problems.Add(new(_file, LineOf(field.Name), $"'{name}' must be a list, one '- item' per line"));
            return [];
        }
        var items = new List<(string, int)>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                items.Add((value.Trim(), LineOf(item)));
            }
            else
            {
                _problems.Add(new(_file, LineOf(item), $"each item of '{name}' must be a line of text"));
            }
        }
        return items;
    }

    public int LineOf(string name) => _fields.TryGetValue(name, out var field) ? LineOf(field.Name) : 1;

    // Reports fields nobody asked for: usually a typo, such as 'tilte'.
    public void RejectUnknownFields()
    {
        foreach (var (name, field) in _fields)
        {
            if (!_read.Contains(name))
            {
                _problems.Add(new(_file, LineOf(field.Name), $"unknown field '{name}'"));
            }
        }
    }

    public static int LineOf(YamlNode node) => (int)node.Start.Line + 1;

    // The 1-based line (counted from the first YAML line) at which the YAML first stops parsing.
    private static int FirstBadLine(string[] yamlLines)
    {
        for (var count = 1; count <= yamlLines.Length; count++)
        {
            try
            {
                new YamlStream().Load(new StringReader(string.Join('\n', yamlLines[..count])));
            }
            catch (Exception e) when (e is YamlException or InvalidOperationException)
            {
                return count;
            }
        }
        return 1;
    }

    private static string YamlReason(YamlException e)
    {
        var message = (e.InnerException ?? e).Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
