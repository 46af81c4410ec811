using System.ComponentModel.DataAnnotations;

namespace TrustAgain.Web.Offline;

// How the app is named once added to a home screen. The default is as discreet as the tab title: someone glancing
// at the phone sees "Notes", not an app about betrayal.
public sealed class InstallOptions
{
    public const string SectionName = "TrustAgain:Install";

    [Required(AllowEmptyStrings = false, ErrorMessage = "TrustAgain__Install__Name must not be empty.")]
    [StringLength(45, ErrorMessage = "TrustAgain__Install__Name must be at most 45 characters.")]
    public string Name { get; set; } = "Notes";

    // Shown under the icon where space is short; empty means the same as Name.
    [StringLength(12, ErrorMessage = "TrustAgain__Install__ShortName must be at most 12 characters (launchers cut longer ones).")]
    public string ShortName { get; set; } = "";
}
