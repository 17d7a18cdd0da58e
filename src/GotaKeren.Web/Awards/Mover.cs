using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GotaKeren.Web.Awards;

public enum MoverKind
{
    /// <summary>A person: a village head, a cadre, a religious leader who brought workers in.</summary>
    Person,

    /// <summary>A village (desa/kelurahan) that moved as a whole, e.g. paying its own workers from the village fund.</summary>
    Village,
}

/// <summary>
/// A community mover (penggerak) the regency recognises: who, where, what they did and in which year, recorded by
/// the admin for the awards ceremony and its certificate.
/// </summary>
public sealed class Mover : ITenantOwned, Data.IHasCreatedAt, Data.IHasUpdatedAt
{
    public const int NameLength = 200;
    public const int PlaceLength = 200;
    public const int DeedsLength = 1000;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public MoverKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>Where they work, as written ("Desa Sukamaju, Kecamatan Kaliwungu").</summary>
    public string? Place { get; set; }

    /// <summary>What they did, one or two sentences; printed on the certificate.</summary>
    public required string Deeds { get; set; }
    public int Year { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string Label(MoverKind kind) => kind == MoverKind.Village ? "Desa/kelurahan" : "Perorangan";
}

internal sealed class MoverConfiguration : IEntityTypeConfiguration<Mover>
{
    public void Configure(EntityTypeBuilder<Mover> builder)
    {
        builder.ToTable("movers");
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Name).HasMaxLength(Mover.NameLength);
        builder.Property(m => m.Place).HasMaxLength(Mover.PlaceLength);
        builder.Property(m => m.Deeds).HasMaxLength(Mover.DeedsLength);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.HasIndex(m => new { m.Year, m.Name }).HasDatabaseName("ix_movers_year_name");
    }
}
