using System.Globalization;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Regions;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Protection.Pages;

/// <summary>
/// An ASN registers the worker they protect (often their domestic helper) and chooses how to pay, in one step:
/// the worker, the sponsorship and the consent are saved together or not at all.
/// </summary>
[RequestSizeLimit(Consents.MaxEvidenceBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = Consents.MaxEvidenceBytes + (1024 * 1024))]
[Authorize(Policy = Policies.Protection)]
public sealed class RegisterWorkerModel(CurrentActor current, AppDbContext db, WorkerRegistry workers, Sponsorships sponsorships, Consents consents, RulesInForce inForce, TenantContext scope) : PageModel
{
    public sealed class InputModel
    {
        public string? Nik { get; set; }
        public string? FullName { get; set; }
        public string? BirthDate { get; set; }
        public string? OccupationCode { get; set; }
        public string? VillageCode { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? DeclaredIncome { get; set; }
        public PaymentChannel? Channel { get; set; }
    }

    public sealed record District(string Name, IReadOnlyList<Region> Villages);

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["nik"] = "Input.Nik",
        ["fullName"] = "Input.FullName",
        ["birthDate"] = "Input.BirthDate",
        ["occupationCode"] = "Input.OccupationCode",
        ["villageCode"] = "Input.VillageCode",
        ["address"] = "Input.Address",
        ["phone"] = "Input.Phone",
        ["declaredIncome"] = "Input.DeclaredIncome",
        ["channel"] = "Input.Channel",
        ["evidence"] = "Consent",
    };

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Linked { get; private set; }
    public IReadOnlyList<District> Districts { get; private set; } = [];
    public IReadOnlyList<Occupation> Occupations { get; private set; } = [];
    public IReadOnlyList<PaymentChannel> Channels { get; private set; } = [];
    public long DefaultIncome { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.DeclaredIncome = Formats.Number(DefaultIncome);
        Input.Channel = Channels.Count > 0 ? Channels[0] : null;
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? consent, CancellationToken ct)
    {
        await LoadAsync(ct);
        var actor = await current.GetAsync(ct);
        if (Sponsor(actor) is not var (sponsorType, sponsorId))
        {
            ModelState.AddModelError("", NotLinked);
            return Page();
        }

        DateOnly? birthDate = null;
        if (!string.IsNullOrWhiteSpace(Input.BirthDate))
        {
            if (DateOnly.TryParseExact(Input.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                birthDate = parsed;
            }
            else
            {
                ModelState.AddModelError("Input.BirthDate", $"Tanggal lahir '{Input.BirthDate}' tidak dapat dibaca; pilih tanggal pada kalender.");
            }
        }

        long? income = null;
        if (!string.IsNullOrWhiteSpace(Input.DeclaredIncome))
        {
            income = Formats.ParseRupiah(Input.DeclaredIncome);
            if (income is null)
            {
                ModelState.AddModelError("Input.DeclaredIncome", $"Penghasilan '{Input.DeclaredIncome}' bukan angka rupiah, misalnya 1.000.000.");
            }
        }

        if (Input.Channel is not { } channel)
        {
            ModelState.AddModelError("Input.Channel", "Pilih cara bayar.");
            return Page();
        }

        byte[]? evidence = null;
        if (consent is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await consent.CopyToAsync(buffer, ct);
            evidence = buffer.ToArray();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // One transaction: a refused sponsorship or consent leaves no worker behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var nik = new string([.. (Input.Nik ?? "").Where(char.IsAsciiDigit)]);
        var existing = nik.Length == 16 ? await db.Workers.AsNoTracking().FirstOrDefaultAsync(w => w.Nik == nik, ct) : null;
        Worker worker;
        string? notice = null;
        if (existing is not null)
        {
            // The worker may already wait in the pool; the sponsor proves they know the person by the name on
            // the KTP. The stored name is never shown back, or the form would look people up by NIK.
            if (existing.NameKey != Worker.KeyOf(Input.FullName ?? ""))
            {
                ModelState.AddModelError("Input.Nik", "NIK ini sudah terdaftar dengan nama lain. Periksa kembali NIK dan nama lengkap sesuai KTP.");
                return Page();
            }

            worker = existing;
            notice = "Pekerja ini sudah ada di data kabupaten; data itu yang dipakai.";
        }
        else
        {
            var registered = await workers.RegisterWorkerAsync(
                new WorkerInput(Input.Nik, Input.FullName, birthDate, Input.OccupationCode, Input.VillageCode, Input.Phone, income, Input.Address),
                WorkerSource.Registered, actor.UserName, ct);
            if (!registered.Succeeded)
            {
                return Refused(registered.Errors);
            }

            worker = registered.Value!;
            if (registered.Warnings.Count > 0)
            {
                notice = string.Join(" ", registered.Warnings.Values.SelectMany(w => w));
            }
        }

        var sponsored = await sponsorships.SponsorAsync(worker.Id, sponsorType, sponsorId, channel, actor, ct);
        if (!sponsored.Succeeded)
        {
            return Refused(sponsored.Errors);
        }

        if (evidence is not null)
        {
            var recorded = await consents.RecordConsentAsync(worker.Id, evidence, consent!.FileName, actor, ct);
            if (!recorded.Succeeded)
            {
                return Refused(recorded.Errors);
            }
        }

        await transaction.CommitAsync(ct);
        if (evidence is null)
        {
            // The worker still has to sign: the form is the next thing this person downloads.
            ProtectionDocuments.PrintConsentFormAhead(HttpContext.RequestServices, worker.TenantId, sponsored.Value!.Id, actor.IsAdmin);
        }

        TempData["Message"] = $"{worker.FullName} terdaftar dalam perlindungan Anda." + (notice is null ? "" : " " + notice);
        return RedirectToPage("/Protection/Pages/SponsorshipDetail", new { id = sponsored.Value!.Id });
    }

    private PageResult Refused(IReadOnlyDictionary<string, string[]> errors)
    {
        db.ChangeTracker.Clear();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(Fields.GetValueOrDefault(field, ""), message);
            }
        }

        return Page();
    }

