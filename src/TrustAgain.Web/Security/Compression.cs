using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace TrustAgain.Web.Security;

// Brotli or gzip for what is the same for everyone: public pages (guide, search, safety) and static files, which
// the build also stores compressed. Never for a page rendered for a signed-in person, or any response carrying a
// form token: compressing secrets beside text an attacker can influence can leak them through the response's
// length (BREACH). SECURITY.md says why.
public sealed class PublicResponseCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        base.ShouldCompressResponse(context)
        && context.User.Identity?.IsAuthenticated != true
        // Antiforgery marks every response that holds a form token no-store before the page is written.
        && !context.Response.Headers.CacheControl.Any(value => value?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true);
}

public static class CompressionSetup
{
    public static void AddPublicResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(compression =>
        {
            // Served over HTTPS in production; BREACH is handled by what is compressed, not by where.
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, PublicResponseCompression>();
    }
}
