using System.Globalization;

namespace TrustAgain.Web.Insights;

public static class Svg
{
    // SVG coordinates always use a dot, whatever culture the server runs in.
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
