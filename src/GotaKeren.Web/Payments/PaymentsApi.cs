using GotaKeren.Web.Api;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Payments;

public static class PaymentsApi
{
    /// <summary>A webhook body larger than this is not an event from a provider.</summary>
    public const int MaxNotificationBytes = 256 * 1024;

    public sealed record CheckoutBody(IReadOnlyList<Guid>? SponsorshipIds, Guid? PledgeId, int? Months);

    public sealed record CheckoutResponse(Guid PaymentId, string Provider, string CheckoutUrl, long Amount);

    public sealed record CheckoutLineRow(Guid SponsorshipId, string Month, long Amount);

    public sealed record CheckoutRow(
        Guid PaymentId, string Provider, CheckoutStatus Status, long Amount, long Refunded, int Months, string? CheckoutUrl,
        Guid? AppliedPaymentId, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, IReadOnlyList<CheckoutLineRow> Lines);

    public static void MapPaymentsApi(this RouteGroupBuilder api)
    {
        var payers = api.MapGroup("").RequireAuthorization(Policies.Protection);

        payers.MapPost("/payments/checkout", async Task<Results<Created<CheckoutResponse>, Ok<CheckoutResponse>, ProblemHttpResult>> (
                CheckoutBody body, OnlineCheckouts checkouts, CurrentActor current, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await checkouts.StartAsync(new CheckoutRequest(body.SponsorshipIds, body.PledgeId, body.Months), await current.GetAsync(ct), Tenancy.RegencyUrl.Of(http.Request), ct);
                if (!outcome.Succeeded)
                {
                    return ApiProblems.Unprocessable(outcome.Errors);
                }

                var started = outcome.Value!;
                var response = new CheckoutResponse(started.CheckoutId, started.Provider, started.CheckoutUrl, started.Amount);
                return started.Existing ? TypedResults.Ok(response) : TypedResults.Created($"payments/{started.CheckoutId}", response);
            })
            .WithName("StartCheckout")
            .WithSummary("Mulai pembayaran daring: {sponsorshipIds | pledgeId, months}; jawabannya alamat halaman bayar penyedia. Klik ganda memberi halaman yang sama.");

        payers.MapGet("/payments/{id:guid}", async Task<Results<Ok<CheckoutRow>, NotFound>> (Guid id, AppDbContext db, CurrentActor current, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                var checkout = await db.Checkouts.AsNoTracking().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == id, ct);
                return checkout is not null && MaySee(actor, checkout) ? TypedResults.Ok(Row(checkout)) : TypedResults.NotFound();
            })
            .WithName("GetCheckout")
            .WithSummary("Keadaan satu pembayaran daring: terbuka, diproses, lunas, gagal, kedaluwarsa atau dikembalikan");

        // The provider calls this; it proves itself with its signature over the raw body, not with a session.
        api.MapPost("/payments/webhooks/{provider}", async Task<IResult> (string provider, HttpRequest request, PaymentInbox inbox, CancellationToken ct) =>
            {
                if (await ReadBoundedAsync(request, ct) is not { } body)
                {
                    return TypedResults.Problem(statusCode: 413, title: "Notifikasi terlalu besar.", detail: $"Notifikasi penyedia pembayaran paling besar {MaxNotificationBytes / 1024} KB.");
                }

                var result = await inbox.ReceiveAsync(provider, body, request.Headers["Stripe-Signature"].FirstOrDefault(), ct);
                return result.Outcome switch
                {
                    InboxOutcome.Refused => TypedResults.Problem(statusCode: 400, title: "Notifikasi ditolak.", detail: result.Message),
                    InboxOutcome.Waiting => TypedResults.Accepted((string?)null, new { received = true, outcome = result.Outcome.ToString(), result.Message }),
                    _ => TypedResults.Ok(new { received = true, outcome = result.Outcome.ToString(), result.Message }),
                };
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("PaymentWebhook")
            .WithSummary("Notifikasi bertanda tangan dari penyedia pembayaran (stripe, sandbox); sekali berlaku per id peristiwa");
    }

    /// <summary>The raw body, which the signature covers, or null when it is larger than any provider's event.</summary>
    private static async Task<string?> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxNotificationBytes)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var body = new System.Text.StringBuilder();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxNotificationBytes)
            {
                return null;
            }

            body.Append(buffer, 0, read);
        }

        return body.ToString();
    }

    public static bool MaySee(Actor actor, Checkout checkout) =>
        actor.IsAdmin || (actor.AsnId is { } asn && checkout.AsnId == asn) || (actor.AsnId is null && actor.CompanyId is { } company && checkout.CompanyId == company);

    public static CheckoutRow Row(Checkout c) => new(
        c.Id, c.Provider, c.Status, c.Amount, c.Refunded, c.Months, c.Status == CheckoutStatus.Open ? c.CheckoutUrl : null, c.PaymentId, c.CreatedAt, c.CompletedAt,
        [.. c.Lines.OrderBy(l => l.Month).Select(l => new CheckoutLineRow(l.SponsorshipId, Contributions.MonthlyRun.MonthText(l.Month), l.Amount))]);
}
