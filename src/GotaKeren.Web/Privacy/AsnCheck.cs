using GotaKeren.Web.Organisation;
using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Spreadsheets;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// An ASN's corrected data through the roster import's own row checks (UU 27/2022 asks that a correction be held to
/// the rules the data came in by): the ASN is written as one roster row, with the NIP, unit, rank and status the
/// roster gave and the name, NIK, e-mail and phone the person asks for, and read back by the same validator.
/// </summary>
internal static class AsnCheck
{
    private static readonly (RosterField Field, string Header, string Key)[] Fields =
    [
        (RosterField.Nip, "NIP", "nip"), (RosterField.Name, "Nama", "name"), (RosterField.Opd, "Unit Kerja", "unit"), (RosterField.Position, "Jabatan", "position"),
        (RosterField.Rank, "Golongan", "rank"), (RosterField.Echelon, "Eselon", "echelon"), (RosterField.Status, "Status", "status"),
        (RosterField.Nik, "NIK", "nik"), (RosterField.Email, "E-mail", "email"), (RosterField.Phone, "No. HP", "phone"),
    ];

    /// <summary>The row as the roster would store it, or the problems by field (name, nik, email, phone...).</summary>
    public static (RosterRow? Row, Dictionary<string, string[]> Errors) Check(Asn current, string unit, string? name, string? nik, string? email, string? phone, DateOnly today)
    {
        var status = current.Category switch { AsnCategory.Pns => "PNS", AsnCategory.Pppk => "PPPK", _ => "Non-PNS" };
        string?[] values = [current.Nip, name, unit, current.Position, current.Rank, current.Echelon, status, nik, email, phone];
        var header = new SheetRow(1, [.. Fields.Select(f => new SheetCell(f.Header, false))]);
        var (columns, error) = RosterColumns.Match(header);
        if (columns is null)
        {
            throw new InvalidOperationException(error);
        }

        var validator = new RosterRowValidator(columns, today);
        validator.Validate(new SheetRow(2, [.. values.Select(v => new SheetCell(v ?? "", false))]));
        var result = validator.Finish();
        var errors = result.Problems
            .GroupBy(p => Fields.FirstOrDefault(f => f.Header == p.Column).Key ?? "roster")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return (errors.Count == 0 ? result.Rows.SingleOrDefault() : null, errors);
    }
}
