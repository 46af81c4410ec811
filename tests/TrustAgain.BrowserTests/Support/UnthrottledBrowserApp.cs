namespace TrustAgain.BrowserTests.Support;

// Some specifications make more requests in a minute than any person would: saving 500+ hostile entries, or signing
// up, turning on two-step sign-in and changing the address four times over (phone and desktop, light and dark) from
// one address. They would rightly hit the rate limits, which are specified on their own in RateLimitTests.
public sealed class UnthrottledBrowserApp : BrowserApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["TrustAgain:RateLimits:ReflectionSavesPerMinute"] = "100000",
        ["TrustAgain:RateLimits:AccountFormsPerMinute"] = "100000",
    };
}
