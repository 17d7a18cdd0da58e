using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GotaKeren.Web.Bpjs;

/// <summary>
/// What the regency hands BPJS: the workers to register (a column profile of its own, since BPJS's template is
/// not public) and, per month, what it owes BPJS for the months sponsors paid, with the record of the transfer.
/// Every file out holds personal data and is logged.
/// </summary>
public sealed class BpjsExchange(AppDbContext db, TenantContext scope, RulesInForce inForce, Documents.DocumentService documents, TimeProvider time)
{
    public sealed record Column(string Key, string Header);

    /// <summary>The columns a registration batch can have, in the default order.</summary>
    public static readonly IReadOnlyList<Column> Columns =
    [
        new("nik", "NIK"), new("nama", "Nama"), new("tempat_lahir", "Tempat lahir"), new("tanggal_lahir", "Tanggal lahir"),
        new("jenis_kelamin", "Jenis kelamin"), new("hp", "No. HP"), new("alamat", "Alamat"), new("desa", "Desa/Kelurahan"),
        new("kecamatan", "Kecamatan"), new("kabupaten", "Kabupaten/Kota"), new("pekerjaan", "Pekerjaan"), new("penghasilan", "Penghasilan dilaporkan"),
        new("program", "Program"), new("periode", "Periode dibayar"), new("mulai", "Tanggal mulai"),
    ];

    public static string DefaultProfile => string.Join(",", Columns.Select(c => c.Key));

