using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Awards;

/// <summary>
/// The awards' certificates (piagam) from the achievement-award template, signed for the regent and registered for
/// the public verification page (the QR code), as the companies' pledge award is.
/// </summary>
public sealed class AwardCertificates(AppDbContext db, Rankings rankings, DocumentService documents, RulesInForce inForce, TenantContext scope)
{
    public const string OpdKind = "opd-award";
    public const string CompanyKind = "company-ranking-award";
    public const string MoverKind = "mover-award";

    /// <summary>A unit's certificate for its place in <paramref name="month"/>; null when the unit is not ranked then or no rules are in force.</summary>
    public async Task<byte[]?> OpdAsync(Guid opdId, DateOnly month, string baseUrl, CancellationToken ct)
    {
        var ranks = await rankings.OpdsAsync(month, ct);
        if (ranks.FirstOrDefault(r => r.OpdId == opdId) is not { } rank)
        {
            return null;
        }

        var share = rank.Percent is { } p ? Shell.Formats.Percent(p) : "0%";
        return await RenderAsync(OpdKind, opdId, rank.Name, "OPD Peduli Pekerja Rentan",
            $"{share} ASN ikut melindungi pekerja rentan ({rank.AsnParticipating} dari {rank.AsnObliged} ASN wajib), peringkat {rank.Rank} dari {ranks.Count} OPD, {Shell.Formats.Month(month)}",
            rules => $"atas partisipasi ASN-nya dalam {rules.MovementTitle} {scope.Tenant!.Name}",
            baseUrl, ct);
    }

    /// <summary>A company's certificate for its place among the companies protecting workers today.</summary>
    public async Task<byte[]?> CompanyAsync(Guid companyId, string baseUrl, CancellationToken ct)
    {
        var ranks = await rankings.CompaniesAsync(ct);
        if (ranks.FirstOrDefault(r => r.CompanyId == companyId) is not { } rank)
        {
            return null;
        }

        return await RenderAsync(CompanyKind, companyId, rank.Name, "Perusahaan Peduli Pekerja Rentan",
            $"melindungi {rank.WorkersProtected} ({IndonesianFormat.Words(rank.WorkersProtected)}) pekerja rentan, peringkat {rank.Rank} dari {ranks.Count} perusahaan, {Shell.Formats.Date(inForce.Today)}",
            rules => $"atas kepeduliannya melindungi pekerja rentan melalui program jaminan sosial ketenagakerjaan dalam {rules.MovementTitle} {scope.Tenant!.Name}",
            baseUrl, ct);
    }

    public async Task<byte[]?> MoverAsync(Guid moverId, string baseUrl, CancellationToken ct)
    {
        var mover = await db.Movers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == moverId, ct);
        if (mover is null)
        {
            return null;
        }

        var recipient = mover.Place is { Length: > 0 } place && mover.Kind == Awards.MoverKind.Person ? $"{mover.Name} ({place})" : mover.Name;
        return await RenderAsync(MoverKind, moverId, recipient,
            mover.Kind == Awards.MoverKind.Village ? $"Desa Penggerak Perlindungan Pekerja Rentan {mover.Year}" : $"Penggerak Perlindungan Pekerja Rentan {mover.Year}",
            mover.Deeds.TrimEnd('.'),
            rules => $"atas jasanya menggerakkan masyarakat dalam {rules.MovementTitle} {scope.Tenant!.Name}",
            baseUrl, ct);
    }

    private async Task<byte[]?> RenderAsync(string kind, Guid subjectId, string recipient, string category, string achievement, Func<ProgrammeRules, string> citation, string baseUrl, CancellationToken ct)
    {
        // The regent signs: without a circular letter in force there is no signatory to print.
        if (await inForce.CurrentAsync(ct) is not { } rules)
        {
            return null;
        }

        var url = await documents.IssueAsync(kind, Truncate($"Piagam penghargaan: {recipient}, {category}. {achievement}", 300), baseUrl, subjectId, ct);
        var letterhead = await documents.LetterheadAsync(ct);
        var model = new AchievementAwardModel(
            letterhead with { GovernmentName = rules.SignatoryTitle.ToUpperInvariant(), AgencyName = "" },
            url[(url.LastIndexOf('/') + 1)..],
            recipient,
            category,
            achievement,
            citation(rules),
            url,
            scope.Tenant!.Name.Replace("Kabupaten ", "", StringComparison.Ordinal),
            inForce.Today,
            new Signatory(rules.SignatoryName, rules.SignatoryTitle));
        return await documents.RenderPdfAsync(TemplateNames.AchievementAward, model, ct);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
