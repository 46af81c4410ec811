using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TrustAgain.Web;

// Every setting is an Options class bound one way: from its configuration section, checked against its data
// annotations (and any rule added with Validate), and checked once when the app starts rather than on first use.
public static partial class Settings
{
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this WebApplicationBuilder builder, string section)
        where TOptions : class =>
        builder.Services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    // Checks every setting before a command or the server does anything. A bad one stops start-up with one line per
    // problem, naming the setting and why, instead of a stack trace from wherever it was first read.
    public static bool SettingsAreValid(this WebApplication app, TextWriter errors)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (OptionsValidationException e)
        {
            Report(errors, e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            Report(errors, e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures));
        }
        catch (InvalidOperationException e)
        {
            // A value that cannot be converted ("soon" for a time span) is reported by the binder, which names the
            // setting and the type it needed.
            Report(errors, [e.Message]);
        }
        return false;
    }

    // Data annotation failures come wrapped ("DataAnnotation validation failed for 'X' members: 'Y' with the error:
    // '...'."); each of our messages names its setting already, so only the message itself is shown.
    private static void Report(TextWriter errors, IEnumerable<string> failures)
    {
        foreach (var failure in failures)
        {
            var reason = AnnotationFailure().Match(failure) is { Success: true } wrapped ? wrapped.Groups["reason"].Value : failure;
            errors.WriteLine($"TrustAgain will not start: {reason}");
        }
    }

    [GeneratedRegex(@"with the error: '(?<reason>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex AnnotationFailure();
}
