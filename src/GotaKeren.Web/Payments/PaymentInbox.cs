using System.Collections.Concurrent;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GotaKeren.Web.Payments;

public enum InboxOutcome
{
    Applied,

    /// <summary>Seen before: nothing done again, and the provider is told all is well so it stops resending.</summary>
    Duplicate,

    /// <summary>Kept, nothing to do (an event after the fact, or one the inbox does not act on).</summary>
    Ignored,

    /// <summary>Not verifiable: refused, nothing stored.</summary>
    Refused,

    /// <summary>Stored and safe, applied later (a refund whose payment is still on its way): the provider need not resend.</summary>
    Waiting,
}

public sealed record InboxResult(InboxOutcome Outcome, string Message, Guid? CheckoutId = null);

/// <summary>
/// The one door for every provider's notification, in two steps. The webhook verifies the event with the regency's
/// own secret and stores it in <c>provider_events</c> (unique per provider and event id), so a repeat, a retry or a
/// second node adds nothing. Then waiting events are applied in batches, one applier per regency at a time: each
/// batch takes its checkouts' row locks and their payers' locks and writes payments, months, checkouts and the
/// events' "applied" mark in one transaction. The request that stored an event answers once its event is applied,
/// whoever applied it; under load one request applies the events of all the others that arrived meanwhile, which is
/// what makes 200 events a second possible on two cores. Fulfilment comes only from here, never from the person's
/// return to the site.
/// </summary>
public sealed class PaymentInbox(
    AppDbContext db, TenantContext scope, PaymentAccounts accounts, IEnumerable<IPaymentProvider> providers,
    PaymentDesk desk, InboxLanes lanes, JobQueue jobs, Mail.Mailer mailer, TimeProvider time, ILogger<PaymentInbox> logger)
{
    /// <summary>Events applied in one transaction at most: enough to absorb a burst, small enough to keep locks short.</summary>
    public const int BatchSize = 200;

    /// <summary>As long as Stripe itself keeps resending an event: a refund whose payment never came is then let go.</summary>
    private static readonly TimeSpan RefundWaitsForItsPayment = TimeSpan.FromDays(3);

    /// <summary>How long a webhook waits for its event to be applied before answering that it is stored.</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(20);

    public async Task<InboxResult> ReceiveAsync(string providerName, string body, string? signature, CancellationToken ct)
    {
        var account = accounts.For(scope.Tenant!);
        var provider = providers.FirstOrDefault(p => string.Equals(p.Name, providerName, StringComparison.Ordinal));
        if (account is null || provider is null || account.Provider != provider.Name)
        {
            return new InboxResult(InboxOutcome.Refused, $"Penyedia pembayaran \"{providerName}\" tidak dipakai kabupaten ini.");
        }

        ProviderNotice notice;
        try
        {
            notice = provider.Read(account, body, signature);
        }
        catch (NoticeRefusedException e)
        {
            logger.LogWarning("Refused a {Provider} notification for {Regency}: {Reason}", providerName, scope.Tenant!.Slug, e.Message);
            return new InboxResult(InboxOutcome.Refused, e.Message);
        }

        // One connection for storing and applying: each open costs a round trip to set the regency on it.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await StoreAndApplyAsync(provider.Name, notice, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<InboxResult> StoreAndApplyAsync(string providerName, ProviderNotice notice, CancellationToken ct)
    {
        if (await StoreAsync(providerName, notice, ct) is not { } id)
        {
            return new InboxResult(InboxOutcome.Duplicate, "Notifikasi ini sudah diterima sebelumnya.");
        }

        var lane = lanes.For(scope.Tenant!.Id);
        var answer = lane.Expect(id);
        try
        {
            // Not the request's token: whoever applies applies for the others waiting too, and must finish.
            await DrainAsync(CancellationToken.None);
            return await answer.WaitAsync(AnswerWithin, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stored, so nothing is lost: the sweep applies it within a minute. The provider need not resend.
            logger.LogWarning(e, "A {Provider} event of {Regency} is stored but not applied yet", providerName, scope.Tenant!.Slug);
            lane.Forget(id);
            return new InboxResult(InboxOutcome.Waiting, "Notifikasi disimpan dan akan diterapkan sebentar lagi.");
        }
    }

    /// <summary>
    /// Applies every waiting event of the regency, unless this node is already doing so (then that one will see
    /// them), and answers the webhooks waiting for them.
    /// </summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        var lane = lanes.For(scope.Tenant!.Id);
        for (var round = 0; round < 100 && lane.TryEnter(); round++)
        {
            try
            {
                while (true)
                {
                    var batch = await ApplyBatchAsync(BatchSize, ct);
                    foreach (var (id, result) in batch)
                    {
                        lane.Settle(id, result);
                    }

                    // A payment may have woken a refund that waited for it: one more look then.
                    if (batch.Count < BatchSize && lane.IsIdle && !paidInLastBatch)
                    {
                        break;
                    }

                    if (batch.Count == 0)
                    {
                        // Webhooks still waiting whose events no batch here can take: applied elsewhere, or waiting. One
                        // that another applier holds right now is looked at again shortly.
                        if (await SettleTheRestAsync(lane, ct) > 0)
                        {
                            await Task.Delay(50, ct);
                        }

                        break;
                    }
                }
            }
            finally
            {
                lane.Leave();
            }

            // An event stored after the last batch looked, whose request saw this lane busy: apply it too.
            if (lane.IsIdle)
            {
                return;
            }
        }
    }

    private async Task<Guid?> StoreAsync(string provider, ProviderNotice notice, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var stored = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO provider_events (tenant_id, id, provider, event_id, type, kind, checkout_id, session_id, provider_payment_id,
                                         amount, refunded_total, reason, result, occurred_at, received_at, attempts)
            VALUES ({scope.Tenant!.Id}, {id}, {provider}, {notice.EventId}, {notice.Type}, {notice.Kind.ToString()}, {notice.CheckoutId}, {notice.SessionId},
                    {notice.ProviderPaymentId}, {notice.Amount}, {notice.RefundedTotal}, {notice.Reason}, {"menunggu diterapkan"}, {notice.OccurredAt},
                    {time.GetUtcNow()}, 0)
            ON CONFLICT DO NOTHING
            """, ct);
        return stored == 1 ? id : null;
    }

    /// <summary>One batch; a batch that fails is applied again one event at a time, and the event at fault set aside.</summary>
    private async Task<IReadOnlyList<(Guid Id, InboxResult Result)>> ApplyBatchAsync(int limit, CancellationToken ct)
    {
        var picked = new List<ProviderEvent>();
        try
        {
            return await ApplyAsync(limit, picked, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && picked.Count > 0)
        {
            db.ChangeTracker.Clear();
            if (picked.Count > 1)
            {
                // One bad event must not hold back the others.
                var results = new List<(Guid, InboxResult)>();
                for (var i = 0; i < picked.Count; i++)
                {
                    results.AddRange(await ApplyBatchAsync(1, ct));
                }

                return results;
            }

            var failed = picked[0];
            logger.LogError(e, "The {Provider} event {EventId} of {Regency} could not be applied; set aside and tried again later", failed.Provider, failed.EventId, scope.Tenant!.Slug);
            var attempts = failed.Attempts + 1;
            var retryAt = time.GetUtcNow().AddMinutes(Math.Min(60, Math.Pow(2, attempts)));
            var result = $"gagal diterapkan (percobaan ke-{attempts}); dicoba lagi";
            await db.ProviderEvents.Where(x => x.Id == failed.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Attempts, attempts).SetProperty(x => x.RetryAt, retryAt).SetProperty(x => x.Result, result), ct);
            return [(failed.Id, new InboxResult(InboxOutcome.Waiting, result, failed.CheckoutId))];
        }
    }

    private bool paidInLastBatch;

    private async Task<IReadOnlyList<(Guid Id, InboxResult Result)>> ApplyAsync(int limit, List<ProviderEvent> picked, CancellationToken ct)
    {
        paidInLastBatch = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Rows another applier (another node, or the sweep) holds are skipped, not waited for; a row it applied meanwhile
        // is re-read under the lock and no longer waiting, so no event is applied twice.
        var now = time.GetUtcNow();
        var events = await db.ProviderEvents.FromSql($"""
            SELECT * FROM provider_events e
            WHERE e.applied_at IS NULL
              AND (e.retry_at IS NULL OR e.retry_at <= {now}
                   OR (e.kind = 'Refunded' AND EXISTS (SELECT 1 FROM checkouts c WHERE c.payment_id IS NOT NULL AND c.provider = e.provider
                                                       AND (c.id = e.checkout_id OR c.provider_payment_id = e.provider_payment_id))))
            ORDER BY e.id
            LIMIT {limit}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        picked.AddRange(events);
        if (events.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return [];
        }

        var checkouts = await LockCheckoutsAsync(events, ct);
        var paidPayers = events.Where(e => e.Kind == NoticeKind.Paid).Select(e => Find(checkouts, e)).OfType<Checkout>()
            .Where(c => c.PaymentId is null).Select(c => c.AsnId ?? c.CompanyId!.Value).ToHashSet();
        var open = paidPayers.Count > 0 ? await desk.OpenDuesOfAsync(paidPayers, ct) : [];
        paidInLastBatch = paidPayers.Count > 0;
        var results = new List<(Guid, InboxResult)>(events.Count);
        foreach (var inbox in events)
        {
            var checkout = Find(checkouts, inbox);
            inbox.CheckoutId = checkout?.Id;
            inbox.Attempts++;
            if (inbox.Kind == NoticeKind.Refunded && checkout?.PaymentId is null && now - inbox.ReceivedAt < RefundWaitsForItsPayment)
            {
                // A refund of money not recorded yet (its payment notice is still on its way, and may be what links the
                // charge to a checkout): it waits for the payment, which wakes it (the select above), or for a while.
                inbox.RetryAt = now.AddMinutes(Math.Min(60, inbox.Attempts));
                inbox.Result = "menunggu: pembayarannya belum tercatat";
                results.Add((inbox.Id, new InboxResult(InboxOutcome.Waiting, inbox.Result, checkout?.Id)));
                continue;
            }

            var applied = false;
            if (checkout is null)
            {
                inbox.Result = inbox.Kind == NoticeKind.Other ? "diabaikan: jenis notifikasi tidak dipakai" : "diabaikan: pembayaran tidak dikenal di kabupaten ini";
            }
            else
            {
                (inbox.Result, applied) = inbox.Kind switch
                {
                    NoticeKind.Paid => await PaidAsync(checkout, inbox, open, ct),
                    NoticeKind.Processing => Move(checkout, CheckoutStatus.Processing, inbox, "diproses: menunggu dana masuk"),
                    NoticeKind.Failed => Move(checkout, CheckoutStatus.Failed, inbox, "gagal"),
                    NoticeKind.Expired => Move(checkout, CheckoutStatus.Expired, inbox, "kedaluwarsa"),
                    NoticeKind.Refunded => await RefundedAsync(checkout, inbox, ct),
                    _ => ("diabaikan: jenis notifikasi tidak dipakai", false),
                };
            }

            inbox.AppliedAt = now;
            inbox.RetryAt = null;
            results.Add((inbox.Id, new InboxResult(applied ? InboxOutcome.Applied : InboxOutcome.Ignored, inbox.Result, checkout?.Id)));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (results.Any(r => r.Item2.Outcome == InboxOutcome.Applied))
        {
            // Once per batch: the regency's figures follow the money (one refresh per regency every half minute at most).
            await desk.RequestRollupsAsync(ct);
        }

        return results;
    }

    /// <summary>
    /// The checkouts the events name, locked until the transaction ends: first their payers' locks, which every
    /// writer to a payer's months takes (PaymentDesk), in one order; then the rows with their months.
    /// </summary>
    private async Task<List<Checkout>> LockCheckoutsAsync(List<ProviderEvent> events, CancellationToken ct)
    {
        var ids = events.Where(e => e.CheckoutId is not null).Select(e => e.CheckoutId!.Value).ToList();
        var sessions = events.Where(e => e.CheckoutId is null && e.SessionId is not null).Select(e => e.SessionId!).ToArray();
        var charges = events.Where(e => e.CheckoutId is null && e.ProviderPaymentId is not null).Select(e => e.ProviderPaymentId!).ToArray();
        if (sessions.Length > 0 || charges.Length > 0)
        {
            // Rare (a refund names its charge, not our id): found first, so the statements below ask by id alone, which
            // the primary key answers; an OR of id, session and charge cost a scan per batch.
            ids.AddRange(await db.Checkouts.Where(c => (c.SessionId != null && sessions.Contains(c.SessionId)) || (c.ProviderPaymentId != null && charges.Contains(c.ProviderPaymentId)))
                .Select(c => c.Id).ToListAsync(ct));
        }

        var named = ids.Distinct().ToArray();
        if (named.Length == 0)
        {
            return [];
        }

        await db.Database.ExecuteSqlInterpolatedAsync($"""
            SELECT count(pg_advisory_xact_lock(k)) FROM (
                SELECT DISTINCT hashtextextended(coalesce(asn_id, company_id)::text, 0) AS k FROM checkouts WHERE id = ANY({named}) ORDER BY 1) AS payers
            """, ct);
        return await db.Checkouts.FromSql($"SELECT * FROM checkouts WHERE id = ANY({named}) FOR UPDATE").Include(c => c.Lines).ToListAsync(ct);
    }

    /// <summary>The checkout an event names: by our own id when the provider echoes it, else by its session or charge.</summary>
    private static Checkout? Find(List<Checkout> checkouts, ProviderEvent inbox) =>
        checkouts.FirstOrDefault(c => c.Provider == inbox.Provider && (inbox.CheckoutId is { } id
            ? c.Id == id
            : (inbox.SessionId is not null && c.SessionId == inbox.SessionId) || (inbox.ProviderPaymentId is not null && c.ProviderPaymentId == inbox.ProviderPaymentId)));

    /// <summary>Money arrived: a payment on the checkout's months, once. Paid after the page expired is still paid.</summary>
    private async Task<(string, bool)> PaidAsync(Checkout checkout, ProviderEvent notice, Dictionary<Guid, List<Due>> open, CancellationToken ct)
    {
        if (checkout.PaymentId is not null)
        {
            return ("diabaikan: pembayaran ini sudah diterapkan", false);
        }

        var paidOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(notice.OccurredAt, TimeZoneInfo.FindSystemTimeZoneById(scope.Tenant!.TimeZone)).DateTime);
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            Method = PaymentMethod.Online,
            Amount = notice.Amount,
            PaidOn = paidOn,
            Reference = $"{checkout.Provider}:{checkout.SessionId ?? checkout.Id.ToString()}",
            AsnId = checkout.AsnId,
            CompanyId = checkout.CompanyId,
            Note = notice.Amount == checkout.Amount ? null : $"Jumlah dari penyedia {Shell.Formats.Rupiah(notice.Amount)} berbeda dari tagihan {Shell.Formats.Rupiah(checkout.Amount)}.",
            RecordedBy = $"{checkout.Provider}:{notice.EventId}",
        };
        checkout.PaymentId = payment.Id;
        checkout.Status = CheckoutStatus.Paid;
        checkout.CompletedAt = notice.OccurredAt;
        checkout.ProviderPaymentId ??= notice.ProviderPaymentId;
        checkout.SessionId ??= notice.SessionId;
        var result = $"diterapkan: {Shell.Formats.Rupiah(payment.Amount)} untuk {checkout.Lines.Count} bulan-pekerja";
        if (mailer.Configured)
        {
            // Queued in this transaction: the receipt goes out once the payment is there, and only then.
            await jobs.EnqueueAsync<PaymentReceiptJob, PaymentReceiptJob.Payload>(new(payment.Id), $"payments.receipt:{payment.Id}", checkout.CreatedBy, ct: ct);
        }

        var recorded = desk.Record(payment, open[checkout.AsnId ?? checkout.CompanyId!.Value], [.. checkout.Lines.Select(l => l.DueId)]);
        return (recorded.Payment.Credit > 0 ? $"{result}, sisa {Shell.Formats.Rupiah(recorded.Payment.Credit)} menjadi saldo" : result, true);
    }

    /// <summary>A state that only matters while nothing was paid: after the money, a late "expired" or "failed" changes nothing.</summary>
    private static (string, bool) Move(Checkout checkout, CheckoutStatus to, ProviderEvent notice, string what)
    {
        if (checkout.PaymentId is not null || checkout.Status is CheckoutStatus.Paid or CheckoutStatus.Refunded)
        {
            return ($"diabaikan: {what} setelah pembayaran diterima", false);
        }

        checkout.Status = to;
        checkout.FailureReason = notice.Reason;
        checkout.ProviderPaymentId ??= notice.ProviderPaymentId;
        return (what, true);
    }

    /// <summary>The provider gives the total refunded so far: only the part not taken back yet reopens months.</summary>
    private async Task<(string, bool)> RefundedAsync(Checkout checkout, ProviderEvent notice, CancellationToken ct)
    {
        var total = Math.Min(notice.RefundedTotal, checkout.Amount);
        var more = total - checkout.Refunded;
        if (checkout.PaymentId is not { } paymentId || more <= 0)
        {
            return ("diabaikan: pengembalian ini sudah tercatat", false);
        }

        // The payment may be one this batch recorded: written first, so the refund finds it.
        await db.SaveChangesAsync(ct);
        var reopened = await desk.RefundAsync(paymentId, more, ct);
        checkout.Refunded = total;
        if (total >= checkout.Amount)
        {
            checkout.Status = CheckoutStatus.Refunded;
        }

        return ($"dikembalikan {Shell.Formats.Rupiah(more)}; {reopened.Count} bulan kembali belum lunas", true);
    }

    /// <summary>
    /// Webhooks waiting for an event no batch of this node took: applied by another node, or set to wait for a
    /// payment. Events still to apply stay, for the next round.
    /// </summary>
    /// <returns>How many are still being applied by someone else.</returns>
    private async Task<int> SettleTheRestAsync(InboxLanes.Lane lane, CancellationToken ct)
    {
        var ids = lane.Expected;
        if (ids.Length == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var rows = await db.ProviderEvents.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.AppliedAt, e.RetryAt, e.Result, e.CheckoutId }).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (row.AppliedAt is not null)
            {
                var outcome = row.Result.StartsWith("diabaikan", StringComparison.Ordinal) ? InboxOutcome.Ignored : InboxOutcome.Applied;
                lane.Settle(row.Id, new InboxResult(outcome, row.Result, row.CheckoutId));
            }
            else if (row.RetryAt > now)
            {
                lane.Settle(row.Id, new InboxResult(InboxOutcome.Waiting, row.Result, row.CheckoutId));
            }
        }

        return lane.Expected.Length;
    }
}

