using System.Text;

namespace GotaKeren.Web.Protection;

/// <summary>
/// The consent form as printed here, before anyone signs it, carries a marker in the PDF's title (Chromium writes
/// the HTML title into the document information), whatever the regency's template says. Uploaded back as the
/// worker's "signed" consent, the form's own bytes are recognised and refused: the evidence must be a scan or a
/// photo of the signed paper. A marker in the metadata and not a stored hash, since the schema is not to change for it.
/// </summary>
public static class BlankConsentForm
{
    public const string Marker = "GK-BLANKO-PERSETUJUAN";

    // Chromium writes an ASCII title as a literal string and any other as UTF-16BE in hex: look for both.
    private static readonly byte[][] Encodings =
    [
        Encoding.ASCII.GetBytes(Marker),
        Encoding.ASCII.GetBytes(string.Concat(Marker.Select(c => $"{(int)c:X4}"))),
        Encoding.ASCII.GetBytes(string.Concat(Marker.Select(c => $"{(int)c:x4}"))),
    ];

    /// <summary>The HTML with the marker added to its title (or a title added), before it is printed.</summary>
    public static string Mark(string html)
    {
        var end = html.IndexOf("</title>", StringComparison.OrdinalIgnoreCase);
        if (end >= 0)
        {
            return html.Insert(end, $" [{Marker}]");
        }

        // A title before the doctype would switch the page to quirks mode: put it in the head, or after the doctype.
        var head = html.IndexOf("<head", StringComparison.OrdinalIgnoreCase);
        var at = head >= 0 ? html.IndexOf('>', head) + 1
            : html.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) ? html.IndexOf('>') + 1
            : 0;
        return html.Insert(at, $"<title>Formulir persetujuan [{Marker}]</title>");
    }

    public static bool IsBlank(ReadOnlySpan<byte> file)
    {
        foreach (var marker in Encodings)
        {
            if (file.IndexOf(marker) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
