using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection;

/// <summary>
/// The papers of a sponsorship, from the regency's templates: the consent form the worker signs, the ASN's
/// statement of willingness for salary deduction, and the sponsor's certificate with its QR verification.
/// </summary>
public sealed class ProtectionDocuments(AppDbContext db, DocumentService documents, TenantContext scope, RulesInForce inForce)
{
    public const string CertificateKind = "sponsor-certificate";

    private TenantInfo Tenant => scope.Tenant!;

    private string Place => Tenant.Name.Replace("Kabupaten ", "", StringComparison.Ordinal);

    /// <summary>
    /// What one worker's cover costs a month under the rules in force, for this channel. An income declared
    /// under an older, lower minimum is billed at today's minimum, as BPJS would; null when no tariff covers
    /// the month (reference data to complete), so a page shows a dash instead of failing.
    /// </summary>
    public static long? MonthlyAmount(Worker worker, ProgrammeRules rules, PaymentChannel channel, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var publicMoney = rules.Channels.FirstOrDefault(c => c.Channel == channel)?.PublicMoney ?? false;
        var minimum = TariffSchedule.Standard.For(month)?.MinimumDeclaredIncome;
        if (minimum is null)
        {
            return null;
        }

        try
        {
            return TariffCalculator.Standard.Quote(worker.OccupationCode, rules.Package, Math.Max(worker.DeclaredIncome, minimum.Value), month, publicMoney).Total;
        }
        catch (TariffException)
        {
            return null;
        }
    }

