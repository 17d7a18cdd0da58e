using System.Security.Cryptography;
using System.Text;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments;

/// <summary>What a sponsor asks to pay: their workers (some or all) or a company's pledge, for so many months.</summary>
public sealed record CheckoutRequest(IReadOnlyList<Guid>? SponsorshipIds, Guid? PledgeId, int? Months);

/// <summary>One worker-month to pay, as the sponsor sees it before paying.</summary>
public sealed record QuoteLine(Guid SponsorshipId, string Worker, DateOnly Month, long Amount, bool Exists);

public sealed record Quote(IReadOnlyList<QuoteLine> Lines, int Months, IReadOnlyList<int> Choices)
{
    public long Total => Lines.Sum(l => l.Amount);
}

public sealed record CheckoutStarted(Guid CheckoutId, string Provider, string CheckoutUrl, long Amount, bool Existing);

/// <summary>
/// Starts online payments. "N months" means each chosen worker's N oldest unpaid months, arrears first, so
/// cover never has a hole; months not owed yet are created from the one tariff calculator when the payment
/// starts, exactly as the monthly run would (which then finds them and adds nothing). The amount is fixed at
/// the start and only the provider's signed notification makes it a payment (<see cref="PaymentInbox"/>).
/// </summary>
public sealed class OnlineCheckouts(
    AppDbContext db, TenantContext scope, RulesInForce inForce, MonthlyRun run, PaymentAccounts accounts,
    IEnumerable<IPaymentProvider> providers, TimeProvider time)
{
    /// <summary>The channels whose sponsor pays by themself: the others are paid by a treasurer or the budget.</summary>
    public static readonly PaymentChannel[] OnlineChannels = [PaymentChannel.AsnDirect, PaymentChannel.CompanyOnline, PaymentChannel.BankTransfer];

    public bool Available => accounts.For(scope.Tenant!) is not null;

    /// <summary>The sponsorships this person may pay online: their own, live, on a channel they pay themselves.</summary>
    public IQueryable<Sponsorship> Payable(Actor actor) =>
        db.Sponsorships.Where(s => s.ActivatedAt != null && s.EndedAt == null && s.Status == SponsorshipStatus.Active
            && OnlineChannels.Contains(s.Channel)
            && (actor.AsnId != null ? s.AsnId == actor.AsnId : actor.CompanyId != null && s.CompanyId == actor.CompanyId));

    public async Task<Outcome<Quote>> QuoteAsync(CheckoutRequest request, Actor actor, CancellationToken ct)
    {
        var rules = await inForce.CurrentAsync(ct);
        var choices = rules?.PayAheadMonths ?? new ProgrammeRules().PayAheadMonths;
        var months = request.Months ?? choices.Min();
        if (!choices.Contains(months))
        {
            return Outcome.Refused<Quote>("months", $"Jumlah bulan harus salah satu dari: {string.Join(", ", choices)}, sesuai surat edaran.");
        }

        var chosen = await ChooseAsync(request, actor, ct);
        if (!chosen.Succeeded)
        {
            return Outcome.Refused<Quote>(chosen.Errors);
        }

        var sponsorships = chosen.Value!;
        var today = inForce.Today;
        var thisMonth = MonthlyRun.MonthOf(today);
        var ids = sponsorships.Select(s => s.Id).ToArray();
        var dues = await db.Dues.AsNoTracking().Where(d => ids.Contains(d.SponsorshipId))
            .Select(d => new { d.SponsorshipId, d.Month, d.Amount, d.Paid }).ToListAsync(ct);
        var prices = new Dictionary<DateOnly, IReadOnlyList<MonthlyRun.Price>>();
        var lines = new List<QuoteLine>();
        foreach (var sponsorship in sponsorships)
        {
            var own = dues.Where(d => d.SponsorshipId == sponsorship.Id).ToList();
            var open = own.Where(d => d.Paid < d.Amount).OrderBy(d => d.Month).Take(months)
                .Select(d => new QuoteLine(sponsorship.Id, sponsorship.Worker!.FullName, d.Month, d.Amount - d.Paid, true)).ToList();
            var next = own.Count == 0 ? thisMonth : Max(own.Max(d => d.Month).AddMonths(1), thisMonth);
            while (open.Count < months)
            {
                if (!prices.TryGetValue(next, out var monthPrices))
                {
                    var monthRules = await inForce.OnAsync(next, ct) ?? rules;
                    if (monthRules is null)
                    {
                        return Outcome.Refused<Quote>("months", $"Belum ada surat edaran yang berlaku pada {Shell.Formats.Month(next)}: iuran bulan itu belum dapat dihitung.");
                    }

                    try
                    {
                        prices[next] = monthPrices = MonthlyRun.Prices(monthRules, next);
                    }
                    catch (RunRefusedException e)
                    {
                        return Outcome.Refused<Quote>("months", e.Message);
                    }
                }

                var price = monthPrices.FirstOrDefault(p => p.Channel == sponsorship.Channel
                    && string.Equals(p.OccupationCode, sponsorship.Worker!.OccupationCode, StringComparison.OrdinalIgnoreCase));
                if (price is null)
                {
                    return Outcome.Refused<Quote>("sponsorshipIds", $"Pekerjaan {sponsorship.Worker!.FullName} tidak dikenal tarif BPJS: hubungi admin kabupaten.");
                }

                open.Add(new QuoteLine(sponsorship.Id, sponsorship.Worker!.FullName, next, price.Quote.Total, false));
                next = next.AddMonths(1);
            }

            lines.AddRange(open);
        }

        return Outcome.Done(new Quote(lines, months, choices));
    }

    /// <summary>
    /// Opens the provider's page for the quote: creates the months not owed yet, stores the checkout with its lines
    /// and asks the provider for a session with a key derived from what is paid. A second click on the same thing
    /// meets the first's open checkout (a unique index) and gets the same page.
    /// </summary>
    public async Task<Outcome<CheckoutStarted>> StartAsync(CheckoutRequest request, Actor actor, string regencyUrl, CancellationToken ct)
    {
        var tenant = scope.Tenant!;
        if (accounts.For(tenant) is not { } account || providers.FirstOrDefault(p => p.Name == account.Provider) is not { } provider)
        {
            return Outcome.Refused<CheckoutStarted>("provider", "Kabupaten ini belum menyiapkan pembayaran daring. Bayar lewat transfer bank dan serahkan buktinya ke admin.");
        }

        var quote = await QuoteAsync(request, actor, ct);
        if (!quote.Succeeded)
        {
            return Outcome.Refused<CheckoutStarted>(quote.Errors);
        }

        var lines = quote.Value!.Lines;
        if (lines.Count == 0)
        {
            return Outcome.Refused<CheckoutStarted>("sponsorshipIds", "Tidak ada iuran yang dapat dibayar untuk pilihan ini.");
        }

        // The months not owed yet, created as the monthly run would create them: once, whatever runs first.
        foreach (var month in lines.Where(l => !l.Exists).GroupBy(l => l.Month).OrderBy(g => g.Key))
        {
            await run.OweAheadAsync(month.Key, [.. month.Select(l => l.SponsorshipId).Distinct()], ct);
        }

        var months = lines.Select(l => (l.SponsorshipId, l.Month)).ToHashSet();
        var sponsorshipIds = lines.Select(l => l.SponsorshipId).Distinct().ToArray();
        var owed = (await db.Dues.AsNoTracking().Where(d => sponsorshipIds.Contains(d.SponsorshipId) && d.Paid < d.Amount).ToListAsync(ct))
            .Where(d => months.Contains((d.SponsorshipId, d.Month))).OrderBy(d => d.Month).ThenBy(d => d.SponsorshipId).ToList();
        if (owed.Count == 0)
        {
            return Outcome.Refused<CheckoutStarted>("sponsorshipIds", "Iuran bulan-bulan ini sudah lunas.");
        }

        var checkout = new Checkout
        {
            Id = Guid.CreateVersion7(),
            Provider = provider.Name,
            ContentKey = ContentKey(tenant.Id, actor, owed.Select(d => (d.Id, d.Amount - d.Paid))),
            Status = CheckoutStatus.Open,
            Amount = owed.Sum(d => d.Amount - d.Paid),
            Months = quote.Value.Months,
            AsnId = actor.AsnId,
            CompanyId = actor.AsnId is null ? actor.CompanyId : null,
            CreatedBy = actor.UserName,
            Lines = [.. owed.Select(d => new CheckoutLine { DueId = d.Id, SponsorshipId = d.SponsorshipId, Month = d.Month, Amount = d.Amount - d.Paid })],
        };

        // An open checkout for the same months whose page has expired is over, and so is one whose page never came
        // (its request died between saving it and hearing from the provider): a new one may start.
        var now = time.GetUtcNow();
        var stalled = now.AddMinutes(-2);
        await db.Checkouts.Where(c => c.ContentKey == checkout.ContentKey && c.Status == CheckoutStatus.Open
                && (c.ExpiresAt < now || (c.CheckoutUrl == null && c.CreatedAt < stalled)))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CheckoutStatus.Expired), ct);
        db.Checkouts.Add(checkout);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The other click of a double click: it asks the provider; this one waits for its page and shows the same.
            db.ChangeTracker.Clear();
            return await FirstClickAsync(checkout.ContentKey, ct);
        }

        // One line per month on the provider's page (Stripe takes at most 100): "Iuran JKK-JKM Desember 2026, 5 pekerja".
        var start = new CheckoutStart(
            checkout,
            [.. checkout.Lines.GroupBy(l => l.Month).OrderBy(g => g.Key)
                .Select(g => new CheckoutLineText($"Iuran JKK-JKM {Shell.Formats.Month(g.Key)}, {g.Count()} pekerja", g.Sum(l => l.Amount)))],
            regencyUrl,
            $"{regencyUrl}/bayar/hasil/{checkout.Id}",
            $"{regencyUrl}/bayar/hasil/{checkout.Id}?batal=1",
            // Derived from what is paid and the attempt: a retry of this request sends the same key and the same
            // parameters, and the provider answers with the same session.
            $"gotakeren-{checkout.ContentKey[..32]}-{checkout.Id:N}");
        ProviderSession session;
        try
        {
            session = await provider.StartAsync(account, start, ct);
        }
        catch (ProviderUnavailableException e)
        {
            await db.Checkouts.Where(c => c.Id == checkout.Id && c.Status == CheckoutStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CheckoutStatus.Failed).SetProperty(c => c.FailureReason, e.Message), ct);
            return Outcome.Refused<CheckoutStarted>("provider", e.Message);
        }

        await db.Checkouts.Where(c => c.Id == checkout.Id).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.SessionId, session.SessionId)
            .SetProperty(c => c.CheckoutUrl, session.Url)
            .SetProperty(c => c.ExpiresAt, session.ExpiresAt), ct);
        return Outcome.Done(new CheckoutStarted(checkout.Id, checkout.Provider, session.Url, checkout.Amount, Existing: false));
    }

    /// <summary>Waits a few seconds for the first click's page; only the request that created a checkout may fail it.</summary>
    private async Task<Outcome<CheckoutStarted>> FirstClickAsync(string contentKey, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++)
        {
            var first = await db.Checkouts.AsNoTracking().Where(c => c.ContentKey == contentKey).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
            if (first?.CheckoutUrl is { } url && first.Status == CheckoutStatus.Open)
            {
                return Outcome.Done(new CheckoutStarted(first.Id, first.Provider, url, first.Amount, Existing: true));
            }

            if (first is null || first.Status != CheckoutStatus.Open)
            {
                return Outcome.Refused<CheckoutStarted>("provider", first?.FailureReason ?? "Pembayaran ini baru saja dimulai dari klik lain dan belum siap. Muat ulang halaman ini.");
            }

            await Task.Delay(200, ct);
        }

        return Outcome.Refused<CheckoutStarted>("provider", "Halaman pembayaran sedang disiapkan oleh klik sebelumnya. Tunggu sebentar lalu muat ulang halaman ini.");
    }

    private async Task<Outcome<List<Sponsorship>>> ChooseAsync(CheckoutRequest request, Actor actor, CancellationToken ct)
    {
        if (actor.AsnId is null && actor.CompanyId is null)
        {
            return Outcome.Refused<List<Sponsorship>>("sponsorshipIds", "Pembayaran daring dilakukan oleh ASN atau perusahaan penyantun sendiri; admin mencatat transfer lewat halaman iuran.");
        }

        var payable = Payable(actor).Include(s => s.Worker).AsNoTracking();
        if (request.PledgeId is { } pledgeId)
        {
            if (actor.CompanyId is not { } companyId || !await db.Pledges.AnyAsync(p => p.Id == pledgeId && p.CompanyId == companyId && p.CancelledAt == null, ct))
            {
                return Outcome.Refused<List<Sponsorship>>("pledgeId", "Komitmen ini tidak ditemukan pada perusahaan Anda.");
            }

            var all = await payable.OrderBy(s => s.CreatedAt).ToListAsync(ct);
            return all.Count == 0
                ? Outcome.Refused<List<Sponsorship>>("pledgeId", "Belum ada pekerja aktif yang iurannya dibayar perusahaan secara daring.")
                : Outcome.Done(all);
        }

        var ids = request.SponsorshipIds?.Distinct().ToArray() ?? [];
        if (ids.Length is 0 or > 500)
        {
            return Outcome.Refused<List<Sponsorship>>("sponsorshipIds", "Pilih paling sedikit satu pekerja yang akan dibayar iurannya.");
        }

        var found = await payable.Where(s => ids.Contains(s.Id)).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        return found.Count == ids.Length
            ? Outcome.Done(found)
            : Outcome.Refused<List<Sponsorship>>("sponsorshipIds", "Sebagian pekerja yang dipilih tidak dapat dibayar daring oleh Anda: bukan perlindungan Anda, belum aktif, atau iurannya dipotong dari gaji.");
    }

    private static string ContentKey(Guid tenantId, Actor actor, IEnumerable<(Guid DueId, long Amount)> lines)
    {
        var text = new StringBuilder($"{tenantId}|{actor.AsnId}|{actor.CompanyId}");
        foreach (var (dueId, amount) in lines.OrderBy(l => l.DueId))
        {
            text.Append('|').Append(dueId).Append(':').Append(amount);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