/// <summary>
/// Per regency, on this node: whether someone is applying events, and the webhooks waiting for theirs. Whoever
/// stores an event registers first and then tries to apply; whoever applies looks again after leaving, so no event
/// is left behind between the two.
/// </summary>
public sealed class InboxLanes
{
    private readonly ConcurrentDictionary<Guid, Lane> lanes = new();

    public Lane For(Guid tenantId) => lanes.GetOrAdd(tenantId, _ => new Lane());

    public sealed class Lane
    {
        private readonly ConcurrentDictionary<Guid, TaskCompletionSource<InboxResult>> waiting = new();
        private int applying;

        public Guid[] Expected => [.. waiting.Keys];

        public bool IsIdle => waiting.IsEmpty;

        public Task<InboxResult> Expect(Guid eventId)
        {
            var answer = new TaskCompletionSource<InboxResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[eventId] = answer;
            return answer.Task;
        }

        public void Settle(Guid eventId, InboxResult result)
        {
            if (waiting.TryRemove(eventId, out var answer))
            {
                answer.TrySetResult(result);
            }
        }

        public void Forget(Guid eventId) => waiting.TryRemove(eventId, out _);

        public bool TryEnter() => Interlocked.CompareExchange(ref applying, 1, 0) == 0;

        public void Leave() => Volatile.Write(ref applying, 0);
    }
}

/// <summary>
/// Applies what no webhook applied: events stored by a node that stopped before applying them, refunds that
/// waited for their payment, events set aside after a failure. Every minute, on every node; the regency's lock
/// makes two nodes take turns.
/// </summary>
public sealed class InboxSweep(TenantCatalog catalog, TenantWork work, IOptions<JobOptions> jobs, TimeProvider time, ILogger<InboxSweep> logger) : BackgroundService
{
    public async Task SweepAsync(CancellationToken ct)
    {
        foreach (var tenant in (await catalog.ListAsync(ct)).Where(t => t.Status == TenantStatus.Active))
        {
            try
            {
                await work.RunAsync(tenant.Id, services => services.GetRequiredService<PaymentInbox>().DrainAsync(ct), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Waiting payment events of {Regency} could not be applied; trying again in a minute", tenant.Slug);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!jobs.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepAsync(stoppingToken);
        }
    }
}
