namespace TrustAgain.Tests;

// Every setting is checked before the app does anything: a bad one stops start-up at once, names the setting and
// says what is wrong, and leaves no data folder behind.
public sealed class SettingsTests
{
    [Theory]
    [InlineData("TrustAgain__Backup__Keep", "0", "TrustAgain__Backup__Keep must be a whole number from 1 to 10000.")]
    [InlineData("TrustAgain__Backup__Interval", "soon", "Failed to convert configuration value 'soon' at 'TrustAgain:Backup:Interval'")]
    [InlineData("TrustAgain__RateLimits__ReflectionSavesPerMinute", "0", "TrustAgain__RateLimits__ReflectionSavesPerMinute must be a whole number of 1 or more.")]
    [InlineData("TrustAgain__Mail__SmtpPort", "70000", "TrustAgain__Mail__SmtpPort must be a port number from 1 to 65535.")]
    [InlineData("TrustAgain__Mail__SmtpTimeout", "00:00:00", "TrustAgain__Mail__SmtpTimeout must be from 1 second to 10 minutes (e.g. 00:00:30).")]
    [InlineData("TrustAgain__Mail__SmtpSecurity", "Sometimes", "Failed to convert configuration value 'Sometimes' at 'TrustAgain:Mail:SmtpSecurity'")]
    [InlineData("TrustAgain__Mail__From", "nobody", "TrustAgain__Mail__From must be an address such as")]
    [InlineData("TrustAgain__JournalKey", "not a key", "TrustAgain__JournalKey is unreadable: it must be 32 bytes in base64")]
    [InlineData("TrustAgain__Database__Provider", "Oracle", "Failed to convert configuration value 'Oracle' at 'TrustAgain:Database:Provider'")]
    [InlineData("TrustAgain__Database__Provider", "PostgreSql", "TrustAgain__Database__Provider is PostgreSql but ConnectionStrings__Default is empty")]
    public async Task ABadSettingStopsStartUpWithItsNameAndTheReason(string setting, string value, string reason)
    {
        var data = Path.Combine(Path.GetTempPath(), $"trustagain-settings-{Guid.NewGuid():N}");

        var start = await AppCommand.RunAsync(data, new Dictionary<string, string> { [setting] = value });

        Assert.Equal(1, start.ExitCode);
        Assert.Contains($"TrustAgain will not start: {reason}", start.Error);
        Assert.DoesNotContain("   at ", start.Error);
        Assert.False(Directory.Exists(data), "Start-up went on to create the data folder.");
    }

    [Fact]
    public async Task ABadSettingStopsACommandToo()
    {
        var data = Path.Combine(Path.GetTempPath(), $"trustagain-settings-{Guid.NewGuid():N}");

        var seed = await AppCommand.RunAsync(data, new Dictionary<string, string> { ["TrustAgain__Backup__Keep"] = "-3" }, "seed", "--users", "1", "--reflections", "1");

        Assert.Equal(1, seed.ExitCode);
        Assert.Contains("TrustAgain will not start: TrustAgain__Backup__Keep must be a whole number from 1 to 10000.", seed.Error);
        Assert.False(Directory.Exists(data), "The seed command went on to create the data folder.");
    }
}
