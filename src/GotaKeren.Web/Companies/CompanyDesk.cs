using System.Net.Mail;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identifiers;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Companies;

public sealed record CompanyInput(
    string? Name, string? Npwp, string? Sector, string? Address, string? VillageCode, CompanySize? Size,
    string? ContactName, string? ContactEmail, string? ContactPhone);

public sealed record PledgeInput(int? Workers, DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? DueDate);

/// <summary>A pledge with what has been done against it.</summary>
public sealed record PledgeProgress(Guid Id, Guid CompanyId, string Company, int Workers, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueDate,
    int Active, int Pending, PledgeStatus Status);

/// <summary>Companies of the CSR scheme: registration, verification by the regency admin, pledges.</summary>
public sealed class CompanyDesk(AppDbContext db, TenantContext scope, RulesInForce inForce, TimeProvider time)
{
    private TenantInfo Tenant => scope.Tenant!;

    public async Task<Outcome<Company>> RegisterAsync(CompanyInput input, string by, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Clean(input.Name);
        if (name.Length == 0)
        {
            errors["name"] = ["Nama perusahaan wajib diisi, sesuai akta (misalnya PT Sari Mulia Jaya)."];
        }

        var (npwp, npwpError) = Npwp.Validate(input.Npwp);
        if (npwpError is not null)
        {
            errors["npwp"] = [npwpError];
        }

        if (Clean(input.Sector).Length == 0)
        {
            errors["sector"] = ["Bidang usaha wajib diisi, misalnya manufaktur, perdagangan, perkebunan."];
        }

        if (Clean(input.Address).Length == 0)
        {
            errors["address"] = ["Alamat perusahaan wajib diisi."];
        }

        var village = Clean(input.VillageCode);
        if (village.Length > 0 && (!Wilayah.Official.IsVillage(village) || !village.StartsWith(Tenant.RegionCode + ".", StringComparison.Ordinal)))
        {
            errors["villageCode"] = [$"Desa/kelurahan '{village}' tidak ada di wilayah {Tenant.Name}."];
        }

        if (input.Size is not { } size || !Enum.IsDefined(size))
        {
            errors["size"] = ["Pilih skala usaha: mikro, kecil, menengah atau besar."];
        }

        var (_, email, phone) = CheckContact(input.ContactName, input.ContactEmail, input.ContactPhone, errors);
        foreach (var (field, value, max, label) in new[]
        {
            ("name", name, 200, "Nama perusahaan"), ("sector", Clean(input.Sector), 100, "Bidang usaha"), ("address", Clean(input.Address), 300, "Alamat"),
        })
        {
            if (value.Length > max)
            {
                errors[field] = [$"{label} terlalu panjang ({value.Length} karakter); paling banyak {max}."];
            }
        }

        if (npwp is not null && await db.Companies.AnyAsync(c => c.Npwp == npwp, ct))
        {
            errors["npwp"] = [$"NPWP {Npwp.Format(npwp)} sudah terdaftar di {Tenant.Name}. Hubungi Disnaker bila Anda perlu akses ke akun perusahaan itu."];
        }

        if (errors.Count > 0)
        {
            return new Outcome<Company>(null, errors, new Dictionary<string, string[]>());
        }

        var company = new Company
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Npwp = npwp!,
            Sector = Clean(input.Sector),
            Address = Clean(input.Address),
            VillageCode = village.Length == 0 ? null : village,
            Size = input.Size!.Value,
            ContactName = Clean(input.ContactName),
            ContactEmail = email,
            ContactPhone = phone,
            Status = CompanyStatus.Pending,
            CreatedBy = by,
        };
        db.Companies.Add(company);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return Outcome.Refused<Company>("npwp", $"NPWP {Npwp.Format(company.Npwp)} baru saja didaftarkan oleh pengguna lain di {Tenant.Name}.");
        }

        return Outcome.Done(company);
    }

    public async Task<Outcome<Company>> VerifyAsync(Guid id, bool approve, string? note, string by, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (company is null)
        {
            return Outcome.Refused<Company>("id", "Perusahaan tidak ditemukan di kabupaten ini.");
        }

        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return Outcome.Refused<Company>("note", "Tuliskan alasan penolakan agar perusahaan dapat memperbaikinya.");
        }

        if (note?.Trim().Length > 500)
        {
            return Outcome.Refused<Company>("note", $"Catatan terlalu panjang ({note.Trim().Length} karakter); paling banyak 500.");
        }

        if (company.Status != CompanyStatus.Pending)
        {
            return Decided(company.Status);
        }

        var status = approve ? CompanyStatus.Verified : CompanyStatus.Rejected;
        var statusNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var now = time.GetUtcNow();
        // A compare-and-set from Pending: of parallel decisions (two admins, or a double click) exactly one lands,
        // and an approval can never be overwritten by a rejection a moment later.
        if (await db.Companies.Where(c => c.Id == id && c.Status == CompanyStatus.Pending).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, status).SetProperty(c => c.StatusNote, statusNote)
                .SetProperty(c => c.VerifiedAt, now).SetProperty(c => c.VerifiedBy, by), ct) == 0)
        {
            return Decided(await db.Companies.Where(c => c.Id == id).Select(c => c.Status).FirstAsync(ct));
        }

        (company.Status, company.StatusNote, company.VerifiedAt, company.VerifiedBy) = (status, statusNote, now, by);
        return Outcome.Done(company);

        static Outcome<Company> Decided(CompanyStatus status) =>
            Outcome.Refused<Company>("id", $"Perusahaan ini sudah diputuskan ({Company.Label(status).ToLowerInvariant()}); keputusan tidak dapat diubah dari sini.");
    }

    /// <summary>The fewest workers a company of this size must pledge under the rules in force.</summary>
    public static int MinimumWorkers(ProgrammeRules rules, CompanySize size) =>
        rules.CompanyBySize.FirstOrDefault(s => s.Size == size)?.MinimumWorkers ?? rules.CompanyMinimumWorkers;

    public async Task<Outcome<Pledge>> PledgeAsync(Guid companyId, PledgeInput input, Actor actor, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, ct);
        if (company is null)
        {
            return Outcome.Refused<Pledge>("companyId", "Perusahaan tidak ditemukan di kabupaten ini.");
        }

        // Checked before who acts: an officer's company counts as theirs only once it is verified.
        if (company.Status != CompanyStatus.Verified)
        {
            return Outcome.Refused<Pledge>("companyId", "Perusahaan belum diverifikasi Disnaker; komitmen dapat dibuat setelah verifikasi.");
        }

        if (!actor.IsAdmin && actor.CompanyId != companyId)
        {
            return Outcome.Refused<Pledge>("companyId", "Perusahaan tidak ditemukan di kabupaten ini.");
        }

        var rules = await inForce.CurrentAsync(ct);
        if (rules is null)
        {
            return Outcome.Refused<Pledge>("workers", "Belum ada surat edaran yang berlaku.");
        }

        var today = inForce.Today;
        var errors = new Dictionary<string, string[]>();
        var minimum = MinimumWorkers(rules, company.Size);
        if (input.Workers is not { } workers || workers < minimum)
        {
            errors["workers"] = [$"Menurut surat edaran, perusahaan skala {ProgrammeRules.Label(company.Size).ToLowerInvariant()} melindungi sekurang-kurangnya {minimum} pekerja."];
        }
        else if (workers > 100_000)
        {
            errors["workers"] = [$"{workers} pekerja melebihi batas satu komitmen (100.000)."];
        }

        var start = input.PeriodStart ?? new DateOnly(today.Year, today.Month, 1);
        var end = input.PeriodEnd ?? start.AddYears(1).AddDays(-1);
        if (end <= start)
        {
            errors["periodEnd"] = ["Akhir periode harus sesudah awal periode."];
        }

        var due = input.DueDate ?? (rules.RegistrationDeadline is { } deadline && deadline >= today ? deadline : today.AddMonths(1));
        if (input.DueDate is { } typedDue && typedDue < today)
        {
            errors["dueDate"] = ["Tenggat pendaftaran pekerja tidak boleh di masa lalu."];
        }

        if (errors.Count > 0)
        {
            return new Outcome<Pledge>(null, errors, new Dictionary<string, string[]>());
        }

        var pledge = new Pledge
        {
            Id = Guid.CreateVersion7(), CompanyId = companyId, Workers = input.Workers!.Value, PeriodStart = start, PeriodEnd = end,
            DueDate = due, CreatedBy = actor.UserName,
        };
        db.Pledges.Add(pledge);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation(PledgeConfiguration.OneLivePerStart))
        {
            // The unique index, not a look first: a double click (or two officers) would both find no pledge yet.
            db.ChangeTracker.Clear();
            return Outcome.Refused<Pledge>("periodStart", $"Perusahaan ini sudah punya komitmen untuk periode mulai {Shell.Formats.Date(start)}; batalkan komitmen itu dulu bila ingin menggantinya.");
        }

        return Outcome.Done(pledge);
    }

    public async Task<Outcome<Pledge>> CancelPledgeAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var pledge = await db.Pledges.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (pledge is null || !(actor.IsAdmin || actor.CompanyId == pledge.CompanyId))
        {
            return Outcome.Refused<Pledge>("id", "Komitmen tidak ditemukan.");
        }

        if (pledge.CancelledAt is not null)
        {
            return Outcome.Refused<Pledge>("id", "Komitmen ini sudah dibatalkan.");
        }

        // A compare-and-set: of parallel cancels exactly one moves the pledge, the others are told it is done.
        var now = time.GetUtcNow();
        if (await db.Pledges.Where(p => p.Id == id && p.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.CancelledAt, now).SetProperty(p => p.CancelledBy, actor.UserName), ct) == 0)
        {
            return Outcome.Refused<Pledge>("id", "Komitmen ini sudah dibatalkan.");
        }

        (pledge.CancelledAt, pledge.CancelledBy) = (now, actor.UserName);
        return Outcome.Done(pledge);
    }

    /// <summary>Every pledge (of one company, or all) with its derived status; sponsorships count for each of the company's pledges.</summary>
    public async Task<IReadOnlyList<PledgeProgress>> PledgesAsync(Guid? companyId, CancellationToken ct)
    {
        var query = db.Pledges.AsNoTracking();
        if (companyId is { } id)
        {
            query = query.Where(p => p.CompanyId == id);
        }

        var rows = await query.OrderByDescending(p => p.CreatedAt).Select(p => new
        {
            Pledge = p,
            Company = p.Company!.Name,
            // A pledge is kept by workers taken on since it was made, so one set of workers does not fulfil
            // every pledge, and a new pledge starts from zero.
            Active = db.Sponsorships.Count(s => s.CompanyId == p.CompanyId && s.CreatedAt >= p.CreatedAt && s.Status == SponsorshipStatus.Active),
            Pending = db.Sponsorships.Count(s => s.CompanyId == p.CompanyId && s.CreatedAt >= p.CreatedAt
                && (s.Status == SponsorshipStatus.Draft || s.Status == SponsorshipStatus.AwaitingConsent)),
        }).ToListAsync(ct);
        var today = inForce.Today;
        return [.. rows.Select(r => new PledgeProgress(r.Pledge.Id, r.Pledge.CompanyId, r.Company, r.Pledge.Workers, r.Pledge.PeriodStart, r.Pledge.PeriodEnd,
            r.Pledge.DueDate, r.Active, r.Pending, r.Pledge.StatusOn(today, r.Active, r.Pending)))];
    }

    /// <summary>
    /// The contact person's checks, by field: registration and a correction at the person's own request (UU 27/2022)
    /// go through the same ones. Returns the values as they are stored.
    /// </summary>
    public static (string Name, string Email, string? Phone) CheckContact(string? contactName, string? contactEmail, string? contactPhone, Dictionary<string, string[]> errors)
    {
        var name = Clean(contactName);
        if (name.Length == 0)
        {
            errors["contactName"] = ["Nama penanggung jawab wajib diisi."];
        }
        else if (name.Length > 200)
        {
            errors["contactName"] = [$"Nama penanggung jawab terlalu panjang ({name.Length} karakter); paling banyak 200."];
        }

        var email = Clean(contactEmail);
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            errors["contactEmail"] = [$"E-mail penanggung jawab '{email}' tidak sah, misalnya csr@perusahaan.co.id."];
        }
        else if (email.Length > 256)
        {
            errors["contactEmail"] = [$"E-mail terlalu panjang ({email.Length} karakter); paling banyak 256."];
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(contactPhone))
        {
            (phone, var phoneError) = PhoneNumber.Parse(contactPhone.Trim());
            if (phoneError is not null)
            {
                errors["contactPhone"] = [phoneError];
            }
        }

        return (name, email, phone);
    }

    private static string Clean(string? text) => text is null ? "" : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
