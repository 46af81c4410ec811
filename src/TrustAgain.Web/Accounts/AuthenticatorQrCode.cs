using QRCoder;

namespace TrustAgain.Web.Accounts;

// The otpauth:// address an authenticator app scans, drawn as inline SVG: one path, presentation attributes only
// (no style attribute, no script), so it renders under the strict Content-Security-Policy and never leaves the
// server as an image request anyone could log.
public static class AuthenticatorQrCode
{
    public static string Svg(string otpauthUri)
    {
        using var data = new QRCodeGenerator().CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        // Dark on light whatever the page's theme: scanners need the contrast.
        var svg = new SvgQRCode(data).GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return svg.Replace("<svg ", "<svg width=\"200\" height=\"200\" aria-hidden=\"true\" focusable=\"false\" ", StringComparison.Ordinal);
    }
}
