namespace GotaKeren.Web.Shell;

/// <summary>
/// An uploaded file's name as it is kept: the last path part, no control characters, and short enough for its
/// column, keeping the extension that tells what it is. A browser may send any name; the upload still works.
/// </summary>
public static class StoredFileName
{
    public const int MaxLength = 200;

    public static string Of(string? uploaded, string fallback = "berkas")
    {
        var name = Path.GetFileName(uploaded ?? "");
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0)
        {
            return fallback;
        }

        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        extension = extension.Length <= 10 ? extension : "";
        return name[..(MaxLength - extension.Length)] + extension;
    }
}