    /// <summary>The consent form of a sponsorship (its worker loaded) as <paramref name="isAdmin"/> gets it: in the sponsor's name.</summary>
    public async Task<byte[]> ConsentFormAsync(Sponsorship sponsorship, bool isAdmin, CancellationToken ct)
    {
        var sponsor = sponsorship.AsnId is { } asnId
            ? await db.Asn.AsNoTracking().Where(a => a.Id == asnId).Select(a => a.Name).FirstOrDefaultAsync(ct)
            : await db.Companies.AsNoTracking().Where(c => c.Id == sponsorship.CompanyId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return await ConsentFormAsync(sponsorship.Worker!, sponsor, withBirthDate: isAdmin, ct);
    }

    /// <summary>
    /// Prints a new sponsorship's consent form in the background, as its registrant will download it: the next page
    /// offers it, and nearly everyone takes it to the worker for signing. The printer keeps it for a few minutes
    /// (<see cref="GotaKeren.Templating.Pdf.PdfOptions.KeepPrinted"/>), so the download is served without waiting for
    /// Chromium; a download before it is done waits for the same print. Best effort: a failure only costs the wait.
    /// </summary>
    public static void PrintConsentFormAhead(IServiceProvider services, Guid tenantId, Guid sponsorshipId, bool isAdmin)
    {
        var work = services.GetRequiredService<TenantWork>();
        var logger = services.GetRequiredService<ILogger<ProtectionDocuments>>();
        _ = Task.Run(async () =>
        {
            try
            {
                await work.RunAsync(tenantId, async sp =>
                {
                    var sponsorship = await sp.GetRequiredService<AppDbContext>().Sponsorships.AsNoTracking().Include(s => s.Worker)
                        .FirstOrDefaultAsync(s => s.Id == sponsorshipId);
                    if (sponsorship?.Worker is not null)
                    {
                        await sp.GetRequiredService<ProtectionDocuments>().ConsentFormAsync(sponsorship, isAdmin, CancellationToken.None);
                    }
                });
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The consent form of sponsorship {Sponsorship} could not be printed ahead", sponsorshipId);
            }
        });
    }

    /// <param name="withBirthDate">Only for the regency admin: a sponsor never learns the worker's birth date
    /// (the API hides it from them too), so on their copy the worker writes it in.</param>
    public async Task<byte[]> ConsentFormAsync(Worker worker, string? sponsorName, bool withBirthDate, CancellationToken ct)
    {
        var rules = await inForce.CurrentAsync(ct) ?? new ProgrammeRules();
        var letterhead = await documents.LetterheadAsync(ct);
        var village = Wilayah.Official.Name(worker.VillageCode) ?? worker.VillageCode;
        var district = Wilayah.Official.Name(worker.VillageCode[..8]) ?? "";
        var model = new WorkerConsentModel(
            letterhead,
            new WorkerIdentity(worker.FullName, ProtectionApi.MaskNik(worker.Nik), "", withBirthDate ? worker.BirthDate : null,
                $"{worker.Address}{(worker.Address is null ? "" : ", ")}Desa/Kelurahan {village}, Kecamatan {district}", worker.Phone,
                OccupationCatalog.Standard.Find(worker.OccupationCode)?.Name ?? worker.OccupationCode),
            rules.MovementTitle,
            sponsorName,
            $"{letterhead.AgencyName} {Tenant.Name}".Trim(),
            ["nama lengkap, NIK, tanggal lahir dan jenis kelamin", "alamat dan nomor telepon", "jenis pekerjaan dan penghasilan yang dilaporkan"],
            [
                "mendaftarkan saya sebagai peserta BPJS Ketenagakerjaan segmen Bukan Penerima Upah",
                "membayarkan iuran saya oleh orang tua asuh dan mencatat pembayarannya",
                "menyusun laporan program tanpa menampilkan identitas saya",
            ],
            ["BPJS Ketenagakerjaan", "orang tua asuh yang membayar iuran saya (nama dan status kepesertaan saja)"],
            "selama saya menjadi peserta program dan 5 (lima) tahun sesudahnya, kemudian dihapus",
            $"{letterhead.AgencyName} {Tenant.Name}".Trim(),
            Consents.ConsentTextVersion,
            Place,
            inForce.Today,
            null);
        return await documents.RenderPdfAsync(TemplateNames.WorkerConsent, model, BlankConsentForm.Mark, ct);
    }

    /// <summary>The ASN's statement of willingness for every salary-deduction sponsorship of theirs still live.</summary>
    public async Task<byte[]?> StatementAsync(Guid asnId, CancellationToken ct)
    {
        var asn = await db.Asn.AsNoTracking().Include(a => a.Opd).FirstOrDefaultAsync(a => a.Id == asnId, ct);
        var rules = await inForce.CurrentAsync(ct);
        var live = await db.Sponsorships.AsNoTracking().Include(s => s.Worker)
            .Where(s => s.AsnId == asnId && s.Channel == PaymentChannel.SalaryDeduction && s.Status != SponsorshipStatus.Ended && s.Status != SponsorshipStatus.Lapsed)
            .OrderBy(s => s.CreatedAt).ToListAsync(ct);
        if (asn is null || rules is null || live.Count == 0)
        {
            return null;
        }

        var today = inForce.Today;
        // The statement speaks of the first month deducted, so it prices that month (a discount ending in December
        // must not be promised for January).
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var workers = live.Select(s => new ProtectedWorker(s.Worker!.FullName, ProtectionApi.MaskNik(s.Worker.Nik),
            OccupationCatalog.Standard.Find(s.Worker.OccupationCode)?.Name ?? s.Worker.OccupationCode,
            MonthlyAmount(s.Worker, rules, PaymentChannel.SalaryDeduction, firstMonth) ?? 0, Wilayah.Official.Name(s.Worker.VillageCode))).ToList();
        var opd = asn.Opd?.Name ?? "";
        var model = new SalaryDeductionStatementModel(
            await documents.LetterheadAsync(ct),
            new EmployeeInfo(asn.Name, asn.Nip ?? asn.Nik ?? "", asn.Rank ?? "", asn.Position ?? "", opd),
            workers,
            ProgrammeRules.Label(rules.Package),
            firstMonth,
            null,
            $"Bendahara Pengeluaran {opd}",
            Place,
            today,
            asn.Opd?.HeadName is { Length: > 0 } head ? new Signatory(head, $"Kepala {opd}") : null);
        return await documents.RenderPdfAsync(TemplateNames.SalaryDeductionStatement, model, ct);
    }

    /// <summary>The sponsor's certificate (piagam), once at least one worker is actively protected.</summary>
    public async Task<byte[]?> CertificateAsync(Guid asnId, string baseUrl, CancellationToken ct)
    {
        var asn = await db.Asn.AsNoTracking().Include(a => a.Opd).FirstOrDefaultAsync(a => a.Id == asnId, ct);
        var active = await db.Sponsorships.AsNoTracking().Where(s => s.AsnId == asnId && s.Status == SponsorshipStatus.Active)
            .Select(s => s.ActivatedAt).ToListAsync(ct);
        var rules = await inForce.CurrentAsync(ct);
        if (asn is null || active.Count == 0 || rules is null)
        {
            return null;
        }

        var today = inForce.Today;
        var first = active.Min()!.Value;
        var firstMonth = new DateOnly(first.Year, first.Month, 1);
        var url = await documents.IssueAsync(CertificateKind, $"Piagam orang tua asuh: {active.Count} pekerja dilindungi", baseUrl, asnId, ct);
        var model = new SponsorCertificateModel(
            await documents.LetterheadAsync(ct),
            url[(url.LastIndexOf('/') + 1)..],
            asn.Name,
            asn.Nip,
            asn.Opd?.Name,
            rules.MovementTitle,
            active.Count,
            firstMonth,
            firstMonth.AddMonths(11),
            url,
            Place,
            today,
            new Signatory(rules.SignatoryName, rules.SignatoryTitle));
        return await documents.RenderPdfAsync(TemplateNames.SponsorCertificate, model, ct);
    }
}
