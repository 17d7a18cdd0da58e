using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Contributions;

internal sealed class DueConfiguration : IEntityTypeConfiguration<Due>
{
    public void Configure(EntityTypeBuilder<Due> builder)
    {
        builder.ToTable("dues");
        builder.Property(d => d.Package).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Sector).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.TariffLegalBasis).HasMaxLength(200);
        builder.Property(d => d.DiscountLegalBasis).HasMaxLength(200);
        // A writer that read a month before another paid it fails instead of overwriting.
        builder.Property(d => d.Paid).IsConcurrencyToken();
        builder.HasOne(d => d.Sponsorship).WithMany().HasForeignKey(d => d.SponsorshipId).OnDelete(DeleteBehavior.Restrict);
        // A month is owed once: a repeated or concurrent run inserts nothing new.
        builder.HasIndex(d => new { d.SponsorshipId, d.Month }).IsUnique();
        builder.HasIndex(d => d.Month);
        // The last guard against paying a month twice: whatever the race, no month takes more than it owes.
        builder.ToTable(t => t.HasCheckConstraint("ck_dues_paid", "paid >= 0 AND paid <= amount"));
    }
}

internal sealed class PaymentAllocationConfiguration : IEntityTypeConfiguration<PaymentAllocation>
{
    public void Configure(EntityTypeBuilder<PaymentAllocation> builder)
    {
        builder.ToTable("payment_allocations", t => t.HasCheckConstraint("ck_payment_allocations_amount", "amount > 0"));
        builder.HasKey(a => new { a.PaymentId, a.DueId });
        builder.HasOne<Payment>().WithMany().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Due).WithMany().HasForeignKey(a => a.DueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.DueId);
    }
}

internal sealed class ContributionCycleConfiguration : IEntityTypeConfiguration<ContributionCycle>
{
    public void Configure(EntityTypeBuilder<ContributionCycle> builder)
    {
        builder.ToTable("contribution_cycles");
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Error).HasMaxLength(500);
        builder.Property(c => c.StartedBy).HasMaxLength(256);
        builder.HasIndex(c => c.Month).IsUnique();
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.ProofFileName).HasMaxLength(200);
        builder.Property(p => p.ProofContentType).HasMaxLength(100);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.HasOne<Organisation.Asn>().WithMany().HasForeignKey(p => p.AsnId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Companies.Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Protection.Sponsorship>().WithMany().HasForeignKey(p => p.SponsorshipId).OnDelete(DeleteBehavior.Restrict);
        // The same transfer, receipt or deduction line recorded twice is refused here, whatever the race.
        builder.HasIndex(p => new { p.Method, p.Reference }).IsUnique();
        builder.HasIndex(p => p.AsnId);
        builder.HasIndex(p => p.CompanyId);
        builder.HasIndex(p => p.SponsorshipId);
        // Each monthly run looks for payments with credit left: few, among many.
        builder.HasIndex(p => p.Credit, "ix_payments_with_credit").HasFilter("credit > 0");
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payments_amount", "amount >= 0 AND credit >= 0 AND refunded >= 0 AND credit + refunded <= amount");
            t.HasCheckConstraint("ck_payments_one_payer", "(asn_id IS NOT NULL)::int + (company_id IS NOT NULL)::int = 1");
        });
    }
}