    public const string NotLinked = "Akun Anda belum terhubung dengan data ASN di roster kabupaten atau dengan perusahaan yang terverifikasi.";

    /// <summary>Who the new sponsorship is in the name of: the ASN behind the account, or its company.</summary>
    public static (SponsorType Type, Guid Id)? Sponsor(Actor actor) =>
        actor.AsnId is { } asnId ? (SponsorType.Asn, asnId) : actor.CompanyId is { } companyId ? (SponsorType.Company, companyId) : null;

    public static IEnumerable<PaymentChannel> ChannelsFor(ProgrammeRules rules, SponsorType type) =>
        rules.Channels.Select(c => c.Channel).Where(c => type == SponsorType.Asn
            ? c is PaymentChannel.SalaryDeduction or PaymentChannel.AsnDirect
            : c is PaymentChannel.CompanyOnline or PaymentChannel.BankTransfer);

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = await current.GetAsync(ct);
        var sponsor = Sponsor(actor);
        Linked = sponsor is not null;
        var rules = await inForce.CurrentAsync(ct) ?? new ProgrammeRules();
        Districts = [.. Wilayah.Official.Children(scope.Tenant!.RegionCode).Select(d => new District(d.Name, Wilayah.Official.Children(d.Code)))];
        Occupations = rules.EligibleOccupations.Count > 0
            ? [.. rules.EligibleOccupations.Select(OccupationCatalog.Standard.Find).OfType<Occupation>()]
            : OccupationCatalog.Standard.All;
        Channels = [.. ChannelsFor(rules, sponsor?.Type ?? SponsorType.Asn)];
        DefaultIncome = rules.DeclaredIncome;
    }
}
