using GotaKeren.Web.Shell;

using GotaKeren.Web.Spreadsheets;

namespace GotaKeren.Web.Roster.Reading;

/// <summary>
/// Reads a BKPSDM roster export (XLSX or CSV) into valid rows and precise problems, or refuses the whole file
/// with one message. Streams the rows: only the valid rows and the problems are kept.
/// </summary>
public static class RosterReader
{
    public const int MaxDataRows = 50_000;
    public const long MaxBytes = SpreadsheetFile.MaxBytes;

    /// <summary>
    /// Exports often put a title and the regency's name above the header: the header is the first row with two
    /// known column names among the first filled rows.
    /// </summary>
    private const int HeaderSearchRows = 10;

    private const int ProgressEvery = 500;

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

        var (stream, sizeError) = SpreadsheetFile.Seekable(content, ct);
        if (sizeError is not null)
        {
            return RosterReadResult.Refuse(sizeError);
        }

        try
        {
            var (source, typeError) = SpreadsheetFile.Open(stream, fileName, SpreadsheetFile.Roster, ct);
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
}
