using System.IO.Compression;
using System.Xml;

namespace GotaKeren.Web.Spreadsheets;

/// <summary>
/// Looks inside an XLSX package before any row is read: it must be a workbook, carry no macros and no formulas.
/// MiniExcel returns a formula's cached value without saying it was a formula, so the sheets' XML is streamed
/// here looking for &lt;f&gt; elements. A formula is refused because the cached value may not be what the screen
/// shows (never recalculated, or pointing at another file) and an import must read what the person sees.
/// </summary>
internal static class XlsxPackage
{
    /// <summary>
    /// Above this the package is a zip bomb rather than a roster: 50,000 rows of a dozen columns expand to far
    /// less.
    /// </summary>
    private const long MaxUncompressedBytes = 1L << 30;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    private static readonly HashSet<string> SpreadsheetNamespaces =
    [
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    ];

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>The first sheet's name (the one read), or the reason to refuse the file.</summary>
    public static (string? FirstSheet, string? Error) Inspect(Stream stream, CancellationToken ct)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return Inspect(zip, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            return (null, "Berkas .xlsx rusak: isinya tidak dapat dibuka sebagai buku kerja Excel. Buka berkas di " +
                "Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.");
        }
    }

    private static (string? FirstSheet, string? Error) Inspect(ZipArchive zip, CancellationToken ct)
    {
        if (zip.GetEntry("mimetype") is { } mimetype && ReadSmall(mimetype).StartsWith("application/vnd.oasis.opendocument", StringComparison.Ordinal))
        {
            return (null, "Berkas ini berformat OpenDocument (.ods, misalnya dari LibreOffice), bukan .xlsx. " +
                "Simpan ulang sebagai 'Excel 2007-365 (.xlsx)' atau CSV UTF-8, lalu unggah lagi.");
        }

        if (zip.GetEntry("xl/workbook.xml") is not { } workbook)
        {
            return (null, "Berkas ini arsip ZIP tetapi bukan buku kerja Excel (.xlsx), misalnya dokumen Word atau " +
                "folder yang dikompres. Unggah daftar pegawai sebagai .xlsx atau .csv.");
        }

        var contentTypes = zip.GetEntry("[Content_Types].xml") is { } types ? ReadSmall(types) : "";
        if (zip.Entries.Any(e => e.Name.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
            || contentTypes.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
        {
            return (null, MacroMessage);
        }

        if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
        {
            return (null, "Isi berkas .xlsx melebihi 1 GB setelah dibuka, jauh di atas ukuran daftar pegawai mana " +
                "pun; berkas ini tidak diproses. Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.");
        }

        var sheets = Sheets(zip, workbook);
        foreach (var (name, part) in sheets)
        {
            ct.ThrowIfCancellationRequested();
            if (zip.GetEntry(part) is { } entry && FirstFormula(entry) is { } cell)
            {
                return (null, $"Sel {cell} pada lembar '{name}' berisi rumus. Rumus tidak diterima karena nilai " +
                    "yang terbaca bisa berbeda dari yang tampil di layar. Salin seluruh lembar, tempel sebagai nilai " +
                    "(Paste Special > Values), simpan, lalu unggah lagi.");
            }
        }

        return (sheets.Count > 0 ? sheets[0].Name : null, null);
    }

    public const string MacroMessage = "Buku kerja ini berisi makro (VBA) dan tidak diterima karena makro dapat " +
        "menjalankan program. Simpan Sebagai 'Buku Kerja Excel (.xlsx)' tanpa makro, lalu unggah lagi.";

    /// <summary>The workbook's sheets in tab order, each with its part path inside the package.</summary>
    private static List<(string Name, string Part)> Sheets(ZipArchive zip, ZipArchiveEntry workbook)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry("xl/_rels/workbook.xml.rels") is { } rels)
        {
            using var reader = XmlReader.Create(rels.Open(), XmlSettings);
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" }
                    && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                {
                    targets[id] = target.StartsWith('/') ? target[1..] : $"xl/{target}";
                }
            }
        }

        var sheets = new List<(string, string)>();
        using (var reader = XmlReader.Create(workbook.Open(), XmlSettings))
        {
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "sheet" })
                {
                    var id = reader.GetAttribute("id", RelationshipsNamespace)
                        ?? reader.GetAttribute("id", StrictRelationshipsNamespace);
                    if (id is not null && targets.TryGetValue(id, out var part))
                    {
                        sheets.Add((reader.GetAttribute("name") ?? part, part));
                    }
                }
            }
        }

        // A package whose relationships cannot be followed still gets every worksheet part checked.
        var listed = sheets.Select(s => s.Item2).ToHashSet(StringComparer.Ordinal);
        sheets.AddRange(zip.Entries
            .Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)
                && e.FullName.EndsWith(".xml", StringComparison.Ordinal)
                && !listed.Contains(e.FullName))
            .Select(e => (e.Name, e.FullName)));
        return sheets;
    }

    /// <summary>
    /// The reference of the first cell holding a formula, streaming the sheet. Only &lt;f&gt; inside a cell counts:
    /// drop-down lists (data validation) keep their source range in an &lt;xm:f&gt; of another namespace, and
    /// BKPSDM templates use them for status and golongan.
    /// </summary>
    private static string? FirstFormula(ZipArchiveEntry sheet)
    {
        using var reader = XmlReader.Create(sheet.Open(), XmlSettings);
        string? cell = null;
        while (reader.Read())
        {
            if (!SpreadsheetNamespaces.Contains(reader.NamespaceURI))
            {
                continue;
            }

            if (reader is { NodeType: XmlNodeType.Element, LocalName: "c" })
            {
                cell = reader.IsEmptyElement ? null : reader.GetAttribute("r") ?? "(tanpa alamat)";
            }
            else if (reader is { NodeType: XmlNodeType.EndElement, LocalName: "c" })
            {
                cell = null;
            }
            else if (reader is { NodeType: XmlNodeType.Element, LocalName: "f" } && cell is not null)
            {
                return cell;
            }
        }

        return null;
    }

    private static string ReadSmall(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        var buffer = new char[64 * 1024];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }
}
