using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Payments;

/// <summary>
/// One attempt to pay a set of months online: the months and their amounts are fixed when it starts, the
/// provider's page takes the money, and only the provider's signed notification turns it into a payment.
/// </summary>
public sealed class Checkout : ITenantOwned, Data.IHasCreatedAt
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Provider { get; set; }

    /// <summary>What is being paid (payer, months, amounts), hashed: two clicks on the same thing find one open checkout.</summary>
    public required string ContentKey { get; set; }
    public CheckoutStatus Status { get; set; }
    public long Amount { get; set; }
    public int Months { get; set; }
    public Guid? AsnId { get; set; }
    public Guid? CompanyId { get; set; }

    public string? SessionId { get; set; }
    public string? CheckoutUrl { get; set; }

    /// <summary>The provider's id of the money itself (Stripe's payment intent): what its refunds name.</summary>
    public string? ProviderPaymentId { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The payment the notification created: set once, so a repeated notice finds it and does nothing.</summary>
    public Guid? PaymentId { get; set; }

    /// <summary>What the provider says it has refunded in all, in rupiah; the months it reopened follow it.</summary>
    public long Refunded { get; set; }
    public string? FailureReason { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<CheckoutLine> Lines { get; set; } = [];
}

public enum CheckoutStatus
{
    /// <summary>Waiting on the provider's page.</summary>
    Open,

    /// <summary>The person finished, the money is on its way (a bank transfer): not paid until the provider says so.</summary>
    Processing,
    Paid,
    Failed,
    Expired,
    Refunded,
}

/// <summary>One worker-month of a checkout: a line item on the provider's page and the month the money goes to.</summary>
public sealed class CheckoutLine : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid CheckoutId { get; set; }
    public Guid DueId { get; set; }
    public Guid SponsorshipId { get; set; }
    public DateOnly Month { get; set; }
    public long Amount { get; set; }
}

/// <summary>
/// Every notification any provider sent, stored once per (provider, event id) in the transaction that applies it:
/// a repeat, a retry or a second node receiving the same event finds the row and changes nothing.
/// </summary>
public sealed class ProviderEvent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Provider { get; set; }
    public required string EventId { get; set; }
    public required string Type { get; set; }
    public Guid? CheckoutId { get; set; }

    /// <summary>What the event did, in words for the admin ("diterapkan", "diabaikan: ...").</summary>
    public required string Result { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    // The verified notice in the inbox's own terms, kept so it can be applied after the provider has its answer.
    public NoticeKind Kind { get; set; }
    public string? SessionId { get; set; }
    public string? ProviderPaymentId { get; set; }
    public long Amount { get; set; }
    public long RefundedTotal { get; set; }
    public string? Reason { get; set; }

    /// <summary>When its effect (or the decision that it has none) was written; null while it waits.</summary>
    public DateTimeOffset? AppliedAt { get; set; }

    /// <summary>Not tried again before this (a refund whose payment is not here yet, or a failed attempt).</summary>
    public DateTimeOffset? RetryAt { get; set; }
    public int Attempts { get; set; }
}

internal sealed class CheckoutConfiguration : IEntityTypeConfiguration<Checkout>
{
    public void Configure(EntityTypeBuilder<Checkout> builder)
    {
        builder.ToTable("checkouts", t => t.HasCheckConstraint("ck_checkouts_amounts", "amount > 0 AND refunded >= 0 AND refunded <= amount"));
        builder.Property(c => c.Provider).HasMaxLength(32);
        builder.Property(c => c.ContentKey).HasMaxLength(64);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.SessionId).HasMaxLength(255);
        builder.Property(c => c.CheckoutUrl).HasMaxLength(2000);
        builder.Property(c => c.ProviderPaymentId).HasMaxLength(255);
        builder.Property(c => c.FailureReason).HasMaxLength(500);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CheckoutId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contributions.Payment>().WithMany().HasForeignKey(c => c.PaymentId).OnDelete(DeleteBehavior.Restrict);
        // A double click on "Bayar": the second insert meets the first's open checkout and shows the same page.
        builder.HasIndex(c => c.ContentKey, "ix_checkouts_one_open").IsUnique().HasFilter("status = 'Open'");
        builder.HasIndex(c => new { c.Provider, c.SessionId }).IsUnique();
        builder.HasIndex(c => new { c.Provider, c.ProviderPaymentId });
        builder.HasIndex(c => c.PaymentId).IsUnique();
        builder.HasIndex(c => c.AsnId);
        builder.HasIndex(c => c.CompanyId);
    }
}

internal sealed class CheckoutLineConfiguration : IEntityTypeConfiguration<CheckoutLine>
{
    public void Configure(EntityTypeBuilder<CheckoutLine> builder)
    {
        builder.ToTable("checkout_lines", t => t.HasCheckConstraint("ck_checkout_lines_amount", "amount > 0"));
        builder.HasKey(l => new { l.CheckoutId, l.DueId });
        builder.HasOne<Contributions.Due>().WithMany().HasForeignKey(l => l.DueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.DueId);
    }
}

internal sealed class ProviderEventConfiguration : IEntityTypeConfiguration<ProviderEvent>
{
    public void Configure(EntityTypeBuilder<ProviderEvent> builder)
    {
        builder.ToTable("provider_events");
        builder.Property(e => e.Provider).HasMaxLength(32);
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Result).HasMaxLength(500);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.SessionId).HasMaxLength(255);
        builder.Property(e => e.ProviderPaymentId).HasMaxLength(255);
        builder.Property(e => e.Reason).HasMaxLength(500);
        // The inbox's one rule: an event is applied once, whatever repeats it.
        builder.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
        builder.HasIndex(e => e.CheckoutId);
        // What waits to be applied: a handful of rows among millions, found without reading the others.
        builder.HasIndex(e => e.Id, "ix_provider_events_waiting").HasDatabaseName("ix_provider_events_waiting").HasFilter("applied_at IS NULL");
    }
}
