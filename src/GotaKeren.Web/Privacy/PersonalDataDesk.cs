using System.Globalization;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Audit;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Shell;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy;

/// <summary>One kind of data in an access export: its rows as name/value pairs (the JSON), and the columns the PDF prints.</summary>
public sealed record ReportSection(string Key, string Title, IReadOnlyList<(string Key, string Label)> Columns, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, string Empty = "Tidak ada.");

/// <summary>
/// What the regency holds about one person, for the person's own requests: who they are, the access export
/// (everything, in this regency, and nothing of another person: a worker's sponsor appears as a unit or a
/// company, an ASN's workers as counts and amounts), and deletion.
/// </summary>
public sealed class PersonalDataDesk(AppDbContext db, TenantContext scope, DocumentService documents, TimeProvider time)
{
    private string Zone => scope.Tenant!.TimeZone;

    /// <summary>The subject a person names by NIK (a worker), NIP or NIK (an ASN), or NPWP (a company's contact).</summary>
    public async Task<(Guid Id, string Name)?> FindAsync(string kind, string? identifier, CancellationToken ct)
    {
        var key = new string([.. (identifier ?? "").Where(char.IsAsciiDigit)]);
        if (key.Length == 0)
        {
            return null;
        }

        var found = kind switch
        {
            LookSubjects.Worker => await db.Workers.AsNoTracking().Where(w => w.Nik == key).Select(w => new { w.Id, Name = w.FullName }).FirstOrDefaultAsync(ct),
            LookSubjects.Asn => await db.Asn.AsNoTracking().Where(a => a.Nip == key || a.Nik == key).Select(a => new { a.Id, a.Name }).FirstOrDefaultAsync(ct),
            LookSubjects.CompanyContact => await db.Companies.AsNoTracking().Where(c => c.Npwp == key.PadLeft(16, '0')).Select(c => new { c.Id, Name = c.ContactName }).FirstOrDefaultAsync(ct),
            _ => null,
        };
        return found is null ? null : (found.Id, found.Name);
    }

    /// <summary>The subject's current name; null once their data is deleted.</summary>
    public async Task<string?> NameAsync(string kind, Guid id, CancellationToken ct) => kind switch
    {
        LookSubjects.Worker => await db.Workers.AsNoTracking().Where(w => w.Id == id && !w.Nik.StartsWith(Erased.NikPrefix)).Select(w => w.FullName).FirstOrDefaultAsync(ct),
        LookSubjects.Asn => await db.Asn.AsNoTracking().Where(a => a.Id == id && a.Name != Erased.Name).Select(a => a.Name).FirstOrDefaultAsync(ct),
        LookSubjects.CompanyContact => await db.Companies.AsNoTracking().Where(c => c.Id == id && c.ContactName != Erased.Name).Select(c => c.ContactName).FirstOrDefaultAsync(ct),
        _ => null,
    };

    /// <summary>Everything held about the subject in this regency, section by section.</summary>
    public async Task<IReadOnlyList<ReportSection>> ReportAsync(string kind, Guid id, CancellationToken ct)
    {
        var sections = kind switch
        {
            LookSubjects.Worker => await WorkerAsync(id, ct),
            LookSubjects.Asn => await AsnAsync(id, ct),
            _ => await CompanyContactAsync(id, ct),
        };
        sections.Add(await LooksAsync(id, ct));
        sections.Add(await RequestsAsync(id, ct));
        return sections;
    }

    /// <summary>The machine-readable export: the same sections as the PDF, every value (a consent scan as base64).</summary>
    public static Dictionary<string, object?> Json(string regency, string kind, DateTimeOffset at, IReadOnlyList<ReportSection> sections)
    {
        var json = new Dictionary<string, object?> { ["regency"] = regency, ["subjectKind"] = kind, ["generatedAt"] = at };
        foreach (var s in sections)
        {
            json[s.Key] = s.Rows;
        }

        return json;
    }