    public async Task<IReadOnlyList<Column>> ProfileAsync(CancellationToken ct)
    {
        var stored = await db.BpjsSettings.AsNoTracking().Select(s => s.RegistrationColumns).FirstOrDefaultAsync(ct);
        return [.. (stored ?? DefaultProfile).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => Columns.FirstOrDefault(c => c.Key == k)).OfType<Column>()];
    }

    /// <summary>Saves the column profile: known keys only, each once, NIK always first (BPJS matches on it).</summary>
    public async Task<string?> SaveProfileAsync(IReadOnlyList<string> keys, string by, CancellationToken ct)
    {
        var unknown = keys.Where(k => Columns.All(c => c.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            return $"Kolom tidak dikenal: {string.Join(", ", unknown)}.";
        }

        var chosen = keys.Distinct().ToList();
        if (chosen.FirstOrDefault() != "nik")
        {
            return "Kolom pertama harus NIK: BPJS mencocokkan peserta dengan NIK.";
        }

        var text = string.Join(",", chosen);
        var now = time.GetUtcNow();
        var updated = await db.BpjsSettings.ExecuteUpdateAsync(u => u.SetProperty(s => s.RegistrationColumns, text).SetProperty(s => s.UpdatedAt, now).SetProperty(s => s.UpdatedBy, by), ct);
        if (updated == 0)
        {
            db.BpjsSettings.Add(new BpjsSettings { Id = Guid.CreateVersion7(), RegistrationColumns = text, UpdatedAt = now, UpdatedBy = by });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                await db.BpjsSettings.ExecuteUpdateAsync(u => u.SetProperty(s => s.RegistrationColumns, text).SetProperty(s => s.UpdatedAt, now).SetProperty(s => s.UpdatedBy, by), ct);
            }
        }

        return null;
    }

    /// <summary>
    /// Workers to register: an active sponsorship and no KPJ yet, and no restriction of processing (a restricted
    /// worker's data is not handed to anyone until the officer lifts it). One row each, in the regency's column profile.
    /// </summary>
    public async Task<(byte[] Xlsx, int Rows)> RegistrationBatchAsync(string by, CancellationToken ct)
    {
        var profile = await ProfileAsync(ct);
        var rules = await inForce.CurrentAsync(ct);
        var tenant = scope.Tenant!;
        var workers = await db.Sponsorships.AsNoTracking()
            .Where(s => s.Status == SponsorshipStatus.Active && s.Worker!.Kpj == null && s.Worker.RestrictedAt == null)
            .OrderBy(s => s.ActivatedAt).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.WorkerId, s.Worker!.Nik, s.Worker.FullName, s.Worker.BirthDate, s.Worker.Sex, s.Worker.Phone, s.Worker.Address, s.Worker.VillageCode,
                s.Worker.OccupationCode, s.Worker.DeclaredIncome, s.ActivatedAt,
                Paid = db.Dues.Where(d => d.SponsorshipId == s.Id && d.Paid == d.Amount).Select(d => d.Month).ToList(),
            })
            .ToListAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var rows = workers.Select(w =>
        {
            var values = new Dictionary<string, object?>
            {
                ["nik"] = w.Nik,
                ["nama"] = w.FullName,
                // The registry keeps no place of birth; BPJS takes the regency of residence when it is not known.
                ["tempat_lahir"] = "",
                ["tanggal_lahir"] = w.BirthDate.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                ["jenis_kelamin"] = w.Sex == Identifiers.Sex.Female ? "P" : "L",
                ["hp"] = w.Phone ?? "",
                ["alamat"] = w.Address ?? "",
                ["desa"] = Regions.Wilayah.Official.Name(w.VillageCode) ?? w.VillageCode,
                ["kecamatan"] = w.VillageCode.Length >= 8 ? Regions.Wilayah.Official.Name(w.VillageCode[..8]) ?? "" : "",
                ["kabupaten"] = tenant.Name,
                ["pekerjaan"] = Contributions.TariffCalculator.Standard.Occupations.Find(w.OccupationCode)?.Name ?? w.OccupationCode,
                ["penghasilan"] = w.DeclaredIncome,
                ["program"] = rules is null ? "JKK, JKM" : ProgrammeRules.Label(rules.Package),
                ["periode"] = w.Paid.Count == 0 ? "belum dibayar" : $"{Shell.Formats.Month(w.Paid.Min())} – {Shell.Formats.Month(w.Paid.Max())}",
                ["mulai"] = w.ActivatedAt is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : "",
            };
            return profile.ToDictionary(c => c.Header, c => values[c.Key]);
        }).ToList();

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows.Count > 0 ? rows : [profile.ToDictionary(c => c.Header, _ => (object?)null)], sheetName: "Pendaftaran", cancellationToken: ct);
        await db.LogExportAsync(by, $"Daftar pendaftaran BPJS: {rows.Count} pekerja (NIK, nama, tanggal lahir, alamat)", time.GetUtcNow(), LookSubjects.Worker, workers.Select(w => w.WorkerId), ct);
        return (stream.ToArray(), rows.Count);
    }

    public sealed record MonthLine(DateOnly Month, int Workers, long Paid, long Confirmed, BpjsRemittance? Remittance);

    /// <summary>Per month: paid by sponsors, remitted to BPJS, confirmed by BPJS, the latest months first.</summary>
    public async Task<IReadOnlyList<MonthLine>> MonthsAsync(int take, CancellationToken ct)
    {
        var sums = await db.Dues.AsNoTracking().Where(d => d.Paid > 0).GroupBy(d => d.Month)
            .Select(g => new { Month = g.Key, Workers = g.Count(), Paid = g.Sum(d => d.Paid), Confirmed = g.Sum(d => d.BpjsConfirmedAmount ?? 0) })
            .OrderByDescending(g => g.Month).Take(take).ToListAsync(ct);
        var months = sums.Select(s => s.Month).ToArray();
        var remittances = await db.BpjsRemittances.AsNoTracking().Where(r => months.Contains(r.Month)).ToDictionaryAsync(r => r.Month, ct);
        return [.. sums.Select(s => new MonthLine(s.Month, s.Workers, s.Paid, s.Confirmed, remittances.GetValueOrDefault(s.Month)))];
    }

    /// <summary>What the regency owes BPJS for a month: every month sponsors paid, per NIK, with totals per channel.</summary>
    public async Task<byte[]> RemittanceXlsxAsync(DateOnly month, string by, CancellationToken ct)
    {
        var lines = await db.Dues.AsNoTracking().Where(d => d.Month == month && d.Paid > 0)
            .OrderBy(d => d.Sponsorship!.Worker!.Nik)
            .Select(d => new { d.Sponsorship!.WorkerId, d.Sponsorship.Worker!.Nik, d.Sponsorship.Worker.FullName, d.Sponsorship.Worker.Kpj, d.Channel, d.Amount, d.Paid, d.BpjsConfirmedAmount })
            .ToListAsync(ct);
        var perNik = lines.Select(l => new Dictionary<string, object?>
        {
            ["NIK"] = l.Nik, ["Nama"] = l.FullName, ["KPJ"] = l.Kpj ?? "", ["Cara bayar"] = ProgrammeRules.Label(l.Channel),
            ["Iuran"] = l.Amount, ["Dibayar penyantun"] = l.Paid, ["Dikonfirmasi BPJS"] = l.BpjsConfirmedAmount,
        }).ToList();
        var perChannel = lines.GroupBy(l => l.Channel).OrderBy(g => g.Key).Select(g => new Dictionary<string, object?>
        {
            ["Cara bayar"] = ProgrammeRules.Label(g.Key), ["Pekerja"] = g.Count(), ["Dibayar penyantun"] = g.Sum(l => l.Paid),
        }).ToList();
        perChannel.Add(new Dictionary<string, object?> { ["Cara bayar"] = "Jumlah", ["Pekerja"] = lines.Count, ["Dibayar penyantun"] = lines.Sum(l => l.Paid) });
        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["Per NIK"] = perNik.Count > 0 ? perNik : [new Dictionary<string, object?> { ["NIK"] = null, ["Nama"] = null, ["Iuran"] = null }],
            ["Per cara bayar"] = perChannel,
        };
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        await db.LogExportAsync(by, $"Setoran ke BPJS {MonthlyRun.MonthText(month)}: {lines.Count} pekerja (NIK, nama, jumlah)", time.GetUtcNow(), LookSubjects.Worker, lines.Select(l => l.WorkerId), ct);
        return stream.ToArray();
    }

    /// <summary>The covering letter of a month's remittance, from the regency's template: totals per channel, the transfer, what BPJS confirmed.</summary>
    public async Task<byte[]> RemittancePdfAsync(DateOnly month, CancellationToken ct)
    {
        var channels = await db.Dues.AsNoTracking().Where(d => d.Month == month && d.Paid > 0).GroupBy(d => d.Channel)
            .Select(g => new { Channel = g.Key, Workers = g.Count(), Paid = g.Sum(d => d.Paid), Confirmed = g.Sum(d => d.BpjsConfirmedAmount ?? 0) })
            .ToListAsync(ct);
        var remittance = await db.BpjsRemittances.AsNoTracking().FirstOrDefaultAsync(r => r.Month == month, ct);
        var letterhead = await documents.LetterheadAsync(ct);
        var agency = System.Globalization.CultureInfo.GetCultureInfo("id-ID").TextInfo.ToTitleCase(letterhead.AgencyName.ToLowerInvariant());
        var model = new Templating.Documents.RemittanceModel(
            letterhead, month,
            [.. channels.OrderBy(c => c.Channel).Select(c => new Templating.Documents.RemittanceChannel(ProgrammeRules.Label(c.Channel), c.Workers, c.Paid))],
            channels.Sum(c => c.Confirmed), remittance?.Reference, remittance?.RemittedOn, remittance?.Amount,
            new Templating.Documents.Signatory("........................", $"Kepala {agency}".Trim()),
            scope.Tenant!.Name.Replace("Kabupaten ", "", StringComparison.Ordinal), time.Today(scope.Tenant.TimeZone));
        return await documents.RenderPdfAsync(Templating.TemplateNames.BpjsRemittance, model, ct);
    }

    /// <summary>Records the transfer to BPJS for a month, once; the amount must not exceed what sponsors paid for it.</summary>
    public async Task<string?> RecordRemittanceAsync(DateOnly month, long? amount, string? reference, DateOnly? remittedOn, string by, CancellationToken ct)
    {
        var today = time.Today(scope.Tenant!.TimeZone);
        reference = reference?.Trim();
        if (amount is not > 0)
        {
            return "Jumlah setoran harus lebih dari Rp0.";
        }

        if (string.IsNullOrEmpty(reference) || reference.Length > 100)
        {
            return "Nomor referensi transfer ke BPJS wajib diisi, paling banyak 100 karakter.";
        }

        if (remittedOn is not { } on || on > today || on < month)
        {
            return $"Tanggal setor wajib diisi, tidak sebelum {Shell.Formats.Month(month)} dan tidak sesudah hari ini.";
        }

        var paid = await db.Dues.Where(d => d.Month == month).SumAsync(d => d.Paid, ct);
        if (amount > paid)
        {
            return $"Setoran {Shell.Formats.Rupiah(amount.Value)} melebihi iuran yang dibayar penyantun untuk {Shell.Formats.Month(month)} ({Shell.Formats.Rupiah(paid)}).";
        }

        db.BpjsRemittances.Add(new BpjsRemittance { Id = Guid.CreateVersion7(), Month = month, Amount = amount.Value, Reference = reference, RemittedOn = on, RecordedBy = by, RecordedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return $"Setoran {Shell.Formats.Month(month)} sudah tercatat; satu bulan satu catatan setoran.";
        }
    }
}
