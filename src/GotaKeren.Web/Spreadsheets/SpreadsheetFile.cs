using GotaKeren.Web.Shell;

namespace GotaKeren.Web.Spreadsheets;

/// <summary>
/// Opens an uploaded spreadsheet, XLSX or CSV decided by its first bytes (the extension only breaks ties), or
/// refuses it with one message in words for the person who uploaded it: the roster and the workers' village
/// data share it.
/// </summary>
internal static class SpreadsheetFile
{
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>What the file should be, in the refusal messages.</summary>
    /// <param name="List">"daftar pegawai"</param>
    /// <param name="Export">"daftar pegawai hasil ekspor BKPSDM"</param>
    public sealed record Kind(string List, string Export);

    public static readonly Kind Roster = new("daftar pegawai", "daftar pegawai hasil ekspor BKPSDM");
    public static readonly Kind Workers = new("data pekerja", "data pekerja dari desa/kelurahan");
    public static readonly Kind Deductions = new("hasil potongan gaji", "hasil potongan gaji dari bendahara atau aplikasi gaji");

    private static readonly byte[] Zip = "PK"u8.ToArray();
    private static readonly byte[] OleCompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();

    /// <summary>Decides XLSX or CSV from the first bytes, the extension only breaking ties, or refuses.</summary>
    public static (ISheetRows? Source, string? Error) Open(Stream stream, string fileName, Kind kind, CancellationToken ct)
    {
        if (stream.Length == 0)
        {
            return (null, "Berkas kosong (0 byte): tidak ada yang dapat dibaca.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".xlsm")
        {
            return (null, XlsxPackage.MacroMessage);
        }

        Span<byte> head = stackalloc byte[8];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..length];
        stream.Position = 0;

        if (head.StartsWith(Zip))
        {
            var (sheet, error) = XlsxPackage.Inspect(stream, ct);
            stream.Position = 0;
            return error is null ? (new XlsxRows(stream, sheet), null) : (null, error);
        }

        if (head.StartsWith(OleCompoundFile))
        {
            return (null, "Berkas ini berformat Excel 97–2003 (.xls) atau buku kerja Excel yang dilindungi kata sandi; " +
                "keduanya tidak dapat dibaca. Buka di Excel, hapus kata sandi bila ada, lalu simpan sebagai .xlsx " +
                "atau CSV UTF-8 dan unggah lagi.");
        }

        if (head.StartsWith(Pdf))
        {
            return (null, $"Berkas ini PDF, bukan tabel data. Unggah {kind.Export} dalam bentuk .xlsx atau .csv.");
        }

        switch (extension)
        {
            case ".xls" when head.Length > 0 && head[0] == (byte)'<':
                // Web applications often export an HTML table named .xls, which Excel opens with a warning.
                return (null, "Berkas .xls ini sebenarnya halaman web (HTML), bukan buku kerja Excel. Buka di Excel, " +
                    "simpan sebagai .xlsx, lalu unggah lagi.");
            case ".xls":
                return (null, "Berkas .xls (Excel 97–2003) tidak dapat dibaca. Buka di Excel, simpan sebagai .xlsx, " +
                    "lalu unggah lagi.");
            case ".xlsx":
                return (null, "Berkas bernama .xlsx tetapi isinya bukan buku kerja Excel. Buka berkas di Excel, " +
                    "simpan ulang sebagai .xlsx, lalu unggah lagi.");
            case not ".csv":
                return (null, $"Jenis berkas '{(extension.Length == 0 ? "tanpa ekstensi" : extension)}' tidak " +
                    $"didukung. Unggah {kind.List} sebagai .xlsx atau .csv.");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (null, "Berkas CSV ini tersimpan sebagai Unicode UTF-16 (pilihan 'Teks Unicode' di Excel), bukan " +
                "UTF-8. Di Excel pilih Simpan Sebagai, jenis 'CSV UTF-8', lalu unggah lagi.");
        }

        if (ContainsNul(stream))
        {
            return (null, $"Berkas bernama .csv tetapi isinya bukan teks. Unggah {kind.List} sebagai .xlsx atau .csv " +
                "yang disimpan dari Excel.");
        }

        return (new CsvRows(stream), null);
    }

    private static bool ContainsNul(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return buffer[..read].Contains((byte)0);
    }

    /// <summary>
    /// The file as a seekable stream starting at 0 (ZIP needs seeking, and CSV is read twice: once for the
    /// delimiter), refusing it past the size limit before anything is parsed. A stream that is not seekable is
    /// copied, at most <see cref="MaxBytes"/> of it.
    /// </summary>
    public static (Stream Stream, string? Error) Seekable(Stream content, CancellationToken ct)
    {
        if (content.CanSeek)
        {
            var size = content.Length - content.Position;
            if (size > MaxBytes)
            {
                return (content, TooLarge(size));
            }

            if (content.Position == 0)
            {
                return (content, null);
            }
        }

        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            copy.Write(buffer, 0, read);
            if (copy.Length > MaxBytes)
            {
                copy.Dispose();
                return (content, TooLarge(null));
            }
        }

        copy.Position = 0;
        return (copy, null);
    }

    private static string TooLarge(long? size)
    {
        var shown = size is { } bytes
            ? $"berukuran {(bytes / 1024d / 1024d).ToString("0.0", Formats.Indonesian)} MB"
            : "lebih besar dari 20 MB";
        return $"Berkas {shown}, melebihi batas 20 MB. Hapus kolom yang tidak diperlukan, atau simpan sebagai .xlsx " +
            "yang lebih ringkas daripada .csv, lalu unggah lagi.";
    }
}