    public async Task<byte[]> PdfAsync(string name, string kind, DataRequest request, IReadOnlyList<ReportSection> sections, CancellationToken ct)
    {
        var letterhead = await documents.LetterheadAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var model = new PersonalDataModel(letterhead, name, LookSubjects.Label(kind), request.Reference, TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone),
            $"{letterhead.AgencyName} {scope.Tenant!.Name}".Trim(),
            [.. sections.Select(Printed)]);
        return await documents.RenderPdfAsync(Templating.TemplateNames.PersonalData, model, ct);
    }

    /// <summary>A section as the PDF prints it; one person's identity reads down the page (label, value), not across.</summary>
    private PersonalDataSection Printed(ReportSection s) => s.Rows.Count == 1 && s.Key == "identity"
        ? new(s.Title, ["Data", "Isi"], [.. s.Columns.Select(c => (IReadOnlyList<string>)[c.Label, Text(s.Rows[0].GetValueOrDefault(c.Key))])], s.Empty)
        : new(s.Title, [.. s.Columns.Select(c => c.Label)], [.. s.Rows.Select(r => (IReadOnlyList<string>)[.. s.Columns.Select(c => Text(r.GetValueOrDefault(c.Key)))])], s.Empty);

    private string Text(object? value) => value switch
    {
        null => "–",
        DateTimeOffset at => Formats.DateTime(at, Zone),
        DateOnly day => Formats.Date(day),
        long amount => Formats.Number(amount),
        bool yes => yes ? "ya" : "tidak",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "–",
    };

    private async Task<List<ReportSection>> WorkerAsync(Guid id, CancellationToken ct)
    {
        var w = await db.Workers.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var identity = new Dictionary<string, object?>
        {
            ["nik"] = w.Nik, ["fullName"] = w.FullName, ["birthDate"] = w.BirthDate, ["sex"] = w.Sex == Identifiers.Sex.Female ? "perempuan" : "laki-laki",
            ["occupation"] = OccupationCatalog.Standard.Find(w.OccupationCode)?.Name ?? w.OccupationCode, ["villageCode"] = w.VillageCode,
            ["village"] = Wilayah.Official.Name(w.VillageCode), ["address"] = w.Address, ["phone"] = w.Phone, ["declaredIncome"] = w.DeclaredIncome,
            ["kpj"] = w.Kpj, ["kpjSince"] = w.KpjSince, ["source"] = w.Source == WorkerSource.Imported ? "impor data desa" : "didaftarkan pelindung",
            ["createdAt"] = w.CreatedAt, ["createdBy"] = w.CreatedBy,
        };
        // The sponsor as the worker's consent names it: a company by name, an ASN by unit (the ASN is another person).
        var sponsorships = await db.Sponsorships.AsNoTracking().Where(s => s.WorkerId == id).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.SponsorType, Unit = s.Asn != null ? s.Asn.Opd!.Name : null, Company = s.Company != null ? s.Company.Name : null, s.Channel, s.Status, s.CreatedAt, s.ActivatedAt, s.EndedAt, s.EndReason })
            .ToListAsync(ct);
        var consents = await db.Consents.AsNoTracking().Where(c => c.WorkerId == id).OrderBy(c => c.GivenAt).ToListAsync(ct);
        var sponsorshipIds = sponsorships.Select(s => s.Id).ToList();
        var dues = await db.Dues.AsNoTracking().Where(d => sponsorshipIds.Contains(d.SponsorshipId)).OrderBy(d => d.Month)
            .Select(d => new { d.Month, d.Amount, d.DeclaredIncome, d.Paid, d.PaidOn, d.BpjsConfirmedOn }).ToListAsync(ct);
        var benefits = await db.Benefits.AsNoTracking().Where(b => b.WorkerId == id).OrderBy(b => b.EventDate)
            .Select(b => new { b.Kind, b.EventDate, b.PaidOn, b.Amount, b.Recipient, b.Note }).ToListAsync(ct);
        return
        [
            new("identity", "Identitas", [("nik", "NIK"), ("fullName", "Nama"), ("birthDate", "Tanggal lahir"), ("sex", "Jenis kelamin"), ("occupation", "Pekerjaan"),
                ("village", "Desa/kelurahan"), ("address", "Alamat"), ("phone", "No. HP"), ("declaredIncome", "Penghasilan"), ("kpj", "KPJ BPJS"), ("source", "Sumber"), ("createdAt", "Tercatat")],
                [identity]),
            new("sponsorships", "Perlindungan", [("sponsor", "Pelindung"), ("channel", "Cara bayar"), ("status", "Status"), ("createdAt", "Didaftarkan"), ("activatedAt", "Aktif"), ("endedAt", "Berakhir")],
                [.. sponsorships.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["id"] = s.Id, ["sponsor"] = s.Company ?? (s.Unit is null ? "ASN" : $"ASN {s.Unit}"), ["channel"] = Rules.ProgrammeRules.Label(s.Channel),
                    ["status"] = SponsorshipLifecycle.Label(s.Status), ["createdAt"] = s.CreatedAt, ["activatedAt"] = s.ActivatedAt, ["endedAt"] = s.EndedAt, ["endReason"] = s.EndReason,
                })]),
            new("consents", "Persetujuan", [("method", "Cara"), ("textVersion", "Versi teks"), ("givenAt", "Diberikan"), ("recordedBy", "Dicatat oleh"), ("withdrawnAt", "Ditarik")],
                [.. consents.Select(c => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["method"] = c.Method == ConsentMethod.SignedForm ? "formulir bertanda tangan" : "kode SMS", ["textVersion"] = c.TextVersion, ["givenAt"] = c.GivenAt,
                    ["recordedBy"] = c.RecordedBy, ["withdrawnAt"] = c.WithdrawnAt, ["withdrawalReason"] = c.WithdrawalReason,
                    ["scanFileName"] = c.Evidence.Length > 0 ? c.EvidenceFileName : null, ["scanContentType"] = c.Evidence.Length > 0 ? c.EvidenceContentType : null,
                    ["scanBase64"] = c.Evidence.Length > 0 ? Convert.ToBase64String(c.Evidence) : null,
                })]),
            new("contributions", "Iuran BPJS per bulan", [("month", "Bulan"), ("amount", "Iuran (Rp)"), ("paid", "Dibayar (Rp)"), ("paidOn", "Tanggal bayar"), ("bpjsConfirmedOn", "Dikonfirmasi BPJS")],
                [.. dues.Select(d => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["month"] = Formats.Month(d.Month), ["amount"] = d.Amount, ["declaredIncome"] = d.DeclaredIncome, ["paid"] = d.Paid, ["paidOn"] = d.PaidOn, ["bpjsConfirmedOn"] = d.BpjsConfirmedOn,
                })]),
            new("benefits", "Santunan BPJS", [("kind", "Jenis"), ("eventDate", "Tanggal kejadian"), ("amount", "Jumlah (Rp)"), ("recipient", "Penerima")],
                [.. benefits.Select(b => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["kind"] = b.Kind.ToString(), ["eventDate"] = b.EventDate, ["paidOn"] = b.PaidOn, ["amount"] = b.Amount, ["recipient"] = b.Recipient, ["note"] = b.Note,
                })]),
        ];
    }

    private async Task<List<ReportSection>> AsnAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Asn.AsNoTracking().Where(x => x.Id == id).Select(x => new { Asn = x, Unit = x.Opd!.Name }).FirstAsync(ct);
        var account = a.Asn.UserId is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.UserName, u.Email, u.FullName }).FirstOrDefaultAsync(ct)
            : null;
        // The workers an ASN protects are other people: the ASN's export counts them and what was paid, never who they are.
        var sponsorships = await db.Sponsorships.AsNoTracking().Where(s => s.AsnId == id).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Channel, s.Status, s.CreatedAt, s.ActivatedAt, s.EndedAt }).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.AsnId == id).OrderBy(p => p.PaidOn)
            .Select(p => new { p.PaidOn, p.Amount, p.Method, p.Reference, p.Credit, p.Refunded }).ToListAsync(ct);
        var deductions = await db.DeductionLines.AsNoTracking().Where(l => l.AsnId == id).OrderBy(l => l.FirstMonth)
            .Select(l => new { l.Nip, l.Name, l.Rank, l.Workers, l.FirstMonth, l.LastMonth, l.Amount }).ToListAsync(ct);
        return
        [
            new("identity", "Identitas", [("nip", "NIP"), ("nik", "NIK"), ("name", "Nama"), ("unit", "Unit kerja"), ("position", "Jabatan"), ("rank", "Pangkat/golongan"),
                ("echelon", "Eselon"), ("email", "E-mail"), ("phone", "No. HP"), ("active", "Aktif di roster"), ("userName", "Nama pengguna")],
                [new Dictionary<string, object?>
                {
                    ["nip"] = a.Asn.Nip, ["nik"] = a.Asn.Nik, ["name"] = a.Asn.Name, ["category"] = a.Asn.Category.ToString(), ["unit"] = a.Unit, ["position"] = a.Asn.Position,
                    ["rank"] = a.Asn.Rank, ["echelon"] = a.Asn.Echelon, ["email"] = a.Asn.Email, ["phone"] = a.Asn.Phone, ["active"] = a.Asn.Active,
                    ["userName"] = account?.UserName, ["accountEmail"] = account?.Email, ["accountName"] = account?.FullName, ["updatedAt"] = a.Asn.UpdatedAt,
                }]),
            new("sponsorships", "Perlindungan yang diberikan (tanpa identitas pekerja)", [("channel", "Cara bayar"), ("status", "Status"), ("createdAt", "Didaftarkan"), ("activatedAt", "Aktif"), ("endedAt", "Berakhir")],
                [.. sponsorships.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["channel"] = Rules.ProgrammeRules.Label(s.Channel), ["status"] = SponsorshipLifecycle.Label(s.Status), ["createdAt"] = s.CreatedAt, ["activatedAt"] = s.ActivatedAt, ["endedAt"] = s.EndedAt,
                })]),
            new("payments", "Pembayaran", [("paidOn", "Tanggal"), ("amount", "Jumlah (Rp)"), ("method", "Cara"), ("reference", "Referensi")],
                [.. payments.Select(p => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["paidOn"] = p.PaidOn, ["amount"] = p.Amount, ["method"] = p.Method.ToString(), ["reference"] = p.Reference, ["credit"] = p.Credit, ["refunded"] = p.Refunded,
                })]),
            new("salaryDeductions", "Potongan gaji", [("firstMonth", "Dari"), ("lastMonth", "Sampai"), ("workers", "Jumlah pekerja"), ("amount", "Jumlah (Rp)")],
                [.. deductions.Select(l => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
                {
                    ["nip"] = l.Nip, ["name"] = l.Name, ["rank"] = l.Rank, ["firstMonth"] = Formats.Month(l.FirstMonth), ["lastMonth"] = Formats.Month(l.LastMonth), ["workers"] = (long)l.Workers, ["amount"] = l.Amount,
                })]),
        ];
    }

    private async Task<List<ReportSection>> CompanyContactAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Companies.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        return
        [
            new("identity", "Identitas kontak perusahaan", [("contactName", "Nama"), ("contactEmail", "E-mail"), ("contactPhone", "No. HP"), ("company", "Perusahaan"), ("createdAt", "Tercatat")],
                [new Dictionary<string, object?>
                {
                    ["contactName"] = c.ContactName, ["contactEmail"] = c.ContactEmail, ["contactPhone"] = c.ContactPhone, ["company"] = c.Name, ["npwp"] = c.Npwp, ["createdAt"] = c.CreatedAt, ["createdBy"] = c.CreatedBy,
                }]),
        ];
    }

    private async Task<ReportSection> LooksAsync(Guid id, CancellationToken ct)
    {
        var looks = await db.LooksAt(id).AsNoTracking().OrderBy(e => e.At)
            .Select(e => new { e.At, e.UserName, e.Action, e.Reason, e.Detail }).ToListAsync(ct);
        return new("looks", "Siapa yang membuka data Anda", [("at", "Waktu"), ("userName", "Pengguna"), ("action", "Akses"), ("reason", "Alasan")],
            [.. looks.Select(l => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["at"] = l.At, ["userName"] = l.UserName, ["action"] = AuditActions.Label(l.Action), ["reason"] = l.Reason, ["detail"] = l.Detail,
            })], "Belum ada yang membuka data Anda.");
    }

    private async Task<ReportSection> RequestsAsync(Guid id, CancellationToken ct)
    {
        var requests = await db.DataRequests.AsNoTracking().Where(r => r.SubjectId == id).OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        return new("requests", "Permintaan Anda atas data pribadi", [("reference", "Nomor"), ("kind", "Jenis"), ("receivedAt", "Diterima"), ("status", "Status"), ("outcome", "Hasil")],
            [.. requests.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["reference"] = r.Reference, ["kind"] = DataRequest.Label(r.Kind), ["receivedAt"] = r.ReceivedAt, ["dueAt"] = r.DueAt, ["status"] = DataRequest.Label(r.Status),
                ["details"] = r.Details, ["outcome"] = r.Outcome,
            })]);
    }
}

/// <summary>How an erased worker's row looks: the NIK column keeps a unique placeholder that is no NIK.</summary>
public static class Erased
{
    public const string NikPrefix = "X";
    public const string Name = "[data dihapus]";
}
