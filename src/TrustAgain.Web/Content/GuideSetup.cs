namespace TrustAgain.Web.Content;

public static class GuideSetup
{
    // The guide is read from content/ once and kept in memory; start-up reads it before anything else needs it.
    public static void AddGuide(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => GuideLoader.Load(services.GetRequiredService<AppPaths>().ContentDirectory));
        builder.Services.AddSingleton<GuideSearch>();
    }

    // Reads the guide, or writes every problem (file, line and reason) to `errors` and returns false.
    public static bool GuideIsValid(this WebApplication app, TextWriter errors)
    {
        try
        {
            app.Services.GetRequiredService<GuideLibrary>();
            return true;
        }
        catch (ContentInvalidException e)
        {
            errors.WriteLine(e.Message);
            return false;
        }
    }
}
