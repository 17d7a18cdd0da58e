using GotaKeren.Web.Shell;

namespace GotaKeren.Web.Roster.Reading;

/// <summary>
/// Reads a BKPSDM roster export (XLSX or CSV) into valid rows and precise problems, or refuses the whole file
/// with one message. Streams the rows: only the valid rows and the problems are kept.
/// </summary>
public static class RosterReader
{
    public const int MaxDataRows = 50_000;
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Exports often put a title and the regency's name above the header: the header is the first row with two
    /// known column names among the first filled rows.
    /// </summary>
    private const int HeaderSearchRows = 10;

    private const int ProgressEvery = 500;

    private static readonly byte[] Zip = "PK"u8.ToArray();
    private static readonly byte[] OleCompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();

    /// <summary>Reads with the system clock deciding today (a NIK's two-digit birth year needs it).</summary>
    public static RosterReadResult Read(Stream content, string fileName, IProgress<int>? rowsRead = null, CancellationToken ct = default) =>
        Read(content, fileName, TimeProvider.System, rowsRead, ct);

    /// <param name="content">The whole file; read from its current position. Not disposed.</param>
    /// <param name="fileName">The name as uploaded: its extension is checked together with the content.</param>
    /// <param name="time">Decides today, against which a NIK's two-digit birth year is read.</param>
    /// <param name="rowsRead">Told the number of data rows read so far, every 500 rows and at the end.</param>
    /// <param name="ct">Cancels between rows with <see cref="OperationCanceledException"/>.</param>
    public static RosterReadResult Read(
        Stream content,
        string fileName,
        TimeProvider time,
        IProgress<int>? rowsRead = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);

        var (stream, sizeError) = Seekable(content, ct);
        if (sizeError is not null)
        {
            return RosterReadResult.Refuse(sizeError);
        }

        try
        {
            var (source, typeError) = Open(stream, fileName, ct);
            if (source is null)
            {
                return RosterReadResult.Refuse(typeError ?? "Berkas tidak dapat dibaca.");
            }

            return ReadRows(source, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), rowsRead, ct);
        }
        finally
        {
            if (!ReferenceEquals(stream, content))
            {
                stream.Dispose();
            }
        }
    }

    private static RosterReadResult ReadRows(ISheetRows source, DateOnly today, IProgress<int>? rowsRead, CancellationToken ct)
    {
        RosterRowValidator? validator = null;
        SheetRow? firstFilled = null;
        var filledBeforeHeader = 0;
        var dataRows = 0;

        foreach (var row in source.Read(ct))
        {
            if (validator is null)
            {
                if (row.IsBlank)
                {
                    continue;
                }

                firstFilled ??= row;
                if (RosterColumns.CountKnown(row) < 2)
                {
                    if (++filledBeforeHeader >= HeaderSearchRows)
                    {
                        break;
                    }

                    continue;
                }

                var (columns, error) = RosterColumns.Match(row);
                if (columns is null)
                {
                    return RosterReadResult.Refuse(error!);
                }

                validator = new RosterRowValidator(columns, today);
                continue;
            }

            if (row.IsBlank)
            {
                continue;
            }

            if (++dataRows > MaxDataRows)
            {
                return RosterReadResult.Refuse($"Berkas berisi lebih dari {Formats.Number(MaxDataRows)} baris data " +
                    $"(baris data ke-{Formats.Number(dataRows)} ada di baris {Formats.Number(row.Number)}), melebihi " +
                    $"batas {Formats.Number(MaxDataRows)} baris per unggahan.");
            }

            validator.Validate(row);
            if (dataRows % ProgressEvery == 0)
            {
                rowsRead?.Report(dataRows);
            }
        }

        if (source.Error is { } lateError)
        {
            return RosterReadResult.Refuse(lateError);
        }

        if (validator is null)
        {
            return firstFilled is null
                ? RosterReadResult.Refuse("Berkas tidak berisi data: lembar kerjanya kosong.")
                : RosterReadResult.Refuse(RosterColumns.Match(firstFilled).Error
                    ?? "Baris judul kolom tidak ditemukan.");
        }

        if (dataRows == 0)
        {
            return RosterReadResult.Refuse("Berkas tidak berisi data pegawai: tidak ada baris terisi di bawah baris " +
                "judul kolom.");
        }

        rowsRead?.Report(dataRows);
        return validator.Finish();
    }

    /// <summary>Decides XLSX or CSV from the first bytes, the extension only breaking ties, or refuses.</summary>
    private static (ISheetRows? Source, string? Error) Open(Stream stream, string fileName, CancellationToken ct)
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
            return (null, "Berkas ini PDF, bukan tabel data. Unggah daftar pegawai hasil ekspor BKPSDM dalam bentuk " +
                ".xlsx atau .csv.");
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
                    "didukung. Unggah daftar pegawai sebagai .xlsx atau .csv.");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (null, "Berkas CSV ini tersimpan sebagai Unicode UTF-16 (pilihan 'Teks Unicode' di Excel), bukan " +
                "UTF-8. Di Excel pilih Simpan Sebagai, jenis 'CSV UTF-8', lalu unggah lagi.");
        }

        if (ContainsNul(stream))
        {
            return (null, "Berkas bernama .csv tetapi isinya bukan teks. Unggah daftar pegawai sebagai .xlsx atau .csv " +
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
    private static (Stream Stream, string? Error) Seekable(Stream content, CancellationToken ct)
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
